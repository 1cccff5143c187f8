// The steps every contact action shares: find the contact in the snapshot, refuse in the agent's
// words, send the task request and wait for its own result event.
import { msg, type Message } from '../i18n/message';
import type { AgentCalls } from '../clients/agent-client';
import { AppError } from '../errors';
import { contactFailureError } from '../agent-session/contact-failures';
import { isRoutingEvent } from '../agent-session/contact-events';
import { contactNoun, isDigital } from '../agent-session/contact-media';
import type { ContactView } from '../agent-session/contact-view';
import type { ActionOutcome, StationContext, StationService } from '../station/station-service';
import type { NotificationEvent } from '../agent-session/snapshot';

const GONE = msg('refusal.gone');

export interface ContactSteps {
  /** The contact of this id in the agent's snapshot; a 409 when it is gone. */
  find(ctx: StationContext, interactionId: string): Promise<ContactView>;
  /** Sends the request and waits for one of `types` about this contact. */
  run(
    ctx: StationContext,
    interactionId: string,
    types: readonly string[],
    send: (wxcc: AgentCalls) => Promise<unknown>,
  ): Promise<ActionOutcome>;
}

export function refuse(message: Message): never {
  throw new AppError('station_failed', message);
}

/** What only a call has (hold, recording, consult): Cisco's widgets offer it for telephony only. */
export function callOnly(c: ContactView, what: 'hold' | 'recorded' | 'consulted'): void {
  if (isDigital(c))
    refuse(msg(`refusal.callOnly.${what}`, { contact: msg(`contact.aNoun.${contactNoun(c)}`) }));
}

export function createContactSteps(station: StationService): ContactSteps {
  /** Our result: the right type, and this contact's id (failure binds often carry none). */
  function resultOf(types: readonly string[], interactionId: string) {
    return (e: NotificationEvent) =>
      isRoutingEvent(e) &&
      types.includes(e.inner) &&
      (e.data.interactionId === interactionId ||
        (e.inner.endsWith('Failed') && e.data.interactionId === undefined));
  }

  async function find(ctx: StationContext, interactionId: string): Promise<ContactView> {
    const snapshot = await station.snapshot(ctx);
    // The id comes from the URL: an own key only, so `constructor` is no contact of Object's.
    const items = snapshot.contacts.items;
    const contact = Object.hasOwn(items, interactionId) ? items[interactionId] : undefined;
    if (contact === undefined) throw new AppError('not_found', GONE, { status: 409 });
    return contact;
  }

  async function run(
    ctx: StationContext,
    interactionId: string,
    types: readonly string[],
    send: (wxcc: AgentCalls) => Promise<unknown>,
  ): Promise<ActionOutcome> {
    return station.act(ctx, resultOf(types, interactionId), send, contactFailureError);
  }

  return { find, run };
}
