// One open WxCC notification websocket: keepalives as Cisco's SDK sends them, and a connection
// that went silent (a NAT or proxy dropped it without a close) treated as gone. It knows nothing
// of subscriptions or reconnects: the socket's lifecycle (wxcc-socket.ts) decides those.
import WebSocket from 'ws';
import { AppError } from '../errors';
import { msg } from '../i18n/message';
import { everyPeriod } from './shared-ticker';

/** What Cisco's SDK sends every 4 s (WebSocketManager), built once rather than per agent and tick. */
const KEEPALIVE_FRAME = JSON.stringify({ keepalive: 'true' });

export interface ConnectionOptions {
  keepaliveMs?: number;
  connectTimeoutMs?: number;
  onMessage: (raw: string) => void;
  /** Closed by WxCC, by the network, or as dead after four quiet keepalive periods. */
  onClose: () => void;
}

export interface WxccConnection {
  /** Ends it without telling anyone (onClose is not called). */
  terminate(): void;
}

/** Resolves once the websocket is open; rejects with an AppError in words for the agent. */
export async function openConnection(
  url: string,
  options: ConnectionOptions,
): Promise<WxccConnection> {
  const socket = new WebSocket(url, {
    handshakeTimeout: options.connectTimeoutMs ?? 10000,
    // No permessage-deflate: WxCC's frames are small JSON, and each compressed socket would keep
    // zlib contexts (hundreds of KiB) for as long as the agent is signed in (issue 9).
    perMessageDeflate: false,
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', (error) => reject(openFailure(error)));
  });
  let ended = false;
  let lastHeard = Date.now();
  const keepaliveMs = options.keepaliveMs ?? 4000;
  // One timer serves every socket's keepalive (shared-ticker.ts), not one timer per agent.
  const stopKeepalive = everyPeriod(keepaliveMs, () => {
    if (socket.readyState !== WebSocket.OPEN) return;
    // Silent for four periods (no frame, no pong): gone, whatever the TCP state says.
    if (Date.now() - lastHeard > keepaliveMs * 4) return void socket.terminate();
    socket.send(KEEPALIVE_FRAME);
    socket.ping();
  });
  const end = () => {
    ended = true;
    stopKeepalive();
    if (socket.readyState !== WebSocket.CLOSED) socket.terminate();
  };
  socket.on('message', (raw) => {
    lastHeard = Date.now();
    if (!ended) options.onMessage(String(raw));
  });
  socket.on('pong', () => (lastHeard = Date.now()));
  socket.on('error', () => undefined); // 'close' follows and reports it
  socket.on('close', () => {
    if (ended) return;
    end();
    options.onClose();
  });
  return { terminate: end };
}

/**
 * A websocket that would not open, in words for the agent: a slow or overloaded WxCC (the
 * handshake timed out) is a 504 like any call that timed out, never an unexplained 500.
 */
export function openFailure(error: Error): AppError {
  const service = 'Webex Contact Center';
  if (/handshake has timed out/i.test(error.message)) {
    return new AppError('upstream_timeout', msg('upstream.liveTimeout', { service }), {
      cause: error,
    });
  }
  if (/Unexpected server response: (5\d\d|429)/.test(error.message)) {
    return new AppError('upstream_unavailable', msg('upstream.trouble', { service }), {
      cause: error,
    });
  }
  return new AppError('upstream_unreachable', msg('upstream.liveUnreachable', { service }), {
    cause: error,
  });
}
