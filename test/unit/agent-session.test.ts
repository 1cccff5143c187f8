// The agent's session: its one reducer fed by events and facts, and its background jobs (auto
// wrap-up, the repair of a lost socket), with a stand-in socket, a memory bus and mocked timers.
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, it, mock } from 'node:test';
import {
  AgentSession,
  WSS_DISCONNECT_REASON,
  type SessionChannel,
  type SessionJobs,
} from '../../src/agent-session/agent-session';
import { createEventBus } from '../../src/agent-session/event-bus';
import { createMemoryBackend } from '../../src/cluster/memory-backend';
import type { WrapUpCode } from '../../src/contacts/contact-directory';
import type { ContactView } from '../../src/agent-session/contact-view';
import {
  emptySnapshot,
  type NotificationEvent,
  type StationSnapshot,
} from '../../src/agent-session/snapshot';

const AGENT = 'agent-1';
const ID = 'int-1';
const T0 = 1_000_000;
const RESOLVED: WrapUpCode = { id: 'code-1', name: 'Resolved', isDefault: true };

/** The WxCC socket, played by the test: it is open, and the test makes it hear events. */
class FakeChannel extends EventEmitter implements SessionChannel {
  status: SessionChannel['status'] = 'open';
  starts: boolean[] = [];
  start(force = false) {
    this.starts.push(force);
    this.status = 'open';
    this.emit('open');
    return Promise.resolve();
  }
  close() {
    this.status = 'closed';
  }
  hear(inner: string, data: Record<string, unknown> = {}) {
    const outer = data.outer === undefined ? 'RoutingMessage' : String(data.outer);
    this.emit('event', {
      outer,
      inner,
      data: { type: inner, eventType: outer, interactionId: ID, agentId: AGENT, ...data },
    } satisfies NotificationEvent);
  }
}

function wrapping(extra: Partial<ContactView> = {}): StationSnapshot {
  const contact: ContactView = {
    interactionId: ID,
    state: 'wrapup',
    direction: 'INBOUND',
    callVariables: [],
    recording: { pauseResumeEnabled: false, paused: false },
    consulted: false,
    wrapUpStartedAt: T0,
    ...extra,
  };
  return {
    ...emptySnapshot(),
    known: true,
    loggedIn: true,
    contacts: { items: { [ID]: contact }, notes: [] },
  };
}

function harness(options: {
  stored?: StationSnapshot;
  seconds?: number;
  claim?: boolean;
  ownTakeOver?: boolean;
  restore?: boolean;
  /** Saves wait until the test opens the gate (a slow store under load). */
  gate?: Promise<void>;
  /** The instance the session stores for (fenced by the agent's lease). */
  holder?: string;
}) {
  const backend = createMemoryBackend();
  const { gate } = options;
  if (gate) {
    const setValue = backend.setValue.bind(backend);
    backend.setValue = (...args) => gate.then(() => setValue(...args));
  }
  const bus = createEventBus(backend);
  const channel = new FakeChannel();
  const sent: { id: string; code: string }[] = [];
  const restores: string[] = [];
  const jobs: SessionJobs = {
    autoWrapUp: () =>
      Promise.resolve(
        options.seconds === undefined ? undefined : { seconds: options.seconds, code: RESOLVED },
      ),
    claimWrapUp: () => Promise.resolve(options.claim ?? true),
    sendWrapUp: (_agentId, id, code) => {
      sent.push({ id, code: code.id });
      return Promise.resolve();
    },
    restoreAvailable: (agentId) => {
      restores.push(agentId);
      return Promise.resolve(options.restore ?? true);
    },
  };
  const session = new AgentSession({
    agentId: AGENT,
    bus,
    stored: options.stored,
    now: () => Date.now(),
    jobs,
    isOurOwnTakeOver: () => Promise.resolve(options.ownTakeOver ?? false),
    createChannel: () => channel,
    holder: options.holder,
    subscribe: () => Promise.reject(new Error('not used')),
    wxccApiBase: 'http://127.0.0.1:1',
  });
  return { session, channel, sent, restores, bus, backend };
}

const flush = async () => {
  for (let i = 0; i < 10; i += 1) await Promise.resolve();
};

describe('agent session: auto wrap-up', () => {
  beforeEach(() => mock.timers.enable({ apis: ['setTimeout', 'Date'], now: T0 }));
  afterEach(() => mock.timers.reset());

  it('when a contact enters wrap-up, then the deadline is kept in the snapshot and the default code is sent once when it passes', async () => {
    const h = harness({ seconds: 10 });
    await h.session.start();
    h.channel.hear('AgentWrapup', { eventTime: T0 });
    await flush();
    assert.equal(h.session.snapshot.contacts.items[ID]?.autoWrapUpAt, T0 + 10_000);
    mock.timers.tick(9_999);
    await flush();
    assert.equal(h.sent.length, 0);
    mock.timers.tick(1);
    await flush();
    assert.deepEqual(h.sent, [{ id: ID, code: RESOLVED.id }]);
    assert.equal(h.session.snapshot.contacts.items[ID]?.autoWrapUpSent, true);
    mock.timers.tick(60_000);
    await flush();
    assert.equal(h.sent.length, 1, 'never sent twice');
  });

  it('when the agent wraps up first, then nothing is sent', async () => {
    const h = harness({ seconds: 10 });
    await h.session.start();
    h.channel.hear('AgentWrapup', { eventTime: T0 });
    await flush();
    h.channel.hear('AgentWrappedUp');
    mock.timers.tick(20_000);
    await flush();
    assert.equal(h.sent.length, 0);
  });

  it('when the profile has no auto wrap-up, then no deadline is set and nothing is sent', async () => {
    const h = harness({});
    await h.session.start();
    h.channel.hear('AgentWrapup', { eventTime: T0 });
    await flush();
    assert.equal(h.session.snapshot.contacts.items[ID]?.autoWrapUpAt, undefined);
    mock.timers.tick(600_000);
    await flush();
    assert.equal(h.sent.length, 0);
  });

  it('when more time is asked for (from any instance, as a fact), then the new deadline wins', async () => {
    const h = harness({ seconds: 10 });
    await h.session.start();
    h.channel.hear('AgentWrapup', { eventTime: T0 });
    await flush();
    mock.timers.tick(8_000);
    h.session.tell({ type: 'auto-wrap-up-due', interactionId: ID, at: T0 + 18_000 });
    mock.timers.tick(2_000);
    await flush();
    assert.equal(h.sent.length, 0, 'the first deadline passed without a send');
    mock.timers.tick(8_000);
    await flush();
    assert.equal(h.sent.length, 1);
  });

  it('when a new holder starts from a stored snapshot whose deadline has passed (fail-over), then it sends at once', async () => {
    const h = harness({ seconds: 10, stored: wrapping({ autoWrapUpAt: T0 - 1_000 }) });
    await h.session.start(true);
    await flush();
    mock.timers.tick(0);
    await flush();
    assert.deepEqual(h.sent, [{ id: ID, code: RESOLVED.id }]);
  });

  it('when the dead holder had already claimed the send, then the new holder does not send again', async () => {
    const h = harness({
      seconds: 10,
      claim: false,
      stored: wrapping({ autoWrapUpAt: T0 - 1_000 }),
    });
    await h.session.start(true);
    mock.timers.tick(0);
    await flush();
    assert.equal(h.sent.length, 0);
    assert.equal(h.session.snapshot.contacts.items[ID]?.autoWrapUpSent, true, 'and stops trying');
  });

  it('when the stored snapshot says the wrap-up was sent, then it is not sent again', async () => {
    const h = harness({
      seconds: 10,
      stored: wrapping({ autoWrapUpAt: T0 - 1_000, autoWrapUpSent: true }),
    });
    await h.session.start(true);
    mock.timers.tick(60_000);
    await flush();
    assert.equal(h.sent.length, 0);
  });

  it('when the deadline is set, then the stored snapshot holds it for a new holder', async () => {
    const h = harness({ seconds: 10 });
    await h.session.start();
    h.channel.hear('AgentWrapup', { eventTime: T0 });
    await flush();
    mock.timers.tick(0);
    await flush();
    const stored = await h.bus.latest(AGENT);
    assert.equal(stored?.contacts.items[ID]?.autoWrapUpAt, T0 + 10_000);
  });
});

describe('agent session: facts and take-overs', () => {
  it('when WxCC idles the agent for a lost socket, then the session restores Available once and notes it', async () => {
    const h = harness({});
    await h.session.start();
    h.channel.hear('AgentStateChangeSuccess', {
      outer: 'AgentStateChange',
      subStatus: 'Idle',
      auxCodeId: 'idle-1',
      lastStateChangeReason: WSS_DISCONNECT_REASON,
      lastStateChangeTimestamp: T0,
    });
    h.channel.hear('AgentStateChangeSuccess', {
      outer: 'AgentStateChange',
      subStatus: 'Idle',
      auxCodeId: 'idle-1',
      lastStateChangeReason: WSS_DISCONNECT_REASON,
      lastStateChangeTimestamp: T0 + 1,
    });
    await flush();
    assert.deepEqual(h.restores, [AGENT], 'one restore, not one per event');
    assert.ok(h.session.snapshot.restoredAfterDisconnectAt !== undefined);
  });

  it('when the restore is refused, then the snapshot says so and it is not retried in a loop', async () => {
    const h = harness({ restore: false });
    await h.session.start();
    h.channel.hear('AgentStateChangeSuccess', {
      outer: 'AgentStateChange',
      subStatus: 'Idle',
      lastStateChangeReason: WSS_DISCONNECT_REASON,
      lastStateChangeTimestamp: T0,
    });
    await flush();
    h.session.tell({ type: 'socket-open' });
    await flush();
    assert.equal(h.session.snapshot.idledByDisconnect, true);
    assert.equal(h.restores.length, 1);
  });

  it('when another desktop takes the session, then the snapshot says taken over until a socket of ours opens again', async () => {
    const h = harness({});
    await h.session.start();
    h.channel.hear('AGENT_MULTI_LOGIN', { outer: 'AGENT_MULTI_LOGIN' });
    await flush();
    assert.equal(h.session.snapshot.takenOver, true);
    await h.session.start();
    assert.deepEqual(h.channel.starts, [false], 'a plain start does not take it back');
    await h.session.start(true);
    assert.equal(h.session.snapshot.takenOver, false);
  });

  it('when the multi-login came from another instance of ours, then the session bows out and the agent is not told', async () => {
    const h = harness({ ownTakeOver: true });
    await h.session.start();
    let superseded = false;
    h.session.on('superseded', () => (superseded = true));
    h.channel.hear('AGENT_MULTI_LOGIN', { outer: 'AGENT_MULTI_LOGIN' });
    await flush();
    assert.equal(superseded, true);
    assert.equal(h.session.snapshot.takenOver, false);
  });

  it('when a consult is requested, then its target is kept on the contact for any instance to read', async () => {
    const h = harness({ stored: wrapping({ state: 'connected' }) });
    await h.session.start(true);
    h.session.tell({
      type: 'consult-requested',
      interactionId: ID,
      destinationType: 'queue',
      to: 'queue-7',
    });
    await flush();
    assert.deepEqual(h.session.snapshot.contacts.items[ID]?.consultRequested, {
      destinationType: 'queue',
      to: 'queue-7',
    });
    assert.deepEqual((await h.bus.latest(AGENT))?.contacts.items[ID]?.consultRequested, {
      destinationType: 'queue',
      to: 'queue-7',
    });
  });
});

describe('agent session: stored before answered', () => {
  it('when an event answers a request on the owner, then the waiter hears it only once the snapshot every instance reads is stored', async () => {
    let open = () => undefined as void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const h = harness({ gate, stored: wrapping() });
    await h.session.start(true);
    const wait = h.session.waitFor((e) => e.inner === 'AgentWrappedUp', 60_000);
    let heard = false;
    void wait.promise.then(() => (heard = true));
    h.channel.hear('AgentWrappedUp');
    await flush();
    assert.equal(h.session.snapshot.contacts.items[ID], undefined, 'reduced at once');
    assert.equal(heard, false, 'not answered while the store still shows the contact');
    open();
    await wait.promise;
    const stored = await h.bus.latest(AGENT);
    assert.equal(stored?.contacts.items[ID], undefined, 'the page rendered next, anywhere, agrees');
  });

  it('when a fact is told on the owner, then it resolves once the snapshot holding it is stored', async () => {
    let open = () => undefined as void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const h = harness({ gate, stored: wrapping({ state: 'connected' }) });
    await h.session.start(true);
    let told = false;
    const telling = h.session
      .tell({ type: 'consult-requested', interactionId: ID, destinationType: 'queue', to: 'q-1' })
      .then(() => (told = true));
    await flush();
    assert.equal(told, false);
    open();
    await telling;
    assert.equal((await h.bus.latest(AGENT))?.contacts.items[ID]?.consultRequested?.to, 'q-1');
  });

  it('when the lease moved on to another instance, then the late holder no longer overwrites what its successor stored', async () => {
    const h = harness({ holder: 'instance-a', stored: wrapping({ state: 'connected' }) });
    const lease = `wxcc-desktop:owner:${AGENT}`;
    await h.backend.acquire(lease, 'instance-a', 60_000);
    await h.session.start(true);
    h.channel.hear('AgentContactHeld', { interactionId: ID });
    await flush();
    await h.session.tell({ type: 'socket-open' });
    assert.equal(
      (await h.bus.latest(AGENT))?.contacts.items[ID]?.state,
      'held',
      'stored while held',
    );
    // Its loop stalled past the lease: instance B adopted the agent and stored what it heard.
    await h.backend.release(lease, 'instance-a');
    await h.backend.acquire(lease, 'instance-b', 60_000);
    const successor = { ...wrapping({ state: 'connected' }), dialNumber: 'from-b' };
    await h.bus.save(AGENT, successor, 'instance-b');
    const published: string[] = [];
    const stop = await h.bus.subscribe(AGENT, (m) => published.push(m.kind));
    h.channel.hear('AgentContactUnheld', { interactionId: ID });
    await flush();
    assert.equal(
      (await h.bus.latest(AGENT))?.dialNumber,
      'from-b',
      'the successor’s snapshot stands',
    );
    assert.deepEqual(published, [], 'nothing published for the other instances');
    await stop();
  });
});
