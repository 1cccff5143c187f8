// createAgentCache: one load per agent while fresh, and agents gone for good are not kept forever.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createAgentCache } from '../../src/agent-configuration/agent-cache';

describe('createAgentCache', () => {
  it('when an agent asks again within the lifetime, then the first load is served', async () => {
    let t = 0;
    const cache = createAgentCache<number>({ ttlMs: 1000, now: () => t });
    let loads = 0;
    const load = () => Promise.resolve((loads += 1));
    assert.equal(await cache.get('a1', load), 1);
    t = 999;
    assert.equal(await cache.get('a1', load), 1);
    t = 1000;
    assert.equal(await cache.get('a1', load), 2);
  });

  it('when agents stop asking, then their entries go with the next load after a lifetime', async () => {
    let t = 0;
    const cache = createAgentCache<string>({ ttlMs: 1000, now: () => t });
    for (const id of ['a1', 'a2', 'a3']) await cache.get(id, () => Promise.resolve(id));
    assert.equal(cache.size(), 3);
    t = 1500;
    await cache.get('a4', () => Promise.resolve('a4'));
    assert.equal(cache.size(), 1);
  });
});
