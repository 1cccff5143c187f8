// What the supervisor console shows and offers about calls: per agent, and every open contact.
import type { SandboxContext } from '../context';
import { displayName } from '../seed';
import { stateFor } from './contact-events';
import { capacityOf, queueTakes } from './channel-capacity';
import { DIGITAL_MEDIA, isDigital, type MediaType } from './contact-model';

const MEDIA_LABELS: Record<MediaType, string> = {
  telephony: 'Call',
  chat: 'Chat',
  email: 'Email',
  social: 'Social message',
};

export const CALL_NOTICES: Record<string, string> = {
  call: 'Call placed: it rings at the agent.',
  offer: 'Offered: the agent accepts it on the desktop.',
  answer: 'Answered on the phone.',
  decline: 'Consult declined.',
  'ring-out': 'The call rang out (RONA).',
  'hang-up': 'The caller hung up.',
  tenant: 'Tenant settings changed.',
};

const STATE_LABELS: Record<string, string> = {
  new: 'Ringing',
  connected: 'Connected',
  held: 'On hold',
  consult: 'Consulting',
  conference: 'Conference',
  WRAPUP: 'Wrap-up',
};

export function contactsForConsole(ctx: SandboxContext) {
  const center = ctx.contacts;
  const nameOf = (id: string) => {
    const agent = ctx.state.agent(id);
    return agent ? displayName(agent) : id;
  };
  const contacts = [...center.contacts.values()].map((c) => ({
    interactionId: c.interactionId,
    customer: c.customerName ? `${c.customerName} (${c.ani})` : c.ani,
    media: MEDIA_LABELS[c.mediaType],
    direction: c.outdial ? 'Outdial' : 'Inbound',
    queue: c.queueName,
    owner: nameOf(c.ownerId),
    stateLabel: STATE_LABELS[c.state] ?? c.state,
    onHold: c.isHold,
    since: new Date(c.createdTimestamp).toISOString(),
    cad: Object.entries(c.cad).map(([name, value]) => `${name}=${value}`),
    agents: [...c.legs.values()].map(
      (l) =>
        `${l.name}: ${STATE_LABELS[stateFor(c, l.agentId)] ?? ''}${l.hasLeft ? ' (left)' : ''}`,
    ),
    callerOnLine: !c.customerLeft,
  }));
  /** What rings at each agent: their own call, or a consult offered to them. */
  const ringing = (agentId: string) => {
    const contact = center.ringingFor(agentId);
    if (!contact) return null;
    return {
      interactionId: contact.interactionId,
      consult: contact.consult?.agentId === agentId,
      from: contact.consult?.agentId === agentId ? nameOf(contact.ownerId) : contact.ani,
      media: MEDIA_LABELS[contact.mediaType],
      digital: isDigital(contact),
    };
  };
  /** The media an agent's multimedia profile lets WxCC offer them, besides calls. */
  const digitalMedia = (agentId: string) =>
    DIGITAL_MEDIA.filter((m) => capacityOf(center.seed, agentId, m) > 0).map((m) => ({
      value: m,
      label: MEDIA_LABELS[m],
    }));
  return {
    contacts,
    ringing,
    digitalMedia,
    // The call form offers the queues that route calls; a digital offer takes its media's queue.
    queues: center.seed.queues
      .filter((q) => queueTakes(q, 'telephony'))
      .map((q) => ({ id: q.id, name: q.name })),
    callers: center.seed.callers,
    tenant: Object.entries(center.tenant).map(([name, on]) => ({ name, on })),
  };
}
