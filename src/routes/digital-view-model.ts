// What the contacts region shows of a chat, email or social contact: a call's model with the
// controls, words and pickers of its channel.
import type { ContactView } from '../agent-session/contact-view';
import { queuesForMedia } from '../contacts/contact-directory';
import { channelLabel, contactNoun } from '../agent-session/contact-media';
import { msg } from '../i18n/message';
import { callModel, withoutControls, type ContactsModelInput } from './call-view-model';
import { agentOptions } from './contact-pickers';

/**
 * A chat, email or social contact. Its controls follow Cisco's widgets for a non-telephony task
 * (@webex/cc-task Utils/task-util getControlsVisibility): Accept while offered
 * (getAcceptButtonVisibility: a digital channel on any device), End whatever the tenant's
 * endCallEnabled (getEndButtonVisibility: `|| !isCall`), Transfer (getTransferButtonVisibility), and
 * no hold, recording or consult (each needs isCall). Its title is the customer's address, or their
 * name on a social channel (@webex/cc-components extractIncomingTaskData: `isSocial ? customerName
 * : ani`).
 */
export function digitalModel(c: ContactView, input: ContactsModelInput, now: number) {
  const call = callModel(c, input, now);
  const channel = channelLabel(c);
  const noun = contactNoun(c);
  const live = c.state === 'connected' || c.state === 'held';
  const social = (c.mediaType ?? '').toLowerCase() === 'social';
  return {
    ...call,
    digital: true,
    channel,
    title:
      (social ? c.customerName : c.ani) ??
      c.customerName ??
      c.ani ??
      msg('contact.unknownCustomer'),
    ani: undefined,
    address: c.ani,
    stateLabel: c.state === 'offered' ? msg('contact.state.waitingToBeAccepted') : call.stateLabel,
    // A callback rings a phone number; a conversation's address is not one.
    callback: undefined,
    direction: msg(
      `contact.direction.${c.direction === 'OUTBOUND' ? 'outbound' : 'inbound'}.${noun}`,
    ),
    ring:
      call.ring === undefined
        ? undefined
        : {
            ...call.ring,
            hint: msg(`contact.ring.digitalHint.${noun}`),
          },
    // The Contact Center API carries who and where from, never the messages: say where they are.
    contentHint: msg(`contact.contentHint.${noun}`),
    controls: withoutControls(input.takenOver === true, {
      ...call.controls,
      accept: c.state === 'offered' && !c.consulted,
      hold: false,
      resume: false,
      pauseRecording: false,
      resumeRecording: false,
      consult: false,
      end: c.state !== 'wrapup' && c.state !== 'offered' && !c.consulted,
      endLabel: msg(`contact.action.end.${noun}`),
      transfer: live && !c.consulted,
      transferToNumber: false,
    }),
    // Queues of its own media only, and the agents of the buddy list asked for by its media.
    transferTargets: {
      queues: queuesForMedia(input.directory, c.mediaType).map((q) => ({
        value: `queue:${q.id}`,
        label: q.name,
      })),
      ...agentOptions(input.mediaBuddies?.[(c.mediaType ?? '').toLowerCase()] ?? []),
    },
  };
}
