// When a contact was answered and put on hold, for the page: talk time counts from the answer (not
// the offer) and a hold timer runs while the call is held. (The statistics keep their own times:
// contact-timing.ts.)
import type { ContactBook, ContactState, ContactView } from './contact-view';
import { customerHeld } from './contact-timing';

const TALKING: ReadonlySet<ContactState> = new Set([
  'connected',
  'held',
  'consulting',
  'conference',
]);

/** Returns `after` itself when no contact needed a stamp. Pure: `at` is the event's time. */
export function stampTimes(before: ContactBook, after: ContactBook, at: number): ContactBook {
  if (after === before) return after;
  let items: Record<string, ContactView> | undefined;
  for (const [id, contact] of Object.entries(after.items)) {
    const prev = before.items[id];
    if (prev === contact) continue;
    const stamped = stamp(prev, contact, at);
    if (stamped === contact) continue;
    items ??= { ...after.items };
    items[id] = stamped;
  }
  return items === undefined ? after : { ...after, items };
}

function stamp(prev: ContactView | undefined, c: ContactView, at: number): ContactView {
  let answeredAt = c.answeredAt;
  // Only a ring seen becoming a talk is an answer we can time; a contact first heard already
  // talking (after a reload) has no answer time here, and the page counts from its creation.
  if (answeredAt === undefined && TALKING.has(c.state) && prev?.state === 'offered')
    answeredAt = at;
  // The customer's hold, as Cisco's widgets time it: on Hold and through a consult (contact-timing.ts).
  let heldAt = c.heldAt;
  const held = customerHeld(c);
  if (held && (prev === undefined || !customerHeld(prev)))
    heldAt = prev === undefined ? undefined : at;
  if (!held) heldAt = undefined;
  if (answeredAt === c.answeredAt && heldAt === c.heldAt) return c;
  const next: ContactView = { ...c, answeredAt, heldAt };
  if (answeredAt === undefined) delete next.answeredAt;
  if (heldAt === undefined) delete next.heldAt;
  return next;
}
