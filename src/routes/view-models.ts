// What each page shows, computed from the session and the station snapshot (no logic in views).
import type { Config } from '../config';
import type { Person } from '../domain/agent';
import type { AgentDirectory } from '../services/directory-service';
import type { StationChoice, StationSnapshot } from '../services/station-types';
import type { Flash } from '../types/session';

const DEVICE_LABELS: Record<string, string> = {
  AGENT_DN: 'Dial number',
  EXTENSION: 'Extension',
  BROWSER: 'Desktop (browser)',
};

/** The fields the station form shows errors beside; other errors stay in the status line. */
const FORM_FIELDS = new Set(['teamId', 'deviceType', 'dialNumber']);

export function stationFormModel(
  agent: Person,
  snapshot: StationSnapshot | undefined,
  last: StationChoice | undefined,
  config: Config,
  directory: AgentDirectory,
  flash: Flash | undefined,
) {
  const deviceOptions = directory.loginOptions.map((value) => ({
    value,
    label: DEVICE_LABELS[value] ?? value,
  }));
  // After a refusal, the form shows what the agent typed, not the remembered station.
  const typed = flash?.kind === 'error' ? flash.values : undefined;
  const lastDevice =
    (typed?.deviceType as StationChoice['deviceType'] | undefined) ?? last?.deviceType;
  return {
    agent,
    checking: snapshot !== undefined && !snapshot.known,
    takenOver: snapshot?.takenOver ?? false,
    loggedOutBy:
      snapshot?.loggedOutBy && snapshot.loggedOutBy !== 'SELF' ? snapshot.changedByName : undefined,
    teams: directory.teams?.map((t) => ({ value: t.id, label: t.name })),
    directoryProblem: directory.unavailableReason,
    values: {
      teamId:
        typed?.teamId ?? last?.teamId ?? config.station.teamId ?? directory.teams?.[0]?.id ?? '',
      deviceType:
        lastDevice && directory.loginOptions.includes(lastDevice)
          ? lastDevice
          : (directory.loginOptions[0] ?? 'AGENT_DN'),
      dialNumber:
        typed?.dialNumber ??
        last?.dialNumber ??
        config.station.dialNumber ??
        directory.defaultDialNumber ??
        '',
    },
    deviceOptions,
    fieldError: flash?.kind === 'error' && FORM_FIELDS.has(flash.field ?? '') ? flash : undefined,
  };
}

export function agentPageModel(
  agent: Person,
  snapshot: StationSnapshot,
  directory: AgentDirectory,
) {
  const idleName = directory.idleCodes.find((c) => c.id === snapshot.auxCodeId)?.name;
  const available = snapshot.subStatus === 'Available';
  return {
    agent,
    station: {
      team: directory.teams?.find((t) => t.id === snapshot.teamId)?.name ?? snapshot.teamId ?? '',
      device: DEVICE_LABELS[snapshot.deviceType ?? ''] ?? snapshot.deviceType ?? '',
      dialNumber: snapshot.deviceType === 'BROWSER' ? undefined : snapshot.dialNumber,
    },
    state: {
      label: available
        ? 'Available'
        : idleName
          ? `Idle · ${idleName}`
          : (snapshot.subStatus ?? 'Unknown'),
      available,
      auxCodeId: snapshot.auxCodeId,
      since: snapshot.lastStateChangeTimestamp,
      sinceText: formatSince(snapshot.lastStateChangeTimestamp),
      changedByName: snapshot.changedByName,
    },
    idleOptions: directory.idleCodes
      .filter((c) => available || c.id !== snapshot.auxCodeId)
      .map((c) => ({ value: c.id, label: c.name })),
    directoryProblem: directory.unavailableReason,
    takenOver: snapshot.takenOver,
    busy:
      snapshot.interactionIds.length > 0 || Object.keys(snapshot.contacts?.items ?? {}).length > 0,
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
