// Which WxCC result events answer each contact action (TASKS.md §5), success and failure alike.

/** Which result events answer an action: success and failure `data.type`s (TASKS.md §5). */
export const RESULTS = {
  // Cisco's SDK services/task/contact.ts accept: notifSuccess AgentContactAssigned, notifFail
  // AgentContactAssignFailed.
  accept: ['AgentContactAssigned', 'AgentContactAssignFailed'],
  hold: ['AgentContactHeld', 'AgentContactHoldFailed'],
  resume: ['AgentContactUnheld', 'AgentContactUnHoldFailed'],
  end: ['AgentWrapup', 'ContactEnded', 'AgentContactEndFailed'],
  wrapUp: ['AgentWrappedUp', 'AgentWrapupFailed'],
  pause: ['ContactRecordingPaused', 'ContactRecordingPauseFailed'],
  resumeRecording: ['ContactRecordingResumed', 'ContactRecordingResumeFailed'],
  transfer: [
    'AgentBlindTransferred',
    'AgentBlindTransferFailed',
    'AgentVteamTransferred',
    'AgentVteamTransferFailed',
  ],
  consult: ['AgentConsultCreated', 'AgentConsultFailed', 'AgentCtqFailed'],
  consultEnd: [
    'AgentConsultEnded',
    'AgentCtqCancelled',
    'AgentConsultConferenceEnded',
    'ContactEnded',
    'AgentConsultEndFailed',
    'AgentCtqCancelFailed',
  ],
  consultTransfer: [
    'AgentConsultTransferred',
    'AgentConsultTransferring',
    'AgentConsultTransferFailed',
  ],
  conference: [
    'AgentConsultConferenced',
    'AgentConsultConferencing',
    'AgentConsultConferenceFailed',
  ],
  exitConference: ['ParticipantLeftConference', 'ParticipantLeftConferenceFailed'],
  // Cisco's SDK binds ParticipantLeftConference as its success (services/task/contact.ts
  // conferenceTransfer); AgentConferenceTransferred may come too.
  conferenceTransfer: [
    'ParticipantLeftConference',
    'AgentConferenceTransferred',
    'AgentConferenceTransferFailed',
  ],
} as const;
