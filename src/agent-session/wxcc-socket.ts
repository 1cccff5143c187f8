// One agent's WxCC notification websocket: subscribe, keepalive, reconnect, events in order. It
// holds no state of the agent: its session (agent-session.ts) folds what it hears.
import { EventEmitter } from 'node:events';
import WebSocket from 'ws';
import type { Subscription } from '../clients/webex-types';
import { AppError } from '../errors';
import { isTakeOver, parseNotification } from './station-events';
import type { NotificationEvent } from './snapshot';

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
  stopped: [reason: unknown];
  /** The channel is finished (closed or stopped): watchers should let go. */
  ended: [];
}

/** What Cisco's SDK sends every 4 s (WebSocketManager), built once rather than per agent and tick. */
const KEEPALIVE_FRAME = JSON.stringify({ keepalive: 'true' });

export class NotificationChannel extends EventEmitter<ChannelEvents> {
  status: ChannelStatus = 'idle';
  private socket?: WebSocket;
  private keepalive?: NodeJS.Timeout;
  private retry?: NodeJS.Timeout;
  private attempt = 0;
  private opening?: Promise<void>;

  constructor(private readonly options: ChannelOptions) {
    super();
    this.setMaxListeners(0);
  }

  /** Resolves once the websocket is open; rejects if subscribing fails. */
  start(force = false): Promise<void> {
    // Taken over by another desktop: stay quiet until the agent asks to take it back (force).
    if ((this.status === 'open' || this.status === 'taken_over') && !force)
      return Promise.resolve();
    // One open at a time: a second forced call (a double click) joins the first.
    if (this.opening) return this.opening;
    // A reconnect is already scheduled: do it now instead, and only once.
    const wasReconnecting = this.status === 'reconnecting';
    clearTimeout(this.retry);
    this.status = this.status === 'idle' || force ? 'connecting' : this.status;
    // Reconnecting is our own session coming back: force drops our stale socket, not others'.
    const opening = this.open(force || wasReconnecting)
      .then(
        () => {
          if (wasReconnecting) this.emit('reconnected');
        },
        (error: unknown) => {
          // The cancelled timer was the channel's only way back: keep trying in the background.
          if (wasReconnecting && this.status !== 'closed') this.scheduleReconnect();
          throw error;
        },
      )
      .finally(() => {
        if (this.opening === opening) this.opening = undefined;
      });
    this.opening = opening;
    return opening;
  }

  close(): void {
    this.status = 'closed';
    clearTimeout(this.retry);
    this.teardownSocket();
    this.emit('ended');
  }

  private async open(force: boolean): Promise<void> {
    const subscription = await this.options.subscribe(force);
    const url = this.checkedUrl(subscription.webSocketUrl);
    if ((this.status as ChannelStatus) === 'closed') return;
    this.teardownSocket();
    const socket = new WebSocket(url, {
      handshakeTimeout: this.options.connectTimeoutMs ?? 10000,
      // No permessage-deflate: WxCC's frames are small JSON, and each compressed socket would keep
      // zlib contexts (hundreds of KiB) for as long as the agent is signed in (issue 9).
      perMessageDeflate: false,
    });
    this.socket = socket;
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', (error) => reject(openFailure(error)));
    });
    this.status = 'open';
    this.attempt = 0;
    // A new socket of our own means this desktop holds the session again.
    this.emit('open');
    this.options.log?.('notification socket open', { agentId: this.options.agentId });
    // Only the current socket speaks for the agent: a replaced one's last words are ignored.
    let lastHeard = Date.now();
    socket.on('message', (raw) => {
      lastHeard = Date.now();
      if (socket === this.socket) this.receive(String(raw));
    });
    socket.on('pong', () => (lastHeard = Date.now()));
    socket.on('error', () => undefined); // 'close' follows and handles reconnection
    socket.on('close', () => this.onClose(socket));
    const keepaliveMs = this.options.keepaliveMs ?? 4000;
    this.keepalive = setInterval(() => {
      if (socket.readyState !== WebSocket.OPEN) return;
      // A connection dropped silently by a NAT or proxy never closes: after four quiet periods
      // (no frame, no pong) treat it as gone, so onClose reconnects.
      if (Date.now() - lastHeard > keepaliveMs * 4) {
        socket.terminate();
        return;
      }
      socket.send(KEEPALIVE_FRAME);
      socket.ping();
    }, keepaliveMs);
    this.keepalive.unref();
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
        'Webex Contact Center sent a notification address on an unexpected host.',
        { cause: new Error(`refused websocket URL host ${url.host}`) },
      );
    }
    return url.toString();
  }

  private receive(raw: string): void {
    const event = parseNotification(raw);
    if (event === undefined) return;
    // WxCC speaks no more to a socket another desktop displaced: stop, and wait for a take-back.
    if (isTakeOver(event)) this.status = 'taken_over';
    this.emit('event', event);
    if (this.status === 'taken_over') this.teardownSocket();
  }

  private onClose(socket: WebSocket): void {
    if (socket !== this.socket) return;
    this.teardownSocket();
    if (this.status === 'closed' || this.status === 'taken_over') return;
    this.status = 'reconnecting';
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
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
    });
    this.retry = setTimeout(() => {
      if (this.status !== 'reconnecting' || this.opening) return;
      // force: the server may still hold our dead socket; dropping it must not lock us out.
      const opening = this.open(true).finally(() => {
        if (this.opening === opening) this.opening = undefined;
      });
      this.opening = opening;
      opening.then(
        () => this.emit('reconnected'),
        (error: unknown) => {
          if (error instanceof AppError && error.code === 'reconnect_required') {
            this.status = 'closed';
            this.emit('stopped', error);
            this.emit('ended');
          } else if (this.status !== 'closed') {
            this.scheduleReconnect();
          }
        },
      );
    }, delay);
    this.retry.unref();
  }

  private teardownSocket(): void {
    clearInterval(this.keepalive);
    const socket = this.socket;
    this.socket = undefined;
    if (socket && socket.readyState !== WebSocket.CLOSED) socket.terminate();
  }
}

/**
 * A websocket that would not open, in words for the agent: a slow or overloaded WxCC (the
 * handshake timed out) is a 504 like any call that timed out, never an unexplained 500.
 */
export function openFailure(error: Error): AppError {
  const service = 'Webex Contact Center';
  if (/handshake has timed out/i.test(error.message)) {
    return new AppError(
      'upstream_timeout',
      `${service} did not open the live connection in time. Please try again.`,
      { cause: error },
    );
  }
  if (/Unexpected server response: (5\d\d|429)/.test(error.message)) {
    return new AppError(
      'upstream_unavailable',
      `${service} is having trouble right now. Please try again in a moment.`,
      { cause: error },
    );
  }
  return new AppError(
    'upstream_unreachable',
    `The desktop could not open its live connection to ${service}. Please try again.`,
    { cause: error },
  );
}
