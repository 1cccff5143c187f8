// The pool behind session ids, CSRF tokens and IVs: every secret different, of the size asked,
// across refills.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { randomFromPool } from '../../src/session-store/random-pool';

describe('random bytes from the pool', () => {
  it('when thousands of ids are drawn across many refills, then each is new and of its size', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 5000; i += 1) {
      const size = [12, 18, 24, 32][i % 4]!;
      const bytes = randomFromPool(size);
      assert.equal(bytes.length, size);
      seen.add(bytes.toString('hex'));
    }
    assert.equal(seen.size, 5000);
  });

  it('when more than the pool holds at once is asked, then it still comes from the CSPRNG', () => {
    const big = randomFromPool(8192);
    assert.equal(big.length, 8192);
    // 8 KiB of zeros, or of one repeated block, would not be random.
    assert.notEqual(big.subarray(0, 4096).toString('hex'), big.subarray(4096).toString('hex'));
  });

  it('when bytes are drawn, then they look random (every byte value, about evenly)', () => {
    const counts = new Array<number>(256).fill(0);
    for (let i = 0; i < 2000; i += 1) for (const b of randomFromPool(32)) counts[b]! += 1;
    // 64,000 bytes: 250 of each value expected; a broken pool (zeros, repeats) is far outside this.
    assert.ok(Math.min(...counts) > 150 && Math.max(...counts) < 360, JSON.stringify(counts));
  });
});
