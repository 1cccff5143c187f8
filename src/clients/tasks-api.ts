// WxCC tasks API (TASKS.md §5): contact actions and outdial; each answers 202/201, the outcome is an event.
import type { HttpCallOptions, HttpResult } from './http-call';

const WXCC = 'Webex Contact Center';

type Call = (options: HttpCallOptions) => Promise<HttpResult>;

export type TransferDestination = 'agent' | 'queue' | 'dialNumber';
/**
 * Where a consult goes, and what its transfer or conference names (SDK services/task/types.ts
 * DESTINATION_TYPE, CONSULT_TRANSFER_DESTINATION_TYPE): an entry point only for a consult.
 */
export type ConsultDestination = 'agent' | 'queue' | 'dialNumber' | 'entryPoint';
/** The media a buddy list is asked for (SDK services/agent/types.ts BuddyAgents, cc-store). */
export type BuddyMedia = 'telephony' | 'chat' | 'email' | 'social';

export interface OutdialRequest {
  entryPointId: string;
  destination: string;
  /** The outdial caller id (E.164) the customer sees. */
  origin?: string;
}

export interface BuddyListRequest {
  agentProfileId: string;
  mediaType: BuddyMedia;
  state?: 'Available' | 'Idle';
}

export function tasksApiCalls(call: Call, wxccApiBase: string) {
  const task = (id: string, action: string) =>
    `${wxccApiBase}/v1/tasks/${encodeURIComponent(id)}/${action}`;
  // Never retried (not idempotent): holding twice or transferring twice is not the same as once.
  const authed =
    (url: string, json: unknown, expect: number[] = [200, 202]) =>
    (token: string): Promise<HttpResult> =>
      call({ method: 'POST', url, service: WXCC, json, expect, bearer: token });

  return {
    /**
     * Takes a chat, email or social offer; a call is answered on the phone instead (Cisco's SDK
     * services/task/index.ts accept posts it only when mediaType is not telephony). No body: the
     * spec gives accept none.
     */
    acceptTask: (token: string, id: string) => authed(task(id, 'accept'), undefined)(token),
    holdTask: (token: string, id: string, mediaResourceId: string) =>
      authed(task(id, 'hold'), { mediaResourceId })(token),
    unholdTask: (token: string, id: string, mediaResourceId: string) =>
      authed(task(id, 'unhold'), { mediaResourceId })(token),
    // The spec gives end, record/pause and conference/exit no body: none is sent.
    endTask: (token: string, id: string) => authed(task(id, 'end'), undefined)(token),
    wrapUpTask: (token: string, id: string, wrapUpReason: string, auxCodeId: string) =>
      authed(task(id, 'wrapup'), { wrapUpReason, auxCodeId })(token),
    pauseRecording: (token: string, id: string) =>
      authed(task(id, 'record/pause'), undefined)(token),
    resumeRecording: (token: string, id: string) =>
      authed(task(id, 'record/resume'), { autoResumed: false })(token),
    transferTask: (token: string, id: string, to: string, destinationType: TransferDestination) =>
      authed(task(id, 'transfer'), { to, destinationType })(token),
    /**
     * holdParticipants is always sent, as Cisco's widgets send it (@webex/cc-task helper.ts
     * useCallControl consultCall: `holdParticipants: !allowParticipantsToInteract`): true holds the
     * main call meanwhile (the API's default, SDK services/task/index.ts consult), false lets the
     * others in a conference keep talking.
     */
    consultTask: (
      token: string,
      id: string,
      to: string,
      destinationType: ConsultDestination,
      holdParticipants: boolean,
    ) => authed(task(id, 'consult'), { to, destinationType, holdParticipants })(token),
    /** A queue consult names its queue; an agent consult sends an empty body (SDK consultEnd). */
    endConsult: (token: string, id: string, queueId?: string) =>
      authed(task(id, 'consult/end'), queueId ? { queueId } : {})(token),
    consultTransfer: (token: string, id: string, to: string, destinationType: ConsultDestination) =>
      authed(task(id, 'consult/transfer'), { to, destinationType })(token),
    consultConference: (
      token: string,
      id: string,
      to: string,
      destinationType: ConsultDestination,
    ) => authed(task(id, 'consult/conference'), { to, destinationType })(token),
    exitConference: (token: string, id: string) =>
      authed(task(id, 'conference/exit'), undefined)(token),
    // Not in Cisco's published spec; Cisco's SDK sends it (services/task/contact.ts
    // conferenceTransfer), and the sandbox's trimmed spec adds it with that note.
    conferenceTransfer: (token: string, id: string) =>
      authed(task(id, 'conference/transfer'), undefined)(token),
    startOutdial: (token: string, request: OutdialRequest) =>
      authed(
        `${wxccApiBase}/v1/tasks`,
        {
          entryPointId: request.entryPointId,
          destination: request.destination,
          attributes: {},
          mediaType: 'telephony',
          outboundType: 'OUTDIAL',
          ...(request.origin ? { origin: request.origin } : {}),
        },
        [200, 201, 202],
      )(token),
    /**
     * Update Task (`PATCH /v1/tasks/{id} {attributes}`): the contact's call-associated data, as
     * Cisco's Desktop SDK `dialer.updateCadVariables` sends it; WxCC answers with `ContactUpdated`.
     */
    updateTaskAttributes: (token: string, id: string, attributes: Record<string, string>) =>
      call({
        method: 'PATCH',
        url: `${wxccApiBase}/v1/tasks/${encodeURIComponent(id)}`,
        service: WXCC,
        json: { attributes },
        expect: [200, 202],
        bearer: token,
      }),
    /** The answer comes as a `BuddyAgents` event on the notification socket. */
    requestBuddyList: (token: string, request: BuddyListRequest) =>
      authed(`${wxccApiBase}/v1/agents/buddyList`, request)(token),
  };
}
