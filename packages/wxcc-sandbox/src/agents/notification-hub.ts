// WxCC's notification websockets: Welcome, keepalive watchdog, fan-out to every socket of an agent.
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import type { AgentEvent } from './events';
import type { RequestLog } from '../control/request-log';
import type { SandboxState, Subscription } from '../state';

interface Connection {
  socket: WebSocket;
  subscription: Subscription;
  openedAt: number;
  lastSeenAt: number;
  watchdog?: NodeJS.Timeout;
}

export interface ConnectionInfo {
  subscriptionId: string;
  clientType: string;
  openedAt: number;
  lastSeenAt: number;
}

const SUBSCRIPTION_PATH = /^\/wxcc\/v1\/notification\/subscription\/([A-Za-z0-9-]{1,100})$/;

/** "Upto 10 multiple logins will be allowed" (the spec, of allowMultiLogin). */
export const MAX_CONNECTIONS_PER_CLIENT_TYPE = 10;

export class NotificationHub {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  private readonly connections = new Set<Connection>();

  constructor(
    private readonly state: SandboxState,
    private readonly log: RequestLog,
    private readonly keepaliveTimeoutMs: number,
    /** The agent has no socket left (WxCC then idles an Available agent). */
    private readonly onLastSocketClosed: (agentId: string) => void = () => undefined,
  ) {}

  attach(server: Server): void {
    server.on('upgrade', (req, socket, head) => this.upgrade(req, socket, head));
  }

  publish(agentId: string, event: AgentEvent): number {
    let sent = 0;
    for (const c of this.connections) {
      if (c.subscription.agentId === agentId && c.socket.readyState === WebSocket.OPEN) {
        c.socket.send(JSON.stringify(event));
        sent += 1;
      }
    }
    return sent;
  }

  connectionsOf(agentId: string): ConnectionInfo[] {
    return [...this.connections]
      .filter((c) => c.subscription.agentId === agentId)
      .map((c) => ({
        subscriptionId: c.subscription.id,
        clientType: c.subscription.clientType,
        openedAt: c.openedAt,
        lastSeenAt: c.lastSeenAt,
      }));
  }

  /** Cuts the agent's sockets without a closing handshake, like a network failure. */
  drop(agentId: string): number {
    const mine = [...this.connections].filter((c) => c.subscription.agentId === agentId);
    for (const c of mine) c.socket.terminate();
    return mine.length;
  }

  /** Simulates a second desktop: every socket of the agent hears AGENT_MULTI_LOGIN. */
  notifyMultiLogin(agentId: string, trackingId: string): number {
    const mine = [...this.connections].filter((c) => c.subscription.agentId === agentId);
    return this.sendMultiLogin(mine, agentId, trackingId);
  }

  async close(): Promise<void> {
    for (const c of this.connections) {
      clearTimeout(c.watchdog);
      c.socket.terminate();
    }
    this.connections.clear();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  private upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', () => socket.destroy());
    const path = (req.url ?? '').split('?')[0] ?? '';
    const id = SUBSCRIPTION_PATH.exec(path)?.[1];
    const subscription = id === undefined ? undefined : this.state.subscriptions.get(id);
    const entry = this.log.add({
      at: Date.now(),
      method: 'GET',
      path,
      target: 'websocket',
      bearer: null,
      body: null,
      status: 101,
    });
    if (!subscription || subscription.connected) {
      // Unknown or already used: the URL is a one-time ticket, as the subscribe call issues it.
      entry.status = 404;
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    subscription.connected = true;
    this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws, subscription));
  }

  private accept(socket: WebSocket, subscription: Subscription): void {
    const now = Date.now();
    const connection: Connection = { socket, subscription, openedAt: now, lastSeenAt: now };
    this.connections.add(connection);
    socket.send(JSON.stringify({ type: 'Welcome', data: { agentId: subscription.agentId } }));
    socket.on('message', () => {
      // Any frame proves the client alive; {"keepalive":"true"} is what clients send.
      connection.lastSeenAt = Date.now();
      // Re-armed rather than refresh()ed: node:test's mocked timers (Node 20) ignore refresh(),
      // and the tests drive this watchdog on a mocked clock instead of waiting it out.
      if (connection.watchdog !== undefined) {
        clearTimeout(connection.watchdog);
        this.armWatchdog(connection);
      }
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(connection.watchdog);
      this.connections.delete(connection);
      this.state.subscriptions.delete(subscription.id);
      const agentId = subscription.agentId;
      if (![...this.connections].some((c) => c.subscription.agentId === agentId)) {
        this.onLastSocketClosed(agentId);
      }
    });
    // After the close handler, so a refused socket is forgotten like any other.
    if (this.admit(connection)) this.armWatchdog(connection);
  }

  /**
   * Connections are grouped by clientType, as the spec's NotificationRequest describes:
   * - allowMultiLogin: up to 10 of one clientType; beyond that `force` drops the oldest, else the
   *   new socket hears AGENT_MAX_CONNECTIONS_EXCEEDED and is closed;
   * - without it, a second socket of the same clientType is a multi-login: the older ones hear
   *   AGENT_MULTI_LOGIN, and with `force` they are also dropped ("drop all connections for that
   *   user of that clientType"); another application's sockets (another clientType) are told
   *   AGENT_MULTI_LOGIN but never dropped by someone else's `force`.
   * Returns false when the new socket was refused.
   */
  private admit(connection: Connection): boolean {
    const { subscription } = connection;
    const others = [...this.connections].filter(
      (c) => c !== connection && c.subscription.agentId === subscription.agentId,
    );
    const sameType = others.filter((c) => c.subscription.clientType === subscription.clientType);
    if (subscription.allowMultiLogin) {
      if (sameType.length >= MAX_CONNECTIONS_PER_CLIENT_TYPE) {
        if (!subscription.force) {
          this.send([connection], 'AGENT_MAX_CONNECTIONS_EXCEEDED', subscription);
          connection.socket.close(4003, 'too many connections for this client type');
          return false;
        }
        sameType[0]?.socket.close(4001, 'dropped for a newer connection');
      }
      return true;
    }
    this.sendMultiLogin(others, subscription.agentId, subscription.id);
    if (subscription.force) {
      for (const c of sameType) c.socket.close(4001, 'taken over by another desktop');
    }
    return true;
  }

  private send(targets: Connection[], type: string, subscription: Subscription): void {
    const orgId = this.state.seed.organization.id;
    const frame = JSON.stringify({
      type,
      orgId,
      trackingId: subscription.id,
      data: { type, eventType: 'AgentDesktopMessage', agentId: subscription.agentId, orgId },
    });
    for (const c of targets) if (c.socket.readyState === WebSocket.OPEN) c.socket.send(frame);
  }

  private sendMultiLogin(targets: Connection[], agentId: string, trackingId: string): number {
    const orgId = this.state.seed.organization.id;
    const event: AgentEvent = {
      type: 'AGENT_MULTI_LOGIN',
      orgId,
      trackingId,
      data: {
        type: 'AGENT_MULTI_LOGIN',
        eventType: 'AgentDesktopMessage',
        agentId,
        trackingId,
        orgId,
        reason: 'Another desktop has signed in as this agent',
      },
    };
    let sent = 0;
    for (const c of targets) {
      if (c.socket.readyState !== WebSocket.OPEN) continue;
      c.socket.send(JSON.stringify(event));
      sent += 1;
    }
    return sent;
  }

  private armWatchdog(connection: Connection): void {
    if (!connection.subscription.isKeepAliveEnabled) return;
    connection.watchdog = setTimeout(() => {
      connection.socket.terminate();
    }, this.keepaliveTimeoutMs);
  }
}
