// The one place contact actions check a typed number (transfer, outdial); swapped for the dial-plan check of issue 8 at merge.
import { AppError } from '../errors';
import { normaliseDialNumber } from './station-input';

/**
 * Until the profile's dial plan is read, the rule is the login rule: E.164 with a country code.
 * Returns the number as WxCC should get it, or throws a `bad_input` on `field`.
 */
export function checkDialNumber(raw: string, field: string): string {
  const number = normaliseDialNumber(raw.trim());
  if (number === undefined) {
    throw new AppError(
      'bad_input',
      'Enter the number in international format with its country code, for example +14155550100.',
      { field },
    );
  }
  return number;
}
