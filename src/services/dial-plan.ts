// Dial numbers checked the way the tenant says: its dial plans, WxCC's defaults, or a provisioned number.
import type { DialPlanEntry } from '../clients/config-api';

export type { DialPlanEntry };

/**
 * What decides which numbers an agent may use, read from the desktop profile and the tenant:
 * - `plan`: the profile has dialPlanEnabled and names its dial plans (their entries below);
 * - `default`: no plan applies, so WxCC's default plans (US and Any Format) do;
 * - `provisioned`: agentDNValidation is PROVISIONED_VALUE: only the provisioned number.
 */
export interface DialRules {
  mode: 'plan' | 'default' | 'provisioned';
  entries: DialPlanEntry[];
  /** The number the administrator provisioned (user.defaultDialledNumber), in `provisioned` mode. */
  provisioned?: string;
}

export interface DialCheck {
  ok: boolean;
  /** What is sent to WxCC when ok: the input minus the plan's stripped characters, prefixed if needed. */
  dial?: string;
  /** For the agent: "Will dial …" when ok, else what is wrong, in one sentence. */
  message: string;
}

/** The contract's limit for dialNumber and deviceId. */
export const MAX_DIAL_LENGTH = 43;

/**
 * WxCC's two default plans (Cisco's "Dial Plans" admin help). The US regex is Cisco's SDK's
 * FALLBACK_DIAL_NUMBER_REGEX; both strip brackets, spaces and hyphens. Any Format accepts short
 * numbers, vanity numbers and SIP user parts (123, 555-1234, 1800FLOWERS, bruce.matthews) and,
 * since it strips the same characters, every documented US form as well; `+` is allowed for E.164.
 */
export const US_PLAN: DialPlanEntry = {
  name: 'US',
  regex: '1[0-9]{3}[2-9][0-9]{6}([,]{1,10}[0-9]+){0,1}',
  prefix: '1',
  strippedChars: '() -',
};
export const ANY_FORMAT_PLAN: DialPlanEntry = {
  name: 'Any Format',
  regex: '^\\+?[0-9A-Za-z][0-9A-Za-z._,*#]*$',
  prefix: '',
  strippedChars: '() -',
};
export const DEFAULT_DIAL_RULES: DialRules = {
  mode: 'default',
  entries: [US_PLAN, ANY_FORMAT_PLAN],
};

function strip(input: string, chars: string): string {
  return [...input].filter((c) => !chars.includes(c)).join('');
}

/** Tenant regexes are tested as Cisco's SDK tests them: `new RegExp(regex).test(value)`, unanchored. */
function matches(regex: string, value: string): boolean {
  try {
    return new RegExp(regex).test(value);
  } catch {
    // A broken tenant regex accepts nothing, as in the SDK.
    return false;
  }
}

/**
 * Cisco's documented check: strip the plan's characters, test the regex, and only if that fails
 * add the plan's prefix and test again. Every plan is tried without its prefix before any plan is
 * tried with it, so a number one plan accepts as typed is never prefixed because of another plan.
 */
function dialFor(input: string, entries: DialPlanEntry[]): string | undefined {
  for (const entry of entries) {
    const stripped = strip(input, entry.strippedChars ?? '');
    if (stripped !== '' && matches(entry.regex, stripped)) return stripped;
  }
  for (const entry of entries) {
    const stripped = strip(input, entry.strippedChars ?? '');
    const prefixed = `${entry.prefix ?? ''}${stripped}`;
    if (entry.prefix && stripped !== '' && matches(entry.regex, prefixed)) return prefixed;
  }
  // Cisco's SDK tests the raw input: what it would send as typed is accepted as typed.
  if (entries.some((entry) => matches(entry.regex, input))) return input;
  return undefined;
}

/** One reusable check for login, transfer and outdial numbers: never throws. */
export function checkDialNumber(raw: string, rules: DialRules = DEFAULT_DIAL_RULES): DialCheck {
  const input = raw.trim();
  if (rules.mode === 'provisioned' && rules.provisioned) {
    const provisioned = rules.provisioned;
    const same = input === '' || strip(input, '() -') === strip(provisioned, '() -');
    return same
      ? { ok: true, dial: provisioned, message: `Will dial ${provisioned}` }
      : {
          ok: false,
          message: `Your administrator set your dial number to ${provisioned}; it cannot be changed here.`,
        };
  }
  if (input === '') return { ok: false, message: 'Enter the number to call you on.' };
  if (/[\p{Cc}<>"]/u.test(input)) {
    return { ok: false, message: 'Use digits, and only the characters your number needs.' };
  }
  const entries = rules.entries.length > 0 ? rules.entries : DEFAULT_DIAL_RULES.entries;
  const dial = dialFor(input, entries);
  if (dial === undefined) {
    return {
      ok: false,
      message:
        rules.mode === 'plan'
          ? `This number does not fit your dial plan (${entries.map((e) => e.name).join(', ')}). Check it, or ask your administrator for the format.`
          : 'Enter a phone number, for example 14155550100, +442079460000 or an internal number like 5551234.',
    };
  }
  if (dial.length > MAX_DIAL_LENGTH) {
    return { ok: false, message: `A dial number is at most ${MAX_DIAL_LENGTH} characters.` };
  }
  return { ok: true, dial, message: `Will dial ${dial}` };
}
