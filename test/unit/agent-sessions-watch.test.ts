// A page stream's watch on the agent's channel (agent-sessions.ts): what changed after the stream
// last read the snapshot but before it listened reaches it once it listens, and nothing else does.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AgentClients } from '../../src/clients/agent-client';
import { createMemoryBackend } from '../../src/cluster/memory-backend';
import type { SessionJobs } from '../../src/agent-session/agent-session';
import { createAgentSessions } from '../../src/agent-session/agent-sessions';
import { emptySnapshot, type StationSnapshot } from '../../src/agent-session/snapshot';

function sessionsOnAnotherInstance() {
  const logged: string[] = [];
  const backend = createMemoryBackend();
  // What a Redis backend calls when its subscriber is back after a drop.
  let resubscribed: () => void = () => undefined;
  backend.onResubscribed = (listener) => void (resubscribed = listener);
  const sessions = createAgentSessions({
    // This instance holds no socket here: nothing below may reach WxCC or run a job.
    wxcc: {} as AgentClients,
    wxccApiBase: 'http://127.0.0.1:9',
    backend,
    reload: () => Promise.reject(new Error('not here')),
    jobs: {} as SessionJobs,
    now: Date.now,
    log: (event) => logged.push(event),
  });
  return { backend, sessions, logged, comeBack: () => resubscribed() };
}

describe('watching an agent channel', () => {
  it('when the snapshot changed before the watcher listened, then it is handed the latest once listening, and later changes as published', async () => {
    const { sessions } = sessionsOnAnotherInstance();
    const ringing: StationSnapshot = {
      ...emptySnapshot(),
      known: true,
      loggedIn: true,
      subStatus: 'Available',
      interactionIds: ['call-1'],
    };
    // The owner stored the offer's snapshot and published it before this watcher subscribed.
    await sessions.bus.save('agent-1', ringing);
    const seen: StationSnapshot[] = [];
    const stop = await sessions.watch('agent-1', {
      onSnapshot: (s) => seen.push(s),
      onEnd: () => undefined,
    });
    try {
      assert.deepEqual(seen, [ringing], 'the latest, once listening');
      const idle = { ...ringing, subStatus: 'Idle', interactionIds: [] };
      await sessions.bus.publish('agent-1', { kind: 'snapshot', snapshot: idle });
      await new Promise((r) => setImmediate(r));
      assert.deepEqual(seen, [ringing, idle]);
    } finally {
      stop();
      await sessions.close();
    }
  });

  it('when no snapshot is stored for the agent, then the watcher is handed nothing (an empty one would say logged out)', async () => {
    const { sessions } = sessionsOnAnotherInstance();
    const seen: StationSnapshot[] = [];
    const stop = await sessions.watch('agent-2', {
      onSnapshot: (s) => seen.push(s),
      onEnd: () => undefined,
    });
    stop();
    await sessions.close();
    assert.deepEqual(seen, []);
  });

  it('when the stored snapshot cannot be read, then the watch still listens and the failure is logged', async () => {
    const { sessions, backend, logged } = sessionsOnAnotherInstance();
    backend.getValue = () => Promise.reject(new Error('storage away'));
    const seen: StationSnapshot[] = [];
    const stop = await sessions.watch('agent-3', {
      onSnapshot: (s) => seen.push(s),
      onEnd: () => undefined,
    });
    const later = { ...emptySnapshot(), known: true, loggedIn: true };
    await sessions.bus.publish('agent-3', { kind: 'snapshot', snapshot: later });
    await new Promise((r) => setImmediate(r));
    stop();
    await sessions.close();
    assert.deepEqual(seen, [later]);
    assert.deepEqual(logged, ['could not read the snapshot for a new watcher']);
  });

  it('when the subscriptions come back after Redis dropped them, then each watcher is handed the latest snapshot, and a stopped one is not', async () => {
    const { sessions, comeBack } = sessionsOnAnotherInstance();
    const idle: StationSnapshot = { ...emptySnapshot(), known: true, loggedIn: true };
    await sessions.bus.save('agent-4', idle);
    const first: StationSnapshot[] = [];
    const second: StationSnapshot[] = [];
    const gone: StationSnapshot[] = [];
    const stops = [
      await sessions.watch('agent-4', { onSnapshot: (s) => first.push(s), onEnd: () => undefined }),
      await sessions.watch('agent-4', {
        onSnapshot: (s) => second.push(s),
        onEnd: () => undefined,
      }),
      await sessions.watch('agent-4', { onSnapshot: (s) => gone.push(s), onEnd: () => undefined }),
    ];
    stops[2]!();
    // Published while this instance's subscriber was away: stored by the owner, heard by no one.
    const ringing = { ...idle, subStatus: 'Available', interactionIds: ['call-2'] };
    await sessions.bus.save('agent-4', ringing);
    comeBack();
    await new Promise((r) => setImmediate(r));
    stops[0]!();
    stops[1]!();
    await sessions.close();
    assert.deepEqual(first, [idle, ringing]);
    assert.deepEqual(second, [idle, ringing]);
    assert.deepEqual(gone, [idle], 'a stopped watcher hears nothing more');
  });
});
