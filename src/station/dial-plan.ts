// Dial numbers checked the way the tenant says: its dial plans, WxCC's defaults, or a provisioned number.
// Tenant regexes run on RE2 (re2js, linear time): a plan such as `^(\+?[0-9]+)*$` with a long
// number would hold JavaScript's backtracking engine for minutes, and every agent of the instance
// with it.
import { RE2JS } from 're2js';
import type { DialPlanEntry } from '../clients/wxcc-configuration/api';
import { msg, type Message } from '../i18n/message';

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
  /** For the agent, in their language: "Will dial …" when ok, else what is wrong, in one sentence. */
  message: Message;
}

/** The contract's limit for dialNumber and deviceId. */
export const MAX_DIAL_LENGTH = 43;
/**
 * What is typed is cut off here before any regex sees it: room for the brackets, spaces and
 * hyphens a plan strips around a number of MAX_DIAL_LENGTH, and no more.
 */
export const MAX_TYPED_LENGTH = 64;

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

/** Compiled tenant regexes, by source; `null` for one RE2 cannot run. Bounded: plans are few. */
const compiled = new Map<string, RE2JS | null>();
const MAX_COMPILED = 500;

/** The tenant regex on RE2, or undefined with the reason when RE2 cannot run it. */
export function compileDialRegex(regex: string): { re?: RE2JS; error?: string } {
  const known = compiled.get(regex);
  if (known !== undefined) return known === null ? { error: 'not supported' } : { re: known };
  let re: RE2JS | null;
  let error: string | undefined;
  try {
    re = RE2JS.compile(regex);
  } catch (err) {
    // Lookarounds and backreferences (which RE2 refuses by design) end here, like a regex that
    // does not compile at all.
    re = null;
    error = err instanceof Error ? err.message : String(err);
  }
  if (compiled.size >= MAX_COMPILED) compiled.clear();
  compiled.set(regex, re);
  return re === null ? { error: error ?? 'not supported' } : { re };
}

/**
 * The plans RE2 can run; each other one is reported once through `onUnusable` and treated as
 * "this plan does not apply", as Cisco's SDK treats a regex that does not compile
 * (`isValidDialNumber` in `@webex/contact-center` src/services/core/Utils.ts skips it).
 */
export function usablePlans(
  entries: DialPlanEntry[],
  onUnusable: (entry: DialPlanEntry, reason: string) => void,
): DialPlanEntry[] {
  return entries.filter((entry) => {
    const { error } = compileDialRegex(entry.regex);
    if (error !== undefined) onUnusable(entry, error);
    return error === undefined;
  });
}

/**
 * Tenant regexes are tested as Cisco's SDK tests them: `new RegExp(regex).test(value)`,
 * unanchored (RE2's `test` finds a match anywhere, as RegExp's does). A regex RE2 cannot run
 * accepts nothing.
 */
function matches(regex: string, value: string): boolean {
  return compileDialRegex(regex).re?.test(value) ?? false;
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

const TOO_LONG = msg('dial.tooLong', { max: MAX_DIAL_LENGTH });

/** One reusable check for login, transfer and outdial numbers: never throws. */
export function checkDialNumber(raw: string, rules: DialRules = DEFAULT_DIAL_RULES): DialCheck {
  const input = raw.trim();
  if (rules.mode === 'provisioned' && rules.provisioned) {
    const provisioned = rules.provisioned;
    const same = input === '' || strip(input, '() -') === strip(provisioned, '() -');
    return same
      ? { ok: true, dial: provisioned, message: msg('dial.willDial', { dial: provisioned }) }
      : {
          ok: false,
          message: msg('dial.provisioned', { number: provisioned }),
        };
  }
  if (input === '') return { ok: false, message: msg('dial.enterNumber') };
  // Bounded before any regex runs: linear time is still time.
  if (input.length > MAX_TYPED_LENGTH) {
    return { ok: false, message: TOO_LONG };
  }
  if (/[\p{Cc}<>"]/u.test(input)) {
    return { ok: false, message: msg('dial.badCharacters') };
  }
  const entries = rules.entries.length > 0 ? rules.entries : DEFAULT_DIAL_RULES.entries;
  const dial = dialFor(input, entries);
  if (dial === undefined) {
    return {
      ok: false,
      message:
        rules.mode === 'plan'
          ? // The plans' names are the tenant's, shown as written.
            msg('dial.notInPlan', { plans: entries.map((e) => e.name).join(', ') })
          : msg('dial.enterPhone'),
    };
  }
  if (dial.length > MAX_DIAL_LENGTH) {
    return { ok: false, message: TOO_LONG };
  }
  return { ok: true, dial, message: msg('dial.willDial', { dial }) };
}
