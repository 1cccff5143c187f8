// Validation of what agents type, before anything is sent to WxCC; limits from the contract.
import { DEVICE_TYPES, type DeviceType } from '../domain/agent';
import { AppError } from '../errors';
import type { StationChoice } from './station-types';

const ID_PATTERN = /^[A-Za-z0-9-]{1,36}$/;
const REASON_PATTERN = /^[\p{L}\p{N}][\p{L}\p{N} .,;:!?'()&-]{0,127}$/u;

function text(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}

function badInput(field: string, message: string): AppError {
  return new AppError('bad_input', message, { field });
}

/**
 * Turns what people type ("+1 (415) 555-0100", "0044 20 7946 0000") into E.164 ("+14155550100").
 * Returns undefined when it cannot be a phone number.
 */
export function normaliseDialNumber(raw: string): string | undefined {
  const compact = raw.replace(/[\s().-]/g, '');
  const international = compact.startsWith('00') ? `+${compact.slice(2)}` : compact;
  if (!/^\+[1-9]\d{7,14}$/.test(international)) return undefined;
  return international;
}

export function parseStationChoice(body: Record<string, unknown>): StationChoice {
  const teamId = text(body.teamId);
  if (teamId === '') throw badInput('teamId', 'Choose your team.');
  if (!ID_PATTERN.test(teamId))
    throw badInput('teamId', 'This team is not valid. Pick one from the list.');

  const deviceType = text(body.deviceType) as DeviceType;
  if (!DEVICE_TYPES.includes(deviceType)) {
    throw badInput('deviceType', 'Choose how you take calls: dial number, extension or browser.');
  }

  const raw = text(body.dialNumber);
  if (deviceType === 'BROWSER') return { teamId, deviceType, dialNumber: '' };
  if (raw === '') {
    throw badInput(
      'dialNumber',
      deviceType === 'EXTENSION' ? 'Enter your extension.' : 'Enter the number to call you on.',
    );
  }
  if (deviceType === 'EXTENSION') {
    if (!/^\d{2,15}$/.test(raw)) {
      throw badInput('dialNumber', 'An extension is 2 to 15 digits, with nothing else.');
    }
    return { teamId, deviceType, dialNumber: raw };
  }
  const dialNumber = normaliseDialNumber(raw);
  if (dialNumber === undefined) {
    throw badInput(
      'dialNumber',
      'Enter the number in international format with its country code, for example +14155550100.',
    );
  }
  return { teamId, deviceType, dialNumber };
}

export function parseStateChoice(body: Record<string, unknown>): {
  state: 'Available' | 'Idle';
  auxCodeId: string;
} {
  const state = text(body.state);
  if (state === 'Available') return { state, auxCodeId: '0' };
  if (state !== 'Idle') throw badInput('state', 'Choose Available or an idle reason.');
  const auxCodeId = text(body.auxCodeId);
  if (!ID_PATTERN.test(auxCodeId)) throw badInput('auxCodeId', 'Choose an idle reason.');
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
