// Unit tests of the session timeouts: automatic requests do not count as the agent's activity.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Request, Response } from 'express';
import { sessionTimeouts } from '../../src/middleware/session-timeouts';

function request(path: string, headers: Record<string, string>, session: Record<string, unknown>) {
  return {
    path,
    session,
    get: (name: string) => headers[name],
  } as unknown as Request;
}

describe('sessionTimeouts', () => {
  const T0 = 1_000_000_000;
  const base = () => ({ agent: { agentId: 'a' }, connectedAt: T0, lastSeenAt: T0 });

  for (const [what, path, headers] of [
    ['the live event stream', '/events', {}],
    ['the page refreshing itself', '/', { 'X-Live-Refresh': '1' }],
  ] as const) {
    it(`when ${what} calls, then the idle clock is not reset`, () => {
      const session = base();
      const mw = sessionTimeouts({
        idleTimeoutMs: 3_600_000,
        absoluteTimeoutMs: 86_400_000,
        onExpired: () => undefined,
        now: () => T0 + 120_000,
      });
      mw(request(path, headers, session), {} as Response, () => undefined);
      assert.equal(session.lastSeenAt, T0);
    });
  }

  it('when the agent clicks, then the idle clock is reset', () => {
    const session = base();
    const mw = sessionTimeouts({
      idleTimeoutMs: 3_600_000,
      absoluteTimeoutMs: 86_400_000,
      onExpired: () => undefined,
      now: () => T0 + 120_000,
    });
    mw(request('/station/state', {}, session), {} as Response, () => undefined);
    assert.equal(session.lastSeenAt, T0 + 120_000);
  });

  it('when the idle timeout is one minute and the agent clicks every 20 s, then they stay signed in', () => {
    let t = T0;
    const session: Record<string, unknown> = base();
    const expired: string[] = [];
    const mw = sessionTimeouts({
      idleTimeoutMs: 60_000,
      absoluteTimeoutMs: 86_400_000,
      onExpired: (agentId) => void expired.push(agentId),
      now: () => t,
    });
    for (let click = 1; click <= 15; click += 1) {
      t = T0 + click * 20_000;
      mw(request('/station/state', {}, session), {} as Response, () => undefined);
    }
    assert.deepEqual(expired, [], 'never timed out while clicking');
    assert.ok(session.agent, 'still signed in after five minutes of clicks');
  });
});
