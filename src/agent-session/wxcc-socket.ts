// One agent's WxCC notification socket over time: subscribe, open (wxcc-connection.ts), reconnect
// after a loss, stop on a take-over, as one transition table. It holds no state of the agent: its
// session (agent-session.ts) folds what it hears.
import { EventEmitter } from 'node:events';
import type { Subscription } from '../clients/webex-types';
import { AppError } from '../errors';
import { msg } from '../i18n/message';
import { isTakeOver, parseNotification } from './station-events';
import { openConnection, openFailure, type WxccConnection } from './wxcc-connection';
import type { NotificationEvent } from './snapshot';
import { runDetached } from '../logging/tracking-context';

export interface ChannelOptions {
  agentId: string;
  /** Subscribes with a valid token; `force` takes the session from another desktop. */
  subscribe: (force: boolean) => Promise<Subscription>;
  /** The configured WxCC base URL: the only host a websocket may be opened to. */
  wxccApiBase: string;
  keepaliveMs?: number;
  backoffInitialMs?: number;
  /** Default: a sixth of WxCC's 50 s lost-connection recovery window, so several tries fit in it. */
  backoffMaxMs?: number;
  connectTimeoutMs?: number;
  log?: (event: string, details?: Record<string, unknown>) => void;
}

export type ChannelStatus =
  'idle' | 'connecting' | 'open' | 'reconnecting' | 'taken_over' | 'closed';

interface ChannelEvents {
  event: [NotificationEvent];
  /** A socket of ours is open (the first, or one after a gap). */
  open: [];
  reconnected: [];
  /** The open socket was lost; a reconnect is scheduled. */
  lost: [];
  stopped: [reason: unknown];
  /** The channel is finished (closed or stopped): watchers should let go. */
  ended: [];
}

type Trigger =
  'start' | 'opened' | 'open-failed' | 'lost' | 'taken-over' | 'sign-in-lost' | 'close';

/**
 * The socket's whole lifecycle: where each trigger leads from each status; a trigger a status does
 * not list changes nothing. `start` from open or taken over is a forced start (a take-back);
 * from reconnecting it makes the scheduled reconnect happen now.
 */
const TRANSITIONS: Record<ChannelStatus, Partial<Record<Trigger, ChannelStatus>>> = {
  idle: { start: 'connecting', close: 'closed' },
  connecting: { opened: 'open', 'open-failed': 'idle', close: 'closed' },
  open: { start: 'connecting', lost: 'reconnecting', 'taken-over': 'taken_over', close: 'closed' },
  reconnecting: {
    start: 'reconnecting',
    opened: 'open',
    'open-failed': 'reconnecting',
    'sign-in-lost': 'closed',
    close: 'closed',
  },
  taken_over: { start: 'connecting', close: 'closed' },
  closed: {},
};

export class NotificationChannel extends EventEmitter<ChannelEvents> {
  status: ChannelStatus = 'idle';
  private connection?: WxccConnection;
  private retry?: NodeJS.Timeout;
  private attempt = 0;
  private opening?: Promise<void>;

  constructor(private readonly options: ChannelOptions) {
    super();
    this.setMaxListeners(0);
  }

  /** Resolves once the websocket is open; rejects if subscribing or opening fails. */
  start(force = false): Promise<void> {
    // Open already, or taken over by another desktop: quiet until the agent takes it back (force).
    if (this.status === 'closed' || (!force && ['open', 'taken_over'].includes(this.status)))
      return Promise.resolve();
    // One open at a time: a second forced call (a double click) joins the first.
    if (this.opening) return this.opening;
    // Reconnecting is our own session coming back: force drops our stale socket, not others'.
    const reconnecting = this.status === 'reconnecting';
    clearTimeout(this.retry);
    this.go('start');
    return this.connect(force || reconnecting);
  }

  close(): void {
    this.go('close');
    clearTimeout(this.retry);
    this.dropConnection();
    this.emit('ended');
  }

  /** Moves along the transition table; false when the trigger means nothing in this status. */
  private go(trigger: Trigger): boolean {
    const next = TRANSITIONS[this.status][trigger];
    if (next === undefined) return false;
    this.status = next;
    return true;
  }

  private connect(force: boolean): Promise<void> {
    const reconnecting = this.status === 'reconnecting';
    const opening = this.subscribeAndOpen(force)
      .then(
        () => {
          if (this.status === 'closed') return;
          this.go('opened');
          this.attempt = 0;
          // A new socket of our own means this desktop holds the session again.
          this.emit('open');
          this.options.log?.('notification socket open', { agentId: this.options.agentId });
          if (reconnecting) this.emit('reconnected');
        },
        (error: unknown) => {
          this.go('open-failed');
          if (!reconnecting) throw error;
          if (error instanceof AppError && error.code === 'reconnect_required') {
            this.go('sign-in-lost');
            this.emit('stopped', error);
            this.emit('ended');
          } else if (this.status === 'reconnecting') {
            this.scheduleReconnect(error);
          }
          throw error;
        },
      )
      .finally(() => {
        if (this.opening === opening) this.opening = undefined;
      });
    this.opening = opening;
    return opening;
  }

  private async subscribeAndOpen(force: boolean): Promise<void> {
    const subscription = await this.options.subscribe(force);
    const url = this.checkedUrl(subscription.webSocketUrl);
    if (this.status === 'closed') return;
    this.dropConnection();
    // Detached from the request that opens it: the socket, its keepalive and its reconnects live
    // for hours and belong to no request (each event runs under its own id, agent-session.ts).
    const connection: WxccConnection = await runDetached(() =>
      openConnection(url, {
        keepaliveMs: this.options.keepaliveMs,
        connectTimeoutMs: this.options.connectTimeoutMs,
        onMessage: (raw) => this.receive(raw),
        onClose: () => this.lost(connection),
      }),
    );
    // Closed while it opened: nobody wants it any more.
    if ((this.status as ChannelStatus) === 'closed') return connection.terminate();
    this.connection = connection;
  }

  private checkedUrl(raw: string): string {
    const allowed = new URL(this.options.wxccApiBase);
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      url = new URL('invalid:');
    }
    const scheme = allowed.protocol === 'https:' ? 'wss:' : 'ws:';
    if (url.protocol !== scheme || url.host !== allowed.host) {
      // A subscription that points anywhere else would leak the agent's events; refuse it.
      throw new AppError(
        'upstream_malformed',
        msg('upstream.liveWrongHost', { service: 'Webex Contact Center' }),
        { cause: new Error(`refused websocket URL host ${url.host}`) },
      );
    }
    return url.toString();
  }

  private receive(raw: string): void {
    const event = parseNotification(raw);
    if (event === undefined) return;
    // WxCC speaks no more to a socket another desktop displaced: stop, and wait for a take-back.
    const displaced = isTakeOver(event) && this.go('taken-over');
    this.emit('event', event);
    if (displaced) this.dropConnection();
  }

  private lost(connection: WxccConnection): void {
    if (connection !== this.connection) return;
    this.connection = undefined;
    if (!this.go('lost')) return;
    this.emit('lost');
    this.scheduleReconnect();
  }

  private scheduleReconnect(error?: unknown): void {
    const initial = this.options.backoffInitialMs ?? 500;
    // WxCC gives a lost socket lostConnectionRecoveryTimeout (50 s by default) to come back: the
    // 16 s dead-socket check plus a few retries this far apart stay well inside it.
    const max = this.options.backoffMaxMs ?? 8000;
    const delay = Math.min(max, initial * 2 ** this.attempt) * (0.5 + Math.random() / 2);
    this.attempt += 1;
    this.options.log?.('notification socket reconnecting', {
      agentId: this.options.agentId,
      attempt: this.attempt,
      delayMs: Math.round(delay),
      ...(error === undefined ? {} : { err: error }),
    });
    this.retry = setTimeout(() => {
      if (this.status !== 'reconnecting' || this.opening) return;
      // force: the server may still hold our dead socket; dropping it must not lock us out. A
      // failure schedules the next try (or stops) in connect(), and is logged there.
      this.connect(true).catch(() => undefined);
    }, delay);
    this.retry.unref();
  }

  private dropConnection(): void {
    const connection = this.connection;
    this.connection = undefined;
    connection?.terminate();
  }
}

export { openFailure };
