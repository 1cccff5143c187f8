// The secure store's memo of opened records: reused only for the very same sealed text.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MAX_RECORD_CHARS, openedRecords } from '../../src/secure-store/opened-records';

/** A SHA-256 digest in base64. */
const DIGEST_CHARS = 44;

describe('opened records', () => {
  it('when the same sealed text comes back, then its value is served, a fresh copy each time', () => {
    const memo = openedRecords();
    memo.remember('tokens:a', 'v1.x.y.z', { accessToken: 'A' });
    const first = memo.recall('tokens:a', 'v1.x.y.z') as { accessToken: string };
    first.accessToken = 'changed by a caller';
    assert.deepEqual(memo.recall('tokens:a', 'v1.x.y.z'), { accessToken: 'A' });
  });

  it('when the sealed text differs (rewritten elsewhere, altered), then nothing is served', () => {
    const memo = openedRecords();
    memo.remember('tokens:a', 'v1.x.y.z', { accessToken: 'A' });
    assert.equal(memo.recall('tokens:a', 'v1.x.y.Z'), undefined);
    assert.equal(memo.recall('tokens:b', 'v1.x.y.z'), undefined);
    memo.forget('tokens:a');
    assert.equal(memo.recall('tokens:a', 'v1.x.y.z'), undefined);
  });

  it('when more keys than the bound are opened, then the oldest is forgotten', () => {
    const memo = openedRecords(2);
    memo.remember('a', 's', 1);
    memo.remember('b', 's', 2);
    memo.remember('c', 's', 3);
    assert.equal(memo.size(), 2);
    assert.equal(memo.recall('a', 's'), undefined);
    assert.equal(memo.recall('c', 's'), 3);
  });

  it('when a record is larger than the bound (a day of statistics), then it is opened every time, never kept', () => {
    const memo = openedRecords();
    const day = { contacts: Array.from({ length: 50 }, (_, i) => ({ id: `contact-${i}` })) };
    const sealed = 'v1.'.padEnd(MAX_RECORD_CHARS + 1, 'x');
    memo.remember('agent-stats:a:2026-12-02', sealed, day);
    assert.equal(memo.recall('agent-stats:a:2026-12-02', sealed), undefined);
    assert.equal(memo.size(), 0);
    assert.equal(memo.chars(), 0);
    // The same key, grown past the bound, drops what was kept of it when it was small.
    memo.remember('agent-recent:a', 'v1.small', [{ id: 'contact-1' }]);
    memo.remember('agent-recent:a', sealed, day.contacts);
    assert.equal(memo.recall('agent-recent:a', 'v1.small'), undefined);
    assert.equal(memo.chars(), 0);
  });

  it('when a sealed text is remembered, then what is kept of it is its digest, and a text of the same length altered anywhere is not served', () => {
    const memo = openedRecords();
    const sealed = `v1.${'a'.repeat(997)}`;
    memo.remember('tokens:a', sealed, { accessToken: 'A' });
    // 44 characters of SHA-256 in base64 and the opened value's JSON, not the thousand sealed.
    assert.equal(memo.chars(), DIGEST_CHARS + JSON.stringify({ accessToken: 'A' }).length);
    assert.deepEqual(memo.recall('tokens:a', sealed), { accessToken: 'A' });
    for (const at of [0, 500, 999]) {
      const altered = `${sealed.slice(0, at)}b${sealed.slice(at + 1)}`;
      assert.equal(memo.recall('tokens:a', altered), undefined, `altered at ${at}`);
    }
  });

  it('when records come to more characters than the budget, then the least recently read go first', () => {
    // Each record: its digest and an 8-character string's JSON (10 characters).
    const each = DIGEST_CHARS + 10;
    const memo = openedRecords(100, { recordChars: 100, totalChars: 3 * each });
    memo.remember('a', 's'.repeat(10), 'x'.repeat(8));
    memo.remember('b', 's'.repeat(10), 'y'.repeat(8));
    assert.equal(memo.recall('a', 's'.repeat(10)), 'x'.repeat(8), 'a read: now the newest');
    memo.remember('c', 's'.repeat(10), 'z'.repeat(8));
    assert.equal(memo.chars(), 3 * each);
    memo.remember('d', 's'.repeat(10), 'w'.repeat(8));
    assert.equal(memo.chars(), 3 * each);
    assert.equal(memo.recall('b', 's'.repeat(10)), undefined, 'b, the least recently read, went');
    assert.equal(memo.recall('a', 's'.repeat(10)), 'x'.repeat(8));
  });
});
