// The memory backend forgets what Redis would: expired keys nobody reads again, and hashes and
// sorted sets left empty. Each contact of a shift leaves such keys (the auto wrap-up claim, the
// statistics lock), so without this a single instance grows with every contact (issue 19).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createMemoryBackend } from '../../src/cluster/memory-backend';

describe('memory backend growth', () => {
  it('when many expiring claims are never read again, then expired ones are swept as new ones come', async () => {
    const clock = { now: 1000 };
    const backend = createMemoryBackend(() => clock.now);
    // A day of contacts: one claim per contact, each kept 10 minutes, one contact a second.
    for (let i = 0; i < 20_000; i += 1) {
      assert.equal(await backend.acquire(`wrapup-sent:agent:${i}`, 'me', 600_000), true);
      clock.now += 1000;
    }
    // 600 are live; the sweep runs when the map doubles, so at most twice the floor of 1,024.
    assert.ok(backend.keyCount() <= 2048, `${backend.keyCount()} keys held`);
    assert.equal(await backend.getValue('wrapup-sent:agent:19999'), 'me', 'a live claim is kept');
    assert.equal(await backend.getValue('wrapup-sent:agent:0'), undefined);
  });

  it('when values have no expiry, then none is swept however many there are', async () => {
    const backend = createMemoryBackend(() => 0);
    for (let i = 0; i < 5000; i += 1) await backend.setValue(`k${i}`, 'v');
    assert.equal(backend.keyCount(), 5000);
    assert.equal(await backend.getValue('k0'), 'v');
  });

  it('when the last member or field goes, then the sorted set or hash goes too, as in Redis', async () => {
    const backend = createMemoryBackend(() => 0);
    for (let i = 0; i < 100; i += 1) {
      await backend.pushCapped(`streams:session:${i}`, 'stream', i, 3);
      await backend.removeMember(`streams:session:${i}`, 'stream');
      await backend.setField(`hash-${i}`, 'field', 'x');
      await backend.deleteField(`hash-${i}`, 'field');
    }
    assert.equal(backend.keyCount(), 0);
    await backend.setField('agents', 'a', '1');
    await backend.setField('agents', 'b', '2');
    await backend.deleteField('agents', 'a');
    assert.deepEqual([...(await backend.fields('agents'))], [['b', '2']]);
  });

  it('when several fields are asked for at once, then each comes back in order, a missing one undefined', async () => {
    const backend = createMemoryBackend(() => 0);
    await backend.setField('h1', 'a', '1');
    await backend.setField('h1', 'c', '3');
    assert.deepEqual(await backend.fieldsOf('h1', ['c', 'b', 'a']), ['3', undefined, '1']);
    assert.deepEqual(await backend.fieldsOf('no-such-hash', ['a']), [undefined]);
    assert.deepEqual(await backend.fieldsOf('h1', []), []);
  });
});
