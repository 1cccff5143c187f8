// The flash cookie of a browser without a sign-in: readable once, only as this server sealed it.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Request } from 'express';
import { msg } from '../../src/i18n/message';
import { FLASH_COOKIE, flashCookies, setFlash, takeFlash } from '../../src/middleware/flash';

/** A request without a session, whose response records the cookies it sets and clears. */
function anonymousRequest(cookieHeader?: string) {
  const set: Record<string, string> = {};
  const cleared: string[] = [];
  const req = {
    headers: cookieHeader === undefined ? {} : { cookie: cookieHeader },
    secure: false,
    res: {
      cookie: (name: string, value: string) => void (set[name] = value),
      clearCookie: (name: string) => void cleared.push(name),
    },
  } as unknown as Request;
  flashCookies('s'.repeat(40))(req, req.res!, () => undefined);
  return { req, set, cleared };
}

describe('flash cookie', () => {
  it('when a message is set without a session, then the next request reads it once from the cookie', () => {
    const first = anonymousRequest();
    setFlash(first.req, { kind: 'success', message: msg('session.signedOut') });
    const sealed = first.set[FLASH_COOKIE];
    assert.ok(sealed, 'a cookie is set');
    const next = anonymousRequest(`other=1; ${FLASH_COOKIE}=${sealed}`);
    assert.deepEqual(takeFlash(next.req), { kind: 'success', message: msg('session.signedOut') });
    assert.deepEqual(next.cleared, [FLASH_COOKIE]);
  });

  it('when the cookie was forged or altered, then no message is shown', () => {
    const first = anonymousRequest();
    setFlash(first.req, { kind: 'info', message: msg('station.pending') });
    const [body, mac] = first.set[FLASH_COOKIE]!.split('.');
    const forged = Buffer.from(JSON.stringify({ kind: 'error', message: 'Call 555' })).toString(
      'base64url',
    );
    for (const value of [`${forged}.${mac}`, `${body}.x${mac!.slice(1)}`, 'garbage', '.']) {
      assert.equal(takeFlash(anonymousRequest(`${FLASH_COOKIE}=${value}`).req), undefined, value);
    }
  });
});
