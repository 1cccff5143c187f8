// What the contacts region shows, computed from the snapshot's contacts and the agent's profile:
// calls (call-view-model.ts), conversations (digital-view-model.ts), notes and the Dial form.
import { isDigital } from '../agent-session/contact-media';
import type { ContactState, ContactView } from '../agent-session/contact-view';
import { msg } from '../i18n/message';
import { callModel, type ContactsModelInput } from './call-view-model';
import { NOTE_TTL_MS, noteModel } from './contact-notes-model';
import { digitalModel } from './digital-view-model';

/** The contact the agent is handling comes first: a call, then a ringing offer, then a wrap-up. */
const HANDLING_ORDER: Record<ContactState, number> = {
  connected: 0,
  held: 0,
  consulting: 0,
  conference: 0,
  offered: 1,
  wrapup: 2,
};

export function contactsModel(input: ContactsModelInput) {
  const now = input.now ?? Date.now();
  const { directory: dir } = input;
  const items = Object.values(input.book.items)
    .sort(
      (a, b) =>
        HANDLING_ORDER[a.state] - HANDLING_ORDER[b.state] ||
        (a.offeredAt ?? a.createdTimestamp ?? 0) - (b.offeredAt ?? b.createdTimestamp ?? 0),
    )
    .map((c) => contactModel(c, input, now));
  const notes = input.book.notes
    .filter((n) => now - n.at < NOTE_TTL_MS)
    .map(noteModel)
    .reverse();
  return {
    items,
    notes,
    /**
     * One sentence for screen readers when the contacts change on a live page: the contacts only.
     * Notes are announced on their own, each once (public/notes.js), never merged with an offer.
     */
    announce: items.map((c) => msg('contacts.announce', { title: c.title, state: c.stateLabel })),
    // One call at a time: no Dial form while a call rings, talks or is held (a second call
    // would put the customer on hold unasked); it comes back in wrap-up.
    // An open chat or email does not block the Dial form: a blended agent takes calls beside them.
    outdial:
      dir.outdial &&
      !input.takenOver &&
      !Object.values(input.book.items).some((c) => c.state !== 'wrapup' && !isDigital(c))
        ? outdialModel(dir.outdial.anis)
        : undefined,
    problem: dir.problem,
  };
}

export type ContactsModel = ReturnType<typeof contactsModel>;

/** The caller ids of the profile's outdial ANI list, its default preselected (else the first). */
export function outdialModel(anis: { number: string; name: string; isDefault: boolean }[]) {
  const chosen = anis.find((a) => a.isDefault) ?? anis[0];
  return {
    callerId: chosen?.number,
    callerIds: anis.map((a) => ({
      value: a.number,
      label: a.name && a.name !== a.number ? `${a.name} (${a.number})` : a.number,
      selected: a === chosen,
    })),
  };
}

function contactModel(c: ContactView, input: ContactsModelInput, now: number) {
  return isDigital(c) ? digitalModel(c, input, now) : callModel(c, input, now);
}
