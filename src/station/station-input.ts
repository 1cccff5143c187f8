// Validation of what agents type, before anything is sent to WxCC; limits from the contract.
import { AppError } from '../errors';
import { msg, type Message } from '../i18n/message';
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

function badInput(field: string, message: Message): AppError {
  return new AppError('bad_input', message, { field });
}

export function parseStationChoice(
  body: Record<string, unknown>,
  offer: StationOffer = { loginOptions: ['AGENT_DN', 'EXTENSION'], dialRules: DEFAULT_DIAL_RULES },
): StationChoice {
  const teamId = text(body.teamId);
  if (teamId === '') throw badInput('teamId', msg('stationInput.chooseTeam'));
  if (!ID_PATTERN.test(teamId) || (offer.teamIds && !offer.teamIds.includes(teamId)))
    throw badInput('teamId', msg('stationInput.teamNotYours'));

  const deviceType = text(body.deviceType) as DeviceType;
  if (!offer.loginOptions.includes(deviceType)) {
    throw badInput(
      'deviceType',
      offer.loginOptions.length === 0
        ? msg('stationInput.browserOnly')
        : offer.loginOptions.length > 1
          ? msg('stationInput.chooseDevice')
          : msg('stationInput.chooseDeviceShown'),
    );
  }

  const raw = text(body.dialNumber);
  if (deviceType === 'EXTENSION') {
    if (raw === '') throw badInput('dialNumber', msg('stationInput.enterExtension'));
    if (!/^\d{2,15}$/.test(raw)) {
      throw badInput('dialNumber', msg('stationInput.extensionDigits'));
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
  if (state !== 'Idle') throw badInput('state', msg('stationInput.chooseState'));
  const auxCodeId = text(body.auxCodeId);
  if (!ID_PATTERN.test(auxCodeId) || (offeredIdleCodes && !offeredIdleCodes.includes(auxCodeId)))
    throw badInput('auxCodeId', msg('stationInput.chooseIdleReason'));
  return { state, auxCodeId };
}

export function parseLogoutReason(body: Record<string, unknown>): string {
  const reason = text(body.reason) || 'Agent logged out from the desktop';
  // The reason is shown on supervisors' screens: plain words only, no markup, paths or URLs.
  if (!REASON_PATTERN.test(reason)) {
    throw badInput('reason', msg('stationInput.logoutReason'));
  }
  return reason;
}
