// What each page shows, computed from the session and the station snapshot (no logic in views).
import type { Config } from '../settings/config';
import type { Person } from '../domain/agent';
import type { DialRules } from '../station/dial-plan';
import type { AgentDirectory } from '../station/station-directory';
import type { StationChoice, StationSnapshot } from '../agent-session/snapshot';
import { activityOf, connectionModel, ringingOffer } from './bar-models';
import type { Flash } from '../types/session';
import { isMessage, msg, type Message, type MessageKey } from '../i18n/message';
import { inEnglish } from '../i18n/translate';

const DEVICE_LABELS: Record<string, Message> = {
  AGENT_DN: msg('station.device.AGENT_DN'),
  EXTENSION: msg('station.device.EXTENSION'),
  // Never offered here (no WebRTC line in a server-rendered desktop), but shown when another
  // desktop logged the agent in on one.
  BROWSER: msg('station.device.BROWSER'),
};

const BROWSER_NOTE = msg('station.browserNote');

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
  const fieldError =
    flash?.kind === 'error' && FORM_FIELDS.has(flash.field ?? '') ? flash : undefined;
  const rules = directory.dialRules;
  const provisioned = rules.mode === 'provisioned' ? rules.provisioned : undefined;
  return {
    agent,
    // A field's error is said once, on the field: no summary line repeats it.
    flash: fieldError ? undefined : flash,
    browserNote: directory.browserInProfile ? BROWSER_NOTE : undefined,
    dial: {
      locked: provisioned !== undefined,
      hint: dialHint(rules),
      // The rules go to the page so the preview dials what the server will (dial-preview.js).
      rulesJson: JSON.stringify(rules),
    },
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
        provisioned ??
        typed?.dialNumber ??
        last?.dialNumber ??
        config.station.dialNumber ??
        directory.defaultDialNumber ??
        '',
    },
    deviceOptions,
    fieldError,
  };
}

function dialHint(rules: DialRules): Message {
  if (rules.mode === 'provisioned') return msg('station.dialHint.provisioned');
  if (rules.mode === 'plan') {
    // The plans' names are the tenant's, shown as written.
    return msg('station.dialHint.plan', { plans: rules.entries.map((e) => e.name).join(', ') });
  }
  return msg('station.dialHint.default');
}

export function agentPageModel(
  agent: Person,
  snapshot: StationSnapshot,
  directory: AgentDirectory,
) {
  // System codes (RONA…) are named too: WxCC sets them though the agent cannot pick them.
  const idleCode = directory.idleCodes.find((c) => c.id === snapshot.auxCodeId);
  const idleName = directory.idleNames[snapshot.auxCodeId ?? ''] ?? idleCode?.name;
  const available = snapshot.subStatus === 'Available';
  // The idle reason is the tenant's name, shown as written inside the translated sentence.
  const routing: Message | string = available
    ? msg('state.available')
    : idleName
      ? msg('state.idleWith', { name: idleName })
      : snapshot.subStatus === 'Idle'
        ? msg('state.idle')
        : (snapshot.subStatus ?? msg('state.unknown'));
  const activity = activityOf(snapshot);
  return {
    agent,
    station: {
      team: directory.teams?.find((t) => t.id === snapshot.teamId)?.name ?? snapshot.teamId ?? '',
      device: DEVICE_LABELS[snapshot.deviceType ?? ''] ?? snapshot.deviceType ?? '',
      dialNumber: snapshot.deviceType === 'BROWSER' ? undefined : snapshot.dialNumber,
    },
    connectionNotice: connectionNotice(snapshot),
    connection: connectionModel(snapshot),
    ring: snapshot.takenOver ? undefined : ringingOffer(snapshot),
    state: {
      /** The routing state and, during a contact, what the agent is doing: "Available · On a call". */
      label: activity ? msg('state.withActivity', { routing, activity: activity.label }) : routing,
      routing,
      activity,
      available,
      auxCodeId: snapshot.auxCodeId,
      since: snapshot.lastStateChangeTimestamp,
      sinceText: formatSince(snapshot.lastStateChangeTimestamp),
      changedByName: snapshot.changedByName,
      // A fresh login lands in the org's default idle reason, which the agent never chose: say so.
      defaultIdleName:
        !available && idleCode?.defaultCode && !snapshot.changedByName ? idleCode.name : undefined,
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

/** Tells the agent that a lost connection made WxCC set them Idle, and what the desktop did. */
function connectionNotice(snapshot: StationSnapshot): Message | undefined {
  if (snapshot.restoredAfterDisconnectAt !== undefined) return msg('station.notice.restored');
  if (snapshot.idledByDisconnect) return msg('station.notice.idled');
  return undefined;
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

/**
 * The page already explains a refusal in place (taken over, an active contact): the same words
 * again in the status line would be said twice.
 */
export function withoutRepeat(
  flash: Flash | undefined,
  page: { takenOver: boolean; busy: boolean },
): Flash | undefined {
  if (flash?.kind !== 'error') return flash;
  const message = flash.message;
  // Known by its sentence; plain text (a flash stored before the catalogs) by its English words.
  const is = (key: MessageKey, words: RegExp) =>
    isMessage(message) ? message.key === key : words.test(inEnglish(message));
  if (page.takenOver && is('station.takenOverRefusal', /another desktop/i)) return undefined;
  if (page.busy && is('station.busyNote', /active customer interaction/i)) return undefined;
  return flash;
}
