// The shape of the server-side session, declared once; nothing else reaches into it by string.
import 'express-session';
import type { Person } from '../domain/agent';
import type { Message } from '../i18n/message';
import type { Locale } from '../i18n/locales';

export interface PendingAuthorization {
  state: string;
  codeVerifier: string;
  /** Epoch ms: an attempt older than ten minutes is refused. */
  startedAt: number;
}

export interface Flash {
  kind: 'info' | 'success' | 'error';
  /** A catalog sentence, said in the language of the page that shows it; plain text is shown as written. */
  message: Message | string;
  trackingId?: string;
  /** The form field the message is about, shown beside it. */
  field?: string;
  /** What the agent typed, to refill the form after a refusal (never secrets). */
  values?: Record<string, string>;
}

/**
 * A flash as a request sets it: only a catalog sentence, so the next page says it in the agent's
 * language. (A stored Flash may still hold plain text, written before the catalogs: shown as is.)
 */
export interface NewFlash extends Flash {
  message: Message;
}

declare module 'express-session' {
  interface SessionData {
    pendingAuthorization?: PendingAuthorization;
    /** Who signed in; their tokens live in the token store, keyed by agent, never here. */
    agent?: Person;
    flash?: Flash;
    /** Epoch ms of the Webex sign-in, for the absolute session timeout. */
    connectedAt?: number;
    /** Epoch ms of the agent's last request, for the idle timeout (written at most once a minute). */
    lastSeenAt?: number;
    /** Synchronizer token that every state-changing form must echo back. */
    csrfToken?: string;
    /**
     * Why the desktop ended the last sign-in (revoked, expired, timed out): Connect says it until
     * the next Connect (a fresh session), in every tab, not only the first page that shows a flash.
     */
    signedOut?: Flash;
    /** The agent's chosen language, copied from their remembered preferences at sign-in. */
    locale?: Locale;
  }
}
