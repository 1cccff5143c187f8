// Failure events from WxCC, in plain words, attached to the form field they concern.
import { stationFields } from '../clients/wxcc-event-schemas';
import { AppError } from '../errors';
import type { NotificationEvent } from '../agent-session/snapshot';

interface FailureText {
  message: string;
  field?: string;
}

const REASONS: Record<string, FailureText> = {
  DUPLICATE_LOCATION: {
    message: 'This number is already in use by another agent. Use a different number.',
    field: 'dialNumber',
  },
  INVALID_DIAL_NUMBER: {
    message:
      'Webex Contact Center does not accept this number. Check the number and its country code.',
    field: 'dialNumber',
  },
  INVALID_TEAM: {
    message: 'You are not a member of this team. Pick one of your teams.',
    field: 'teamId',
  },
  AGENT_HAS_ACTIVE_INTERACTIONS: {
    message: 'You have an active customer interaction. Finish it before you log out.',
  },
  INVALID_IDLE_CODE: {
    message: 'This idle reason is not available to you. Pick another one.',
    field: 'auxCodeId',
  },
};

const ACTIONS: Record<string, string> = {
  StationLogin: 'log you in',
  Logout: 'log you out',
  AgentStateChange: 'change your state',
};

export function describeFailure(event: NotificationEvent): AppError {
  const reason = stationFields.parse(event.data).reason;
  // Both keys come from WxCC's event: own keys only, never a member of Object.prototype.
  const known =
    reason !== undefined && Object.hasOwn(REASONS, reason) ? REASONS[reason] : undefined;
  const action = Object.hasOwn(ACTIONS, event.outer) ? ACTIONS[event.outer] : 'do that';
  const message =
    known?.message ??
    `Webex Contact Center could not ${action}${reason ? ` (${reason.slice(0, 60)})` : ''}. Please try again, or give the tracking id to your administrator.`;
  return new AppError('station_failed', message, {
    field: known?.field,
    trackingId: event.trackingId,
  });
}
