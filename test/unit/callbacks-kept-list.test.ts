// The agent page's callbacks panel costs no WxCC call per page view: the kept list is shown until it
// is stale (10 minutes), live updates never read, and Refresh reads at once and tells the pages.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createSecureStore } from '../../src/secure-store';
import { CALLBACKS_STALE_MS, createCallbacks } from '../../src/agent-tools/callbacks';
import type { AgentCalls } from '../../src/clients/agent-client';
import type { ScheduledCallback } from '../../src/clients/callbacks-api';
import type { StationContext, StationService } from '../../src/station/station-service';

const CTX = { agent: { agentId: 'agent-1', orgId: 'org-1' } } as unknown as StationContext;

function callback(name: string): ScheduledCallback {
  return {
    id: `cb-${name}`,
    customerName: name,
    callbackNumber: '+14085550142',
    scheduleDate: '2030-03-02',
    startTime: '10:00:00',
    endTime: '11:00:00',
    timezone: 'Europe/Paris',
  } as ScheduledCallback;
}

async function setUp() {
  let clock = Date.parse('2030-03-01T09:00:00Z');
  let inWxcc = [callback('Grace')];
  const reads: number[] = [];
  const told: string[] = [];
  const wxcc = {
    listScheduledCallbacks: () => {
      reads.push(clock);
      return Promise.resolve(inWxcc);
    },
  } as unknown as AgentCalls;
  const station = {
    tell: (_ctx: StationContext, fact: { type: string }) => {
      told.push(fact.type);
      return Promise.resolve();
    },
  } as unknown as StationService;
  const secure = await createSecureStore({ kind: 'memory' });
  const callbacks = createCallbacks({
    station,
    read: (_ctx, call) => call(wxcc),
    now: () => clock,
    secure,
  });
  return {
    callbacks,
    reads,
    told,
    secure,
    advance: (ms: number) => (clock += ms),
    setWxcc: (list: ScheduledCallback[]) => (inWxcc = list),
  };
}

describe('the callbacks panel’s kept list', () => {
  it('when the agent page is loaded again and again within ten minutes, then WxCC is asked once', async () => {
    const t = await setUp();
    try {
      assert.deepEqual(
        (await t.callbacks.forPage(CTX, false))?.map((c) => c.customerName),
        ['Grace'],
        'nothing kept yet: read once',
      );
      for (let i = 0; i < 20; i++) {
        t.advance(29_000);
        assert.equal((await t.callbacks.forPage(CTX, false))?.length, 1);
      }
      assert.equal(t.reads.length, 1, 'twenty page loads over 9 min 40 s: no further read');
    } finally {
      await t.secure.close();
    }
  });

  it('when the kept list is older than ten minutes, then the next page load reads it from WxCC, a live update never does', async () => {
    const t = await setUp();
    try {
      await t.callbacks.forPage(CTX, false);
      t.setWxcc([callback('Grace'), callback('Ada')]);
      t.advance(CALLBACKS_STALE_MS + 1);
      assert.equal((await t.callbacks.forPage(CTX, true))?.length, 1, 'live: the kept list');
      assert.equal(t.reads.length, 1);
      const read = await t.callbacks.forPage(CTX, false);
      assert.deepEqual(
        read?.map((c) => c.customerName),
        ['Grace', 'Ada'],
      );
      assert.equal(t.reads.length, 2, 'stale: read again once');
      assert.equal((await t.callbacks.forPage(CTX, true))?.length, 2, 'and kept for the next');
    } finally {
      await t.secure.close();
    }
  });

  it('when the agent presses Refresh, then WxCC is read at once and every open page is told', async () => {
    const t = await setUp();
    try {
      await t.callbacks.forPage(CTX, false);
      t.setWxcc([]);
      t.advance(1000);
      await t.callbacks.refresh(CTX);
      assert.equal(t.reads.length, 2);
      assert.deepEqual(t.told, ['callbacks-changed']);
      assert.deepEqual(await t.callbacks.forPage(CTX, false), []);
      assert.equal(t.reads.length, 2);
    } finally {
      await t.secure.close();
    }
  });
});
