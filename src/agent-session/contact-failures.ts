// Failure events of contact actions, in plain words for the agent (one table for notes and errors).
import { failureFields } from '../clients/wxcc-event-schemas';
import { AppError } from '../errors';
import type { NotificationEvent } from './snapshot';

const FAILURES: Record<string, string> = {
  AgentContactHoldFailed: 'The call could not be put on hold',
  AgentContactUnHoldFailed: 'The call could not be resumed',
  AgentContactEndFailed: 'The call could not be ended',
  AgentWrapupFailed: 'The wrap-up was not accepted',
  ContactRecordingPauseFailed: 'The recording could not be paused',
  ContactRecordingResumeFailed: 'The recording could not be resumed',
  AgentBlindTransferFailed: 'The transfer was refused',
  AgentVteamTransferFailed: 'The transfer to the queue was refused',
  AgentConsultFailed: 'The consult could not be started',
  AgentCtqFailed: 'The consult to the queue could not be started',
  AgentConsultEndFailed: 'The consult could not be ended',
  AgentCtqCancelFailed: 'The consult to the queue could not be cancelled',
  AgentConsultTransferFailed: 'The consult transfer was refused',
  AgentConsultConferenceFailed: 'The conference could not be started',
  AgentConsultConferenceEndFailed: 'The conference could not be ended',
  AgentConferenceTransferFailed: 'The conference could not be transferred',
  ParticipantLeftConferenceFailed: 'You could not leave the conference',
  AgentOutboundFailed: 'The outbound call was refused',
  AgentContactAssignFailed: 'The contact could not be assigned to you',
  AgentInviteFailed: 'The contact could not be offered to you',
};

/** Reasons worth a sentence of their own; others are quoted as WxCC sent them. */
const REASONS: Record<string, string> = {
  AGENT_NOT_AVAILABLE: 'that agent is not Available',
  INVALID_DESTINATION: 'the destination is not valid',
  AGENT_NOT_FOUND: 'that agent is not logged in',
  AGENT_BUSY: 'that agent is busy',
  AGENT_DECLINED: 'the other agent declined',
  CONSULT_DECLINED: 'the other agent declined',
  INVALID_WRAPUP_CODE: 'the wrap-up reason is not valid',
  AGENT_NOT_LOGGED_IN: 'that agent is not logged in',
  INVALID_STATE: 'the call is not in a state that allows it',
  OUTDIAL_DISABLED: 'outbound calls are not enabled for you',
  END_CALL_DISABLED: 'your organization does not let agents end calls',
  RECORDING_CONTROL_DISABLED: 'this call’s recording cannot be paused',
  CONSULT_TO_QUEUE_DISABLED: 'your profile does not allow a consult to a queue',
  MEDIA_NOT_SUPPORTED: 'a chat, email or social message has no such control',
  NO_CHANNEL_CAPACITY: 'that agent has no free slot for this kind of contact',
};

export function isContactFailure(inner: string): boolean {
  return inner in FAILURES;
}

export function describeContactFailure(event: NotificationEvent): string {
  const what = FAILURES[event.inner] ?? 'Webex Contact Center refused the action';
  const { reason: raw, reasonCode } = failureFields.parse(event.data);
  const reason = raw ?? reasonCode;
  if (reason === undefined || reason === '') return `${what}.`;
  // For an outdial the agent who must be Available is the caller themself.
  if (event.inner === 'AgentOutboundFailed' && reason === 'AGENT_NOT_AVAILABLE') {
    return `${what}: you must be Available to dial out.`;
  }
  return `${what}: ${REASONS[reason] ?? String(reason).slice(0, 80)}.`;
}

export function contactFailureError(event: NotificationEvent): AppError {
  return new AppError('station_failed', describeContactFailure(event), {
    trackingId: event.trackingId,
  });
}
