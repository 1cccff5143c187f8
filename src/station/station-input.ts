// Validation of what agents type, before anything is sent to WxCC; limits from the contract.
import { AppError } from '../errors';
import { checkDialNumber, DEFAULT_DIAL_RULES, type DialRules } from './dial-plan';
import type { DeviceType } from '../domain/agent';
import type { StationChoice } from '../agent-session/snapshot';

/**
 * Team, idle-code and other config ids are opaque: UUIDs in newer tenants, shorter ids in other
 * alphabets (e.g. 20-character 'AXCZ6mPkRdi6m3ouq5cV' or numeric ids) in older ones. Only what the
 * contract states is checked: at most 36 characters, and nothing that cannot be part of an id.
 */
const ID_PATTERN = /^[^\s\p{Cc}<>"'`]{1,36}$/u;
const REASON_PATTERN = /^[\p{L}\p{N}][\p{L}\p{N} .,;:!?'()&-]{0,127}$/u;

/** What the agent was offered on the form; a choice outside it is refused before WxCC sees it. */
export interface StationOffer {
  /** Undefined when the teams could not be listed (the form then takes a typed id). */
  teamIds?: string[];
  loginOptions: readonly DeviceType[];
  dialRules: DialRules;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}

function badInput(field: string, message: string): AppError {
  return new AppError('bad_input', message, { field });
}

export function parseStationChoice(
  body: Record<string, unknown>,
  offer: StationOffer = { loginOptions: ['AGENT_DN', 'EXTENSION'], dialRules: DEFAULT_DIAL_RULES },
): StationChoice {
  const teamId = text(body.teamId);
  if (teamId === '') throw badInput('teamId', 'Choose your team.');
  if (!ID_PATTERN.test(teamId) || (offer.teamIds && !offer.teamIds.includes(teamId)))
    throw badInput('teamId', 'This team is not one of yours. Pick one from the list.');

  const deviceType = text(body.deviceType) as DeviceType;
  if (!offer.loginOptions.includes(deviceType)) {
    throw badInput(
      'deviceType',
      offer.loginOptions.length === 0
        ? 'Your profile offers only a browser station, which this desktop cannot serve: use Cisco Agent Desktop, or ask your administrator for a dial number or extension.'
        : offer.loginOptions.length > 1
          ? 'Choose how you take calls: a dial number or an extension.'
          : 'Choose how you take calls from the options shown.',
    );
  }

  const raw = text(body.dialNumber);
  if (deviceType === 'EXTENSION') {
    if (raw === '') throw badInput('dialNumber', 'Enter your extension.');
    if (!/^\d{2,15}$/.test(raw)) {
      throw badInput('dialNumber', 'An extension is 2 to 15 digits, with nothing else.');
    }
    return { teamId, deviceType, dialNumber: raw };
  }
  const checked = checkDialNumber(raw, offer.dialRules);
  if (!checked.ok || checked.dial === undefined) throw badInput('dialNumber', checked.message);
  return { teamId, deviceType, dialNumber: checked.dial };
}

export function parseStateChoice(
  body: Record<string, unknown>,
  offeredIdleCodes?: string[],
): {
  state: 'Available' | 'Idle';
  auxCodeId: string;
} {
  const state = text(body.state);
  if (state === 'Available') return { state, auxCodeId: '0' };
  if (state !== 'Idle') throw badInput('state', 'Choose Available or an idle reason.');
  const auxCodeId = text(body.auxCodeId);
  if (!ID_PATTERN.test(auxCodeId) || (offeredIdleCodes && !offeredIdleCodes.includes(auxCodeId)))
    throw badInput('auxCodeId', 'Choose one of the idle reasons shown.');
  return { state, auxCodeId };
}

export function parseLogoutReason(body: Record<string, unknown>): string {
  const reason = text(body.reason) || 'Agent logged out from the desktop';
  // The reason is shown on supervisors' screens: plain words only, no markup, paths or URLs.
  if (!REASON_PATTERN.test(reason)) {
    throw badInput(
      'reason',
      'The logout reason must be 1 to 128 letters, digits, spaces or simple punctuation.',
    );
  }
  return reason;
}
