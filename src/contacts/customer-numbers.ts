// The one place contact actions check a typed customer number (transfer, outdial): the agent's dial
// plan, as at login (dial-plan.ts), and a clear message on the field when it does not fit.
import { msg } from '../i18n/message';
import { AppError } from '../errors';
import { checkDialNumber, DEFAULT_DIAL_RULES, type DialRules } from '../station/dial-plan';

/**
 * Returns the number as WxCC should get it, or throws a `bad_input` on `field`. A provisioned
 * number locks only the agent's own station number, so customers' numbers then follow the plan
 * defaults.
 */
export function checkCustomerNumber(
  raw: string,
  field: string,
  rules: DialRules = DEFAULT_DIAL_RULES,
): string {
  if (raw.trim() === '') throw new AppError('bad_input', msg('refusal.enterNumber'), { field });
  const checked = checkDialNumber(raw, rules.mode === 'provisioned' ? DEFAULT_DIAL_RULES : rules);
  if (!checked.ok || checked.dial === undefined) {
    throw new AppError('bad_input', checked.message, { field });
  }
  return checked.dial;
}
