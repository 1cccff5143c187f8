// Unit tests of the station service's waits: Cisco's SDK's 20 s for a result, state control v2 reloads.
import { createAgentClients, type TokenSource } from '../../src/clients/agent-client';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { after, before, describe, it, mock } from 'node:test';
import { WebSocketServer, type WebSocket } from 'ws';
import type { WebexClient } from '../../src/clients/webex-client';
import { createStationService, RESULT_TIMEOUT_MS } from '../../src/station/station-service';

const AGENT = { personId: 'p', agentId: 'agent-1', orgId: 'org-1', displayName: 'Agent One' };

describe('station service waits', () => {
  let server: WebSocketServer;
  let base: string;
  let socket: WebSocket | undefined;

  before(async () => {
    server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await once(server, 'listening');
    const address = server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    server.on('connection', (s) => (socket = s));
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  function service(onReload: () => void = () => undefined) {
    const client = {
      subscribe: async () => ({
        webSocketUrl: `${base.replace('http', 'ws')}/v1/notification/subscription/s`,
        subscriptionId: 's',
      }),
      setAgentState: async () => ({ status: 202, body: {}, headers: {} }),
      reloadAgent: async () => {
        onReload();
        return { status: 202, body: {}, headers: {} };
      },
    } as unknown as WebexClient;
    const tokens: TokenSource = { withAccessToken: (_agentId, call) => call('t') };
    return createStationService({
      wxcc: createAgentClients(client, tokens),
      oauth: { forget: async () => undefined },
      wxccApiBase: base,
      reloadWaitMs: 3000,
    });
  }
  const ctx = { slot: {}, agent: AGENT } as Parameters<
    ReturnType<typeof createStationService>['setState']
  >[0];

  it('when no result event comes, then the outcome is unknown only after Cisco’s 20 s, not before', async () => {
    assert.equal(RESULT_TIMEOUT_MS, 20_000);
    const station = service(() =>
      socket?.send(
        JSON.stringify({
          type: 'AgentReloginSuccess',
          data: { type: 'AgentReloginSuccess', subStatus: 'Idle', interactionIds: [] },
        }),
      ),
    );
    try {
      await station.snapshot(ctx); // opens the socket with real timers
      mock.timers.enable({ apis: ['setTimeout'] });
      let outcome: string | undefined;
      const pending = station.setState(ctx, 'Available', '0').then((o) => (outcome = o));
      await new Promise((resolve) => setImmediate(resolve));
      mock.timers.tick(RESULT_TIMEOUT_MS - 1);
      await new Promise((resolve) => setImmediate(resolve));
      assert.equal(outcome, undefined, 'still waiting just before 20 s');
      mock.timers.tick(1);
      await pending;
      assert.equal(outcome, 'pending');
    } finally {
      mock.timers.reset();
      station.close();
    }
  });

  it('when a reload is answered in the state control v2 shape, then the snapshot is known at once', async () => {
    const station = service(() =>
      socket?.send(
        JSON.stringify({
          type: 'AgentRequestEvent',
          data: {
            type: 'AgentChannelReloginSuccess',
            teamId: '104711',
            subStatus: 'Available',
            auxCodeId: '0',
            interactionIds: [],
          },
        }),
      ),
    );
    try {
      const started = Date.now();
      const snapshot = await station.snapshot(ctx);
      assert.equal(snapshot.known, true);
      assert.equal(snapshot.teamId, '104711');
      assert.ok(Date.now() - started < 2000, 'did not wait for the reload timeout');
    } finally {
      station.close();
    }
  });
});
