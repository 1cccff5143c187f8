// The socket holder's expiry sweep (agent-session/desktop-expiry.ts): which desktops it ends, and
// that it reads every owned agent's activity in one go rather than one agent after another.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ClusterBackend } from '../../src/cluster/backend';
import { createAgentRegistry } from '../../src/cluster/agent-registry';
import { createMemoryBackend } from '../../src/cluster/memory-backend';
import { createDesktopExpiry } from '../../src/agent-session/desktop-expiry';
import { emptySnapshot, type StationSnapshot } from '../../src/agent-session/snapshot';

const MINUTE = 60_000;
const NOW = 1_700_000_000_000;
const LIMITS = { idleMs: 30 * MINUTE, absoluteMs: 12 * 60 * MINUTE };

/** A memory backend that counts the registry's reads. */
function countingBackend() {
  const backend = createMemoryBackend(() => NOW);
  const reads = { one: 0, many: 0 };
  const counted: ClusterBackend = {
    ...backend,
    getField: (hash, field) => {
      reads.one += 1;
      return backend.getField(hash, field);
    },
    fieldsOf: (hash, fields) => {
      reads.many += 1;
      return backend.fieldsOf(hash, fields);
    },
  };
  return { backend: counted, reads };
}

function expiryFor(backend: ClusterBackend, snapshots: Record<string, StationSnapshot> = {}) {
  const registry = createAgentRegistry(backend);
  const ended: string[] = [];
  const loggedOut: string[] = [];
  const logged: string[] = [];
  const expiry = createDesktopExpiry({
    registry,
    limits: LIMITS,
    now: () => NOW,
    current: async (agentId) => snapshots[agentId] ?? emptySnapshot(),
    logoutStation: async (agentId) => void loggedOut.push(agentId),
    release: async (agentId) => void ended.push(agentId),
    log: (event) => void logged.push(event),
  });
  return { registry, expiry, ended, loggedOut, logged };
}

describe('desktop expiry sweep', () => {
  it('when a thousand owned agents are all active, then one read finds that and nothing ends', async () => {
    const { backend, reads } = countingBackend();
    const { registry, expiry, ended } = expiryFor(backend);
    const owned = Array.from({ length: 1000 }, (_, i) => `agent-${i}`);
    for (const agentId of owned) {
      await registry.register(agentId, { connectedAt: NOW - MINUTE, lastSeenAt: NOW - MINUTE });
    }
    await expiry.expireDue(owned);
    assert.deepEqual(reads, { one: 0, many: 1 });
    assert.deepEqual(ended, []);
  });

  it('when some are past a limit, then only those end, a logged-in one logged out, one on a call kept', async () => {
    const { backend } = countingBackend();
    const loggedIn = { ...emptySnapshot(), loggedIn: true };
    const { registry, expiry, ended, loggedOut } = expiryFor(backend, {
      idle: loggedIn,
      'on-call': { ...loggedIn, interactionIds: ['int-1'] },
    });
    const old = NOW - 31 * MINUTE;
    await registry.register('active', { connectedAt: NOW - MINUTE, lastSeenAt: NOW - MINUTE });
    await registry.register('idle', { connectedAt: old, lastSeenAt: old });
    await registry.register('on-call', { connectedAt: old, lastSeenAt: old });
    await registry.register('too-long', { connectedAt: NOW - 13 * 60 * MINUTE, lastSeenAt: NOW });
    await expiry.expireDue(['active', 'idle', 'on-call', 'too-long', 'not-registered']);
    assert.deepEqual(ended, ['idle', 'too-long']);
    assert.deepEqual(loggedOut, ['idle']);
  });

  it('when the agent came back between the sweep’s read and its look, then the desktop is kept', async () => {
    const { backend } = countingBackend();
    const old = NOW - 31 * MINUTE;
    const registry = createAgentRegistry(backend);
    await registry.register('back', { connectedAt: old, lastSeenAt: old });
    const ended: string[] = [];
    const expiry = createDesktopExpiry({
      registry: {
        ...registry,
        // The agent's request lands just after the sweep read everyone's activity.
        some: async (ids) => {
          const found = await registry.some(ids);
          await registry.touch('back', NOW);
          return found;
        },
      },
      limits: LIMITS,
      now: () => NOW,
      current: async () => emptySnapshot(),
      logoutStation: async () => undefined,
      release: async (agentId) => void ended.push(agentId),
    });
    await expiry.expireDue(['back']);
    assert.deepEqual(ended, []);
  });

  it('when the registry cannot be read, then the sweep says so and ends nothing', async () => {
    const { backend } = countingBackend();
    const failing: ClusterBackend = {
      ...backend,
      fieldsOf: async () => {
        throw new Error('redis down');
      },
    };
    const { expiry, ended, logged } = expiryFor(failing);
    await expiry.expireDue(['agent-1']);
    assert.deepEqual(ended, []);
    assert.deepEqual(logged, ['could not check the agents for expiry']);
  });
});
