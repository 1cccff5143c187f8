// What each page shows, computed from the session and the station snapshot (no logic in views).
import type { Config } from '../config';
import type { Person } from '../clients/webex-types';
import type { StationChoice, StationSnapshot } from '../services/station-types';
import type { Flash } from '../types/session';

export interface Option {
  value: string;
  label: string;
}

export const DEVICE_OPTIONS: Option[] = [
  { value: 'AGENT_DN', label: 'Dial number' },
  { value: 'EXTENSION', label: 'Extension' },
  { value: 'BROWSER', label: 'Desktop (browser)' },
];

export function stationFormModel(
  agent: Person,
  snapshot: StationSnapshot | undefined,
  last: StationChoice | undefined,
  config: Config,
  flash: Flash | undefined,
) {
  return {
    agent,
    checking: snapshot !== undefined && !snapshot.known,
    takenOver: snapshot?.takenOver ?? false,
    loggedOutBy:
      snapshot?.loggedOutBy && snapshot.loggedOutBy !== 'SELF' ? snapshot.changedByName : undefined,
    values: {
      teamId: last?.teamId ?? config.station.teamId ?? '',
      deviceType: last?.deviceType ?? 'AGENT_DN',
      dialNumber: last?.dialNumber ?? config.station.dialNumber ?? '',
    },
    deviceOptions: DEVICE_OPTIONS,
    fieldError: flash?.kind === 'error' && flash.field ? flash : undefined,
  };
}

export function agentPageModel(agent: Person, snapshot: StationSnapshot) {
  const device = DEVICE_OPTIONS.find((o) => o.value === snapshot.deviceType)?.label;
  return {
    agent,
    station: {
      teamId: snapshot.teamId ?? 'unknown',
      device: device ?? snapshot.deviceType ?? 'unknown',
      dialNumber: snapshot.deviceType === 'BROWSER' ? undefined : snapshot.dialNumber,
    },
    state: {
      label: snapshot.subStatus ?? 'Unknown',
      available: snapshot.subStatus === 'Available',
      auxCodeId: snapshot.auxCodeId,
      since: snapshot.lastStateChangeTimestamp,
      sinceText: formatSince(snapshot.lastStateChangeTimestamp),
      changedByName: snapshot.changedByName,
    },
    takenOver: snapshot.takenOver,
    busy: snapshot.interactionIds.length > 0,
  };
}

export function formatSince(timestamp: number | undefined, now = Date.now()): string {
  if (timestamp === undefined) return '';
  const seconds = Math.max(0, Math.floor((now - timestamp) / 1000));
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${m}:${two(s)}`;
}
