// The secure store's memo of opened records: reused only for the very same sealed text.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { openedRecords } from '../../src/secure-store/opened-records';

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
});
