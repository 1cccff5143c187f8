// Failure events from WxCC, in plain words, attached to the form field they concern.
import { stationFields } from '../clients/wxcc-event-schemas';
import { AppError } from '../errors';
import { msg, type Message } from '../i18n/message';
import type { NotificationEvent } from '../agent-session/snapshot';

interface FailureText {
  message: Message;
  field?: string;
}

/** WxCC's reason codes this desktop explains in its own sentence (each a catalog key). */
export const EXPLAINED_REASONS = [
  'DUPLICATE_LOCATION',
  'INVALID_DIAL_NUMBER',
  'INVALID_TEAM',
  'AGENT_HAS_ACTIVE_INTERACTIONS',
  'INVALID_IDLE_CODE',
] as const;
type ExplainedReason = (typeof EXPLAINED_REASONS)[number];

const REASONS: Record<ExplainedReason, FailureText> = {
  DUPLICATE_LOCATION: { message: msg('stationFailure.DUPLICATE_LOCATION'), field: 'dialNumber' },
  INVALID_DIAL_NUMBER: { message: msg('stationFailure.INVALID_DIAL_NUMBER'), field: 'dialNumber' },
  INVALID_TEAM: { message: msg('stationFailure.INVALID_TEAM'), field: 'teamId' },
  // The same words the station panel shows while a contact is open.
  AGENT_HAS_ACTIVE_INTERACTIONS: { message: msg('station.busyNote') },
  INVALID_IDLE_CODE: { message: msg('stationFailure.INVALID_IDLE_CODE'), field: 'auxCodeId' },
};

/** The station requests whose refusal names what was refused; any other says "could not do that". */
export const REFUSED_ACTIONS = ['StationLogin', 'Logout', 'AgentStateChange'] as const;
type RefusedAction = (typeof REFUSED_ACTIONS)[number];

function isOwn<K extends string>(table: Record<K, unknown>, key: string | undefined): key is K {
  return key !== undefined && Object.hasOwn(table, key);
}

const ACTIONS: Record<RefusedAction, Message> = {
  StationLogin: msg('stationFailure.action.StationLogin'),
  Logout: msg('stationFailure.action.Logout'),
  AgentStateChange: msg('stationFailure.action.AgentStateChange'),
};

export function describeFailure(event: NotificationEvent): AppError {
  const reason = stationFields.parse(event.data).reason;
  // Both keys come from WxCC's event: own keys only, never a member of Object.prototype.
  const known = isOwn(REASONS, reason) ? REASONS[reason] : undefined;
  const what = isOwn(ACTIONS, event.outer)
    ? ACTIONS[event.outer]
    : msg('stationFailure.action.other');
  // A reason code this desktop does not explain is quoted as WxCC sent it (not translated).
  const message =
    known?.message ??
    (reason
      ? msg('stationFailure.withReason', { what, reason: reason.slice(0, 60) })
      : msg('stationFailure.sentence', { what }));
  return new AppError('station_failed', message, {
    field: known?.field,
    trackingId: event.trackingId,
  });
}
