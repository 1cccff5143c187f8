// The flash cookie: readable once, only as this server sealed it, only by whom it was sealed for.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Request } from 'express';
import { msg } from '../../src/i18n/message';
import {
  FLASH_COOKIE,
  MAX_SEALED_FLASH_LENGTH,
  flashCookies,
  setFlash,
  takeFlash,
} from '../../src/middleware/flash';
import type { Flash } from '../../src/types/session';

const SECRET = 's'.repeat(40);

interface Cookie {
  value: string;
  options: Record<string, unknown>;
}

/**
 * A request whose response records the cookies it sets and clears; `agentId` gives it a signed-in
 * session (a plain object, as express-session's would be for these functions).
 */
function request(
  options: { cookie?: string; agentId?: string; secret?: string; hardened?: boolean } = {},
) {
  const set: Record<string, Cookie> = {};
  const cleared: Record<string, Record<string, unknown>> = {};
  const session: { agent?: { agentId: string }; flash?: Flash } | undefined =
    options.agentId === undefined ? undefined : { agent: { agentId: options.agentId } };
  const req = {
    headers: options.cookie === undefined ? {} : { cookie: options.cookie },
    secure: false,
    session,
    res: {
      cookie: (name: string, value: string, opts: Record<string, unknown>) =>
        void (set[name] = { value, options: opts }),
      clearCookie: (name: string, opts: Record<string, unknown>) => void (cleared[name] = opts),
    },
  } as unknown as Request;
  flashCookies(options.secret ?? SECRET, { hardened: options.hardened })(
    req,
    req.res!,
    () => undefined,
  );
  return { req, set, cleared, session };
}

const HELD = { kind: 'success', message: msg('station.loggedIn') } as const;

describe('flash cookie', () => {
  it('when a message is set without a session, then the next request reads it once from the cookie', () => {
    const first = request();
    setFlash(first.req, { kind: 'success', message: msg('session.signedOut') });
    const sealed = first.set[FLASH_COOKIE]?.value;
    assert.ok(sealed, 'a cookie is set');
    const next = request({ cookie: `other=1; ${FLASH_COOKIE}=${sealed}` });
    assert.deepEqual(takeFlash(next.req), { kind: 'success', message: msg('session.signedOut') });
    assert.ok(next.cleared[FLASH_COOKIE], 'and cleared');
  });

  it('when a signed-in agent acts, then the message rides in the cookie, not in the session, and reaches their next page', () => {
    const first = request({ agentId: 'agent-1' });
    setFlash(first.req, HELD);
    assert.equal(first.session?.flash, undefined, 'the session is not changed (no store write)');
    const sealed = first.set[FLASH_COOKIE]!.value;
    const next = request({ cookie: `${FLASH_COOKIE}=${sealed}`, agentId: 'agent-1' });
    assert.deepEqual(takeFlash(next.req), HELD);
  });

  it('when the cookie reaches another agent, a browser whose sign-in ended, or another key, then no message is shown', () => {
    const first = request({ agentId: 'agent-1' });
    setFlash(first.req, HELD);
    const cookie = `${FLASH_COOKIE}=${first.set[FLASH_COOKIE]!.value}`;
    assert.equal(takeFlash(request({ cookie, agentId: 'agent-2' }).req), undefined);
    assert.equal(takeFlash(request({ cookie }).req), undefined);
    assert.equal(
      takeFlash(request({ cookie, agentId: 'agent-1', secret: 't'.repeat(40) }).req),
      undefined,
    );
  });

  it('when the cookie was forged or altered, then no message is shown', () => {
    const first = request();
    setFlash(first.req, { kind: 'info', message: msg('station.pending') });
    const sealed = first.set[FLASH_COOKIE]!.value;
    const parts = sealed.split('.');
    const flipped = [...parts];
    flipped[3] = (flipped[3]![0] === 'A' ? 'B' : 'A') + flipped[3]!.slice(1);
    // The format before it was sealed: base64 JSON and a signature.
    const signedOnly = `${Buffer.from(JSON.stringify({ kind: 'error', message: 'Call 555' })).toString('base64url')}.${'x'.repeat(43)}`;
    for (const value of [flipped.join('.'), signedOnly, 'garbage', '.', `v1.${parts[1]}`]) {
      assert.equal(
        takeFlash(request({ cookie: `${FLASH_COOKIE}=${value}` }).req),
        undefined,
        value,
      );
    }
  });

  it('when a refused form is refilled, then what was typed is not readable in the cookie', () => {
    const first = request({ agentId: 'agent-1' });
    setFlash(first.req, {
      kind: 'error',
      message: msg('station.dialNumber'),
      field: 'dialNumber',
      values: { dialNumber: '+14155550123' },
    });
    const sealed = first.set[FLASH_COOKIE]!.value;
    const bytes = sealed
      .split('.')
      .map((part) => Buffer.from(part, 'base64url').toString('latin1'))
      .join('');
    for (const readable of [sealed, bytes]) {
      assert.ok(!readable.includes('4155550123') && !readable.includes('dialNumber'), readable);
    }
  });

  it('when a refill would make the cookie too large for a browser, then it is left out and the message still shows', () => {
    const values = Object.fromEntries(
      Array.from({ length: 40 }, (_, i) => [`field${String.fromCharCode(65 + i)}`, 'x'.repeat(64)]),
    );
    const first = request({ agentId: 'agent-1' });
    setFlash(first.req, { ...HELD, kind: 'error', field: 'fieldA', values });
    const sealed = first.set[FLASH_COOKIE]!.value;
    assert.ok(sealed.length <= MAX_SEALED_FLASH_LENGTH, String(sealed.length));
    const next = request({ cookie: `${FLASH_COOKIE}=${sealed}`, agentId: 'agent-1' });
    assert.deepEqual(takeFlash(next.req), { ...HELD, kind: 'error', field: 'fieldA' });
  });

  it('when even the message is too large for a cookie, then a signed-in agent keeps it in the session and a visitor stores nothing', () => {
    const huge = {
      kind: 'error',
      message: msg('connect.connectedAs', { name: 'n'.repeat(4000) }),
    } as const;
    const agent = request({ agentId: 'agent-1' });
    setFlash(agent.req, huge);
    assert.equal(agent.set[FLASH_COOKIE], undefined);
    assert.deepEqual(agent.session?.flash, huge);
    assert.deepEqual(takeFlash(agent.req), huge, 'taken from the session');
    assert.equal(agent.session?.flash, undefined, 'once');

    const visitor = request();
    setFlash(visitor.req, huge);
    assert.equal(visitor.set[FLASH_COOKIE], undefined);
    assert.equal(visitor.session, undefined);
  });

  it('when a session still holds a message (set by an instance before this one), then it is shown once', () => {
    const next = request({ agentId: 'agent-1' });
    next.session!.flash = HELD;
    assert.deepEqual(takeFlash(next.req), HELD);
    assert.equal(next.session!.flash, undefined);
  });

  it('when hardened, then the cookie is __Host- and cleared with the attributes it was set with (Secure)', () => {
    const first = request({ hardened: true, agentId: 'agent-1' });
    setFlash(first.req, HELD);
    const name = `__Host-${FLASH_COOKIE}`;
    const set = first.set[name]!;
    assert.equal(set.options.secure, true);
    assert.equal(set.options.path, '/');
    const next = request({ hardened: true, agentId: 'agent-1', cookie: `${name}=${set.value}` });
    assert.deepEqual(takeFlash(next.req), HELD);
    const attributes = Object.entries(set.options).filter(([key]) => key !== 'maxAge');
    assert.deepEqual(next.cleared[name], Object.fromEntries(attributes));
  });
});
