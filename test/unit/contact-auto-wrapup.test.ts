// Unit tests of server-side auto wrap-up, with a fake station and mocked timers.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it, mock } from 'node:test';
import { createAutoWrapUp } from '../../src/services/contact-auto-wrapup';
import {
  emptyContactDirectory,
  type ContactDirectory,
  type ContactDirectoryService,
  type WrapUpCode,
} from '../../src/services/contact-directory';
import type { ContactState, ContactView } from '../../src/services/contact-types';
import type {
  SharedWrapUpTimers,
  StationContext,
  StationService,
} from '../../src/services/station-service';
import { emptySnapshot, type StationSnapshot } from '../../src/services/station-types';

const AGENT = 'agent-1';
const RESOLVED: WrapUpCode = { id: 'code-1', name: 'Resolved', isDefault: true };

function contact(state: ContactState, wrapUpStartedAt?: number): ContactView {
  return {
    interactionId: 'int-1',
    state,
    direction: 'INBOUND',
    callVariables: [],
    recording: { pauseResumeEnabled: false, paused: false },
    consulted: false,
    wrapUpStartedAt,
  };
}

/** `initial`: what the station's first snapshot resolves with, when the test decides. */
function harness(
  dir: Partial<ContactDirectory>,
  initial?: Promise<StationSnapshot>,
  shared?: SharedWrapUpTimers,
) {
  let listener: ((s: StationSnapshot) => void) | undefined;
  let current = emptySnapshot();
  const station = {
    watch: (_agentId: string, handlers: { onSnapshot: (s: StationSnapshot) => void }) => {
      listener = handlers.onSnapshot;
      return Promise.resolve(() => (listener = undefined));
    },
    snapshot: () => initial ?? Promise.resolve(current),
  } as unknown as StationService;
  const directory = {
    forAgent: () => Promise.resolve({ ...emptyContactDirectory(), ...dir }),
  } as unknown as ContactDirectoryService;
  const sent: { id: string; code: WrapUpCode; agentId: string }[] = [];
  const auto = createAutoWrapUp({
    station,
    directory,
    sendWrapUp: (ctx, id, code) => {
      sent.push({ id, code, agentId: ctx.agent.agentId });
      return Promise.resolve('confirmed');
    },
    now: () => Date.now(),
    shared,
  });
  const ctx = { agent: { agentId: AGENT } } as unknown as StationContext;
  return {
    auto,
    ctx,
    sent,
    /** WxCC moved the contact: the station's snapshot changes and its watchers hear it. */
    async emit(...contacts: ContactView[]) {
      current = {
        ...current,
        contacts: {
          items: Object.fromEntries(contacts.map((c) => [c.interactionId, c])),
          notes: [],
        },
      };
      listener?.(current);
      await flush();
    },
  };
}

const flush = async () => {
  for (let i = 0; i < 5; i += 1) await Promise.resolve();
};

describe('auto wrap-up', () => {
  beforeEach(() => mock.timers.enable({ apis: ['setTimeout', 'Date'], now: 1_000_000 }));
  afterEach(() => mock.timers.reset());

  it('when a contact enters wrap-up, then the default code is sent once the profile interval has passed', async () => {
    const h = harness({ autoWrapUpSeconds: 10, defaultWrapUp: RESOLVED });
    h.auto.track(h.ctx);
    await flush();
    await h.emit(contact('wrapup', 1_000_000));
    assert.equal(h.auto.deadlineOf(AGENT, 'int-1'), 1_010_000);
    mock.timers.tick(9_999);
    assert.equal(h.sent.length, 0);
    mock.timers.tick(1);
    await flush();
    // The service carries only the agent; their tokens come from the token store when sending.
    assert.deepEqual(h.sent, [{ id: 'int-1', code: RESOLVED, agentId: AGENT }]);
  });

  it('when the agent wraps up first, then the timer is cancelled', async () => {
    const h = harness({ autoWrapUpSeconds: 10, defaultWrapUp: RESOLVED });
    h.auto.track(h.ctx);
    await h.emit(contact('wrapup', 1_000_000));
    await h.emit();
    assert.equal(h.auto.deadlineOf(AGENT, 'int-1'), undefined);
    mock.timers.tick(20_000);
    await flush();
    assert.equal(h.sent.length, 0);
  });

  it('when the agent asks for more time, then the deadline moves to a full interval from now', async () => {
    const h = harness({ autoWrapUpSeconds: 10, defaultWrapUp: RESOLVED });
    h.auto.track(h.ctx);
    await h.emit(contact('wrapup', 1_000_000));
    mock.timers.tick(8_000);
    h.auto.extend(AGENT, 'int-1', 10);
    await flush();
    assert.equal(h.auto.deadlineOf(AGENT, 'int-1'), 1_018_000);
    mock.timers.tick(5_000);
    await flush();
    assert.equal(h.sent.length, 0);
    mock.timers.tick(5_000);
    await flush();
    assert.equal(h.sent.length, 1);
  });

  it('when the first snapshot resolves after a newer one, then the older one changes nothing', async () => {
    let resolveInitial: (s: StationSnapshot) => void = () => undefined;
    const initial = new Promise<StationSnapshot>((resolve) => (resolveInitial = resolve));
    const h = harness({ autoWrapUpSeconds: 10, defaultWrapUp: RESOLVED }, initial);
    h.auto.track(h.ctx);
    await h.emit(contact('wrapup', 1_000_000));
    resolveInitial(emptySnapshot());
    await flush();
    assert.equal(h.auto.deadlineOf(AGENT, 'int-1'), 1_010_000);
  });

  it('when the contact leaves wrap-up while the directory loads, then no timer is set', async () => {
    const h = harness({ autoWrapUpSeconds: 10, defaultWrapUp: RESOLVED });
    h.auto.track(h.ctx);
    await flush();
    const entering = h.emit(contact('wrapup', 1_000_000));
    await h.emit();
    await entering;
    assert.equal(h.auto.deadlineOf(AGENT, 'int-1'), undefined);
    mock.timers.tick(20_000);
    await flush();
    assert.equal(h.sent.length, 0);
  });

  it('when the profile has no auto wrap-up, then nothing is scheduled', async () => {
    const h = harness({ autoWrapUpSeconds: undefined, defaultWrapUp: RESOLVED });
    h.auto.track(h.ctx);
    await h.emit(contact('wrapup', 1_000_000));
    assert.equal(h.auto.deadlineOf(AGENT, 'int-1'), undefined);
  });

  it('when the wrap-up time has already passed (a restart), then the code is sent at once, and only once', async () => {
    const h = harness({ autoWrapUpSeconds: 10, defaultWrapUp: RESOLVED });
    h.auto.track(h.ctx);
    await h.emit(contact('wrapup', 900_000));
    mock.timers.tick(0);
    await flush();
    await h.emit(contact('wrapup', 900_000));
    mock.timers.tick(60_000);
    await flush();
    assert.equal(h.sent.length, 1);
  });

  /** Two instances' view of one backend: shared deadlines, one claim per contact. */
  function sharedTimers(): SharedWrapUpTimers {
    const deadlines = new Map<string, number>();
    const claimed = new Set<string>();
    return {
      deadline: (a, id) => Promise.resolve(deadlines.get(`${a}:${id}`)),
      setDeadline: (a, id, at) => Promise.resolve(void deadlines.set(`${a}:${id}`, at)),
      claim: (a, id) => Promise.resolve(!claimed.has(`${a}:${id}`) && !!claimed.add(`${a}:${id}`)),
    };
  }

  it('when two instances track the same agent, then only one sends the code', async () => {
    const shared = sharedTimers();
    const one = harness({ autoWrapUpSeconds: 10, defaultWrapUp: RESOLVED }, undefined, shared);
    const two = harness({ autoWrapUpSeconds: 10, defaultWrapUp: RESOLVED }, undefined, shared);
    one.auto.track(one.ctx);
    two.auto.track(two.ctx);
    await one.emit(contact('wrapup', 1_000_000));
    await two.emit(contact('wrapup', 1_000_000));
    mock.timers.tick(10_000);
    await flush();
    assert.equal(one.sent.length + two.sent.length, 1);
  });

  it('when the agent asks for more time on another instance, then this one waits for it too', async () => {
    const shared = sharedTimers();
    const one = harness({ autoWrapUpSeconds: 10, defaultWrapUp: RESOLVED }, undefined, shared);
    const two = harness({ autoWrapUpSeconds: 10, defaultWrapUp: RESOLVED }, undefined, shared);
    one.auto.track(one.ctx);
    two.auto.track(two.ctx);
    await one.emit(contact('wrapup', 1_000_000));
    await two.emit(contact('wrapup', 1_000_000));
    mock.timers.tick(8_000);
    one.auto.extend(AGENT, 'int-1', 10);
    await flush();
    mock.timers.tick(2_000);
    await flush();
    assert.equal(one.sent.length + two.sent.length, 0, 'the old deadline sends nothing');
    mock.timers.tick(8_000);
    await flush();
    assert.equal(one.sent.length + two.sent.length, 1);
  });
});
