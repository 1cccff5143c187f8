// The agent's statistics on two instances behind a round-robin proxy: counted by whichever holds
// the socket, the same on both, and nothing lost when the owner dies mid-shift.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { statisticsFigures } from '../helpers/agent-tools';
import {
  ALICE,
  answer,
  availableAgent,
  contactAction,
  pageUntil,
  placeCall,
  type SignedInAgent,
} from '../helpers/contacts';
import type { Stack } from '../helpers/stack';
import { waitFor } from '../helpers/wait-for';
import { startCluster, type Cluster } from './cluster-stack';

const S = 1000;
const MIN = 60 * S;

describe('statistics across two instances', () => {
  let clock = Date.UTC(2030, 5, 3, 16, 0); // 09:00 in Los Angeles, the sandbox's tenant zone.
  const advance = (ms: number) => void (clock += ms);
  let cluster: Cluster;
  let stack: Stack;
  let alice: SignedInAgent;
  before(async () => {
    cluster = await startCluster({ instances: 2, leaseMs: 1500, now: () => clock });
    stack = { url: cluster.url, control: cluster.control } as unknown as Stack;
    alice = await availableAgent(stack, ALICE, '+14155550791');
  });
  after(() => cluster.close());

  /** A call rung, answered after `ringMs`, ended after `talkMs`, wrapped up after `wrapMs`. */
  async function call(ringMs: number, talkMs: number, wrapMs: number): Promise<void> {
    const id = await placeCall(stack, ALICE);
    await pageUntil(alice, stack, /class="contact contact-offered"/);
    advance(ringMs);
    await answer(stack, ALICE, id);
    await pageUntil(alice, stack, /class="contact contact-connected"/);
    advance(talkMs);
    await contactAction(alice, /\/end$/);
    advance(wrapMs);
    await contactAction(alice, /\/wrapup$/);
  }

  it('when the owner dies between two calls, then the survivor goes on counting and both instances show the same', async () => {
    advance(1 * MIN);
    await call(10 * S, 3 * MIN, 15 * S);
    // Round robin: two page loads are served by the two instances, and read the same figures.
    const servedBefore = cluster.proxy.served.length;
    const one = statisticsFigures(await pageUntil(alice, stack, /Your day so far/));
    const two = statisticsFigures(await pageUntil(alice, stack, /Your day so far/));
    assert.equal(
      new Set(cluster.proxy.served.slice(servedBefore)).size,
      2,
      'both instances served',
    );
    assert.equal(one.Answered, '1');
    assert.deepEqual(two, one);

    const owner = cluster.ownerOf(ALICE);
    assert.ok(owner, 'an instance holds Alice');
    await owner.kill();
    cluster.proxy.remove(owner.url);
    const survivor = cluster.instances.find((i) => i !== owner)!;
    await waitFor(async () => cluster.ownerOf(ALICE) === survivor, 15_000);
    // WxCC may idle Alice for the lost socket and the survivor make her Available again (as
    // Cisco's SDK does): the clock moves on once WxCC and the page agree she is Available.
    await waitFor(async () => {
      const agent = (await cluster.control.agents()).find((a) => a.id === ALICE);
      const session = agent?.session as { subStatus?: string } | null | undefined;
      if (session?.subStatus !== 'Available') return false;
      const page = await alice.browser.get(`${cluster.url}/`);
      return /state-available/.test(page.text) && (await cluster.control.agents()).length > 0;
    }, 15_000);

    advance(5 * MIN);
    await call(5 * S, 1 * MIN, 5 * S);
    advance(1 * MIN);

    // By hand: both calls answered; Alice Available from the start (calls do not change her state).
    const elapsed =
      1 * MIN + 10 * S + 3 * MIN + 15 * S + 5 * MIN + 5 * S + 1 * MIN + 5 * S + 1 * MIN;
    const handle = (3 * MIN + 15 * S + 1 * MIN + 5 * S) / 2;
    const first = statisticsFigures(await pageUntil(alice, stack, /Your day so far/));
    assert.equal(first.Offered, '2');
    assert.equal(first.Answered, '2');
    assert.equal(first['Current streak'], '2 calls answered in a row');
    assert.equal(first['Average handle time'], '2 min 10 sec', `${handle} ms`);
    assert.equal(first['Average wrap-up time'], '10 sec');
    assert.equal(first.Available, `${Math.floor(elapsed / MIN)} min ${(elapsed % MIN) / S} sec`);
  });
});
