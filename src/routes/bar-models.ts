// What the agent bar shows besides the routing state: what the agent is doing, the offer that
// rings (RONA countdown), and the health of the WxCC socket. Computed from the snapshot alone.
import type { ContactState, ContactView } from '../agent-session/contact-view';
import type { StationSnapshot } from '../agent-session/snapshot';
import { contactNoun, isDigital } from '../agent-session/contact-media';
import { msg, type Message } from '../i18n/message';

/**
 * How long "connected again" stays in the bar after the socket came back (as long as the page
 * stream's "back", public/connection.js): then the page settles it to "connected" by itself.
 */
export const RECOVERY_SHOWN_MS = 10_000;

const ACTIVITY: Record<ContactState, { key: string; label: Message; rank: number }> = {
  offered: { key: 'ringing', label: msg('state.activity.ringing'), rank: 1 },
  wrapup: { key: 'wrapup', label: msg('state.activity.wrapup'), rank: 2 },
  held: { key: 'held', label: msg('state.activity.held'), rank: 3 },
  consulting: { key: 'consulting', label: msg('state.activity.consulting'), rank: 4 },
  conference: { key: 'call', label: msg('state.activity.conference'), rank: 4 },
  connected: { key: 'call', label: msg('state.activity.call'), rank: 5 },
};

/** What the agent is doing now: the most engaging of their contacts (a call over a wrap-up). */
export function activityOf(snapshot: StationSnapshot): { key: string; label: Message } | undefined {
  let best: (typeof ACTIVITY)[ContactState] | undefined;
  let bestContact: ContactView | undefined;
  for (const c of Object.values(snapshot.contacts.items)) {
    const a = ACTIVITY[c.state];
    if (best === undefined || a.rank > best.rank) [best, bestContact] = [a, c];
  }
  if (best === undefined || bestContact === undefined) return undefined;
  // A chat, email or social message is not a call: "Handling the chat", not "On a call".
  if (isDigital(bestContact) && bestContact.state === 'connected') {
    return { key: best.key, label: msg(`state.activity.handling.${contactNoun(bestContact)}`) };
  }
  return { key: best.key, label: best.label };
}

/** The customer offer ringing now (not the agent's own outdial): the bar counts down to RONA. */
export function ringingOffer(snapshot: StationSnapshot, now = Date.now()) {
  const offer = Object.values(snapshot.contacts.items).find(isRingingOffer);
  if (offer === undefined) return undefined;
  const deadline =
    offer.ronaTimeoutSec !== undefined && offer.offeredAt !== undefined
      ? offer.offeredAt + offer.ronaTimeoutSec * 1000
      : undefined;
  return {
    caller: offer.customerName ?? offer.ani ?? msg('contact.unknownCaller'),
    deadline,
    leftText: deadline === undefined ? '' : formatClock(Math.ceil((deadline - now) / 1000)),
  };
}

export function isRingingOffer(c: ContactView): boolean {
  return c.state === 'offered' && (c.direction === 'INBOUND' || c.consulted);
}

/**
 * The WxCC socket's health for the bar: connected, reconnecting since when, lost and what to do,
 * and "connected again" for a while after a recovery.
 */
export function connectionModel(snapshot: StationSnapshot, now = Date.now()) {
  if (snapshot.takenOver) {
    return {
      status: 'elsewhere',
      label: msg('connection.elsewhere.label'),
      help: msg('connection.elsewhere.help'),
    };
  }
  const socket = snapshot.socket;
  if (socket?.status === 'reconnecting') {
    return {
      status: 'reconnecting',
      label: msg('connection.reconnecting.label'),
      since: socket.since,
      sinceText: formatClock(Math.floor((now - socket.since) / 1000)),
      help: msg('connection.reconnecting.help'),
    };
  }
  if (socket?.status === 'lost') {
    return {
      status: 'lost',
      label: msg('connection.lost.label'),
      help: msg('connection.lost.help'),
    };
  }
  const recoveredAt = socket?.recoveredAt;
  const recovered = recoveredAt !== undefined && now - recoveredAt < RECOVERY_SHOWN_MS;
  const connected = msg('connection.connected.label');
  if (!recovered) return { status: 'connected', label: connected, help: undefined };
  return {
    status: 'recovered',
    label: msg('connection.recovered.label'),
    help: undefined,
    // No later push may come to redraw the bar: the page settles the badge in that much time.
    settle: { inMs: recoveredAt + RECOVERY_SHOWN_MS - now, label: connected },
  };
}

/** Seconds as m:ss or h:mm:ss. */
export function formatClock(totalSeconds: number): string {
  const seconds = Math.max(0, totalSeconds);
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const two = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${two(m)}:${two(seconds % 60)}` : `${m}:${two(seconds % 60)}`;
}
