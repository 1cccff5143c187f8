// Failure events of contact actions, in plain words for the agent (one table for notes and errors).
import { failureFields } from '../clients/wxcc-event-schemas';
import { AppError } from '../errors';
import type { NotificationEvent } from './snapshot';
import { msg, type Message } from '../i18n/message';

/** The failure events of contact actions; each names its sentence `contact.failure.<event>`. */
const FAILURE_EVENTS = [
  'AgentContactHoldFailed',
  'AgentContactUnHoldFailed',
  'AgentContactEndFailed',
  'AgentWrapupFailed',
  'ContactRecordingPauseFailed',
  'ContactRecordingResumeFailed',
  'AgentBlindTransferFailed',
  'AgentVteamTransferFailed',
  'AgentConsultFailed',
  'AgentCtqFailed',
  'AgentConsultEndFailed',
  'AgentCtqCancelFailed',
  'AgentConsultTransferFailed',
  'AgentConsultConferenceFailed',
  'AgentConsultConferenceEndFailed',
  'AgentConferenceTransferFailed',
  'ParticipantLeftConferenceFailed',
  'AgentOutboundFailed',
  'AgentContactAssignFailed',
  'AgentInviteFailed',
] as const;
type FailureEvent = (typeof FAILURE_EVENTS)[number];
const FAILURES: ReadonlySet<string> = new Set(FAILURE_EVENTS);

/** Reasons worth a sentence of their own (`contact.failure.reason.<code>`); others are quoted as WxCC sent them. */
const REASON_CODES = [
  'AGENT_NOT_AVAILABLE',
  'INVALID_DESTINATION',
  'AGENT_NOT_FOUND',
  'AGENT_BUSY',
  'AGENT_DECLINED',
  'CONSULT_DECLINED',
  'INVALID_WRAPUP_CODE',
  'AGENT_NOT_LOGGED_IN',
  'INVALID_STATE',
  'OUTDIAL_DISABLED',
  'END_CALL_DISABLED',
  'RECORDING_CONTROL_DISABLED',
  'CONSULT_TO_QUEUE_DISABLED',
  'MEDIA_NOT_SUPPORTED',
  'NO_CHANNEL_CAPACITY',
] as const;
type ReasonCode = (typeof REASON_CODES)[number];
const REASONS: ReadonlySet<string> = new Set(REASON_CODES);

export function isContactFailure(inner: string): inner is FailureEvent {
  return FAILURES.has(inner);
}

function isReasonCode(code: string): code is ReasonCode {
  return REASONS.has(code);
}

export function describeContactFailure(event: NotificationEvent): Message {
  const inner = event.inner;
  const what = isContactFailure(inner)
    ? msg(`contact.failure.${inner}`)
    : msg('contact.failure.refused');
  const { reason: raw, reasonCode } = failureFields.parse(event.data);
  const reason = raw ?? reasonCode;
  if (reason === undefined || reason === '') return msg('contact.failure.sentence', { what });
  // For an outdial the agent who must be Available is the caller themself.
  if (event.inner === 'AgentOutboundFailed' && reason === 'AGENT_NOT_AVAILABLE') {
    return msg('contact.failure.outboundNotAvailable', { what });
  }
  const code = String(reason);
  return msg('contact.failure.withReason', {
    what,
    // A reason WxCC names without a sentence of ours is quoted as sent (not translated).
    reason: isReasonCode(code) ? msg(`contact.failure.reason.${code}`) : code.slice(0, 80),
  });
}

export function contactFailureError(event: NotificationEvent): AppError {
  return new AppError('station_failed', describeContactFailure(event), {
    trackingId: event.trackingId,
  });
}
