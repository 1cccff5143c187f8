// The call's media controls in the tasks API: hold and resume, recording pause and resume.
import { contactEvent, taskFailure, type TaskFailureReason, type Outcome } from './contact-events';
import type { Contact } from './contact-model';
import type { ContactBook } from './contact-book';

export class ContactMedia {
  constructor(private readonly center: ContactBook) {}

  hold(agentId: string, contact: Contact, mediaResourceId: string, trackingId: string): Outcome {
    const ec = this.center.eventContext(trackingId);
    const fail = (reason: TaskFailureReason) =>
      this.center.send({
        deliveries: [
          taskFailure(ec, 'AgentContactHoldFailed', agentId, reason, contact.interactionId),
        ],
      });
    if (contact.ownerId !== agentId || contact.state !== 'connected') {
      return fail('INVALID_STATE');
    }
    if (mediaResourceId !== contact.interactionId) return fail('INVALID_MEDIA_RESOURCE_ID');
    contact.state = 'held';
    contact.isHold = true;
    contact.holdTimestamp = Date.now();
    return this.center.send({
      deliveries: [contactEvent(ec, 'AgentContactHeld', contact, agentId)],
    });
  }

  unhold(agentId: string, contact: Contact, mediaResourceId: string, trackingId: string): Outcome {
    const ec = this.center.eventContext(trackingId);
    const fail = (reason: TaskFailureReason) =>
      this.center.send({
        deliveries: [
          taskFailure(ec, 'AgentContactUnHoldFailed', agentId, reason, contact.interactionId),
        ],
      });
    if (contact.ownerId !== agentId || contact.state !== 'held') return fail('INVALID_STATE');
    if (mediaResourceId !== contact.interactionId) return fail('INVALID_MEDIA_RESOURCE_ID');
    contact.state = 'connected';
    contact.isHold = false;
    contact.holdTimestamp = null;
    return this.center.send({
      deliveries: [contactEvent(ec, 'AgentContactUnheld', contact, agentId)],
    });
  }

  recording(agentId: string, contact: Contact, pause: boolean, trackingId: string): Outcome {
    const ec = this.center.eventContext(trackingId);
    const failed = pause ? 'ContactRecordingPauseFailed' : 'ContactRecordingResumeFailed';
    const fail = (reason: TaskFailureReason) =>
      this.center.send({
        deliveries: [taskFailure(ec, failed, agentId, reason, contact.interactionId)],
      });
    const leg = contact.legs.get(agentId);
    const onCall = leg?.hasJoined === true && !leg.hasLeft && !contact.pendingWrapUp.has(agentId);
    if (!onCall) return fail('INVALID_STATE');
    if (!contact.pauseResumeEnabled) return fail('RECORDING_CONTROL_DISABLED');
    if (contact.recordingPaused === pause) return fail('INVALID_STATE');
    contact.recordingPaused = pause;
    const type = pause ? 'ContactRecordingPaused' : 'ContactRecordingResumed';
    return this.center.send({ deliveries: [contactEvent(ec, type, contact, agentId)] });
  }
}
