// The dial-number rules WxCC applies at station login: the agent's dial plans, WxCC's defaults, or
// the provisioned number. The sandbox's own copy: it is a peer of the app and shares no code with it.
import type { SandboxState } from '../state';
import type { SeedAgent, SeedDialPlan } from '../seed';

/** Characters of a number, not of a name or a URI; brackets, spaces and hyphens are formatting. */
const FORMATTING = '() -';
/**
 * Without a dial plan WxCC's documented defaults apply: Any Format (123, 555-1234, 1800FLOWERS,
 * bruce.matthews) and the US forms (1-800-555-1234, 18005551234,,,222); E.164 '+' is allowed.
 */
const NO_PLAN = /^\+?[0-9A-Za-z][0-9A-Za-z._,*#@]*$/;

function strip(value: string, chars: string): string {
  return [...value].filter((c) => !chars.includes(c)).join('');
}

function test(regex: string, value: string): boolean {
  try {
    return new RegExp(regex).test(value);
  } catch {
    return false;
  }
}

/**
 * Cisco's documented check, applied to what the client sent: as sent (Cisco's SDK sends the raw
 * input it tested), then stripped, then prefixed. Never stricter than a Cisco client.
 */
function fitsPlan(plan: SeedDialPlan, dialNumber: string): boolean {
  const stripped = strip(dialNumber, plan.strippedChars);
  return (
    test(plan.regularExpression, dialNumber) ||
    test(plan.regularExpression, stripped) ||
    (plan.prefix !== '' && test(plan.regularExpression, `${plan.prefix}${stripped}`))
  );
}

export function dialNumberAllowed(state: SandboxState, agent: SeedAgent, dialNumber: string) {
  const profile = state.profileOf(agent);
  if (
    profile?.agentDNValidation === 'PROVISIONED_VALUE' ||
    state.seed.tenantSettings.forceDefaultDn
  ) {
    return strip(dialNumber, FORMATTING) === strip(agent.defaultDialNumber, FORMATTING);
  }
  const planIds = profile?.dialPlanEnabled ? (profile.dialPlans ?? []) : [];
  const plans = state.seed.dialPlans.filter((p) => planIds.includes(p.id));
  if (plans.length > 0) return plans.some((plan) => fitsPlan(plan, dialNumber));
  return NO_PLAN.test(strip(dialNumber, FORMATTING));
}
