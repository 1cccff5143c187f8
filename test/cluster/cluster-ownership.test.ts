// One owner for each agent's live state, proven with two instances behind a round-robin balancer
// and behind one that pins each browser to an instance: what was consulted lives in the agent's
// snapshot (not in the memory of the instance that was clicked), auto wrap-up belongs to the
// agent's session and fires once even when its instance dies mid-countdown with no page open,
// and a take-over is taken back from the instance without the socket.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { defaultContactSeed } from 'wxcc-sandbox/contact-seed';
import {
  ALICE,
  BRUNO,
  CHIARA,
  answer,
  availableAgent,
  connectCall,
  contactAction,
  contactsRegion,
  pageUntil,
  statusText,
  type SignedInAgent,
} from '../helpers/contacts';
import { HttpBrowser } from '../helpers/http-browser';
import { connect, submit, type Stack } from '../helpers/stack';
import { waitFor } from '../helpers/wait-for';
import { startCluster, type Cluster, type Instance } from './cluster-stack';

/** Not the queue the calls come from: only what was consulted can name it. */
const SALES_QUEUE = defaultContactSeed.queues.find((q) => q.name === 'Sales Queue')!.id;

const asStack = (cluster: Cluster) =>
  ({ url: cluster.url, control: cluster.control }) as unknown as Stack;

/** Makes the next request through the round-robin balancer land on `instance`. */
async function nextOn(cluster: Cluster, instance: Instance): Promise<void> {
  while (cluster.proxy.peek() !== instance.url) await fetch(`${cluster.url}/healthz`);
}

/** The instance a pinned browser is on (the balancer's cookie). */
function pinnedTo(cluster: Cluster, browser: HttpBrowser): Instance {
  const port = browser.cookie(cluster.url, 'lb-pin');
  return cluster.instances.find((i) => new URL(i.url).port === port)!;
}

/** A second browser of the same agent, pinned to the other instance than `first`. */
async function otherBrowser(
  cluster: Cluster,
  agentId: string,
  first: HttpBrowser,
): Promise<SignedInAgent> {
  for (;;) {
    const browser = new HttpBrowser();
    const page = await connect(browser, asStack(cluster), { agentId });
    if (pinnedTo(cluster, browser) !== pinnedTo(cluster, first)) return { agentId, browser, page };
  }
}

async function requestsTo(cluster: Cluster, suffix: string) {
  return (await cluster.control.requests()).filter((r) => r.path.endsWith(suffix));
}

for (const balancer of ['round-robin', 'pinned'] as const) {
  describe(`consults across two instances (${balancer})`, () => {
    let cluster: Cluster;
    before(async () => {
      cluster = await startCluster({ instances: 2, balancer });
    });
    after(() => cluster.close());

    /** Round robin: the next click goes through the second instance (the consult went through the first). */
    const viaSecond = () =>
      balancer === 'round-robin' ? nextOn(cluster, cluster.instances[1]!) : Promise.resolve();

    /** The consult is clicked through one instance; returns a way to click through the other. */
    async function consultThenSwitch(alice: SignedInAgent, target: string): Promise<SignedInAgent> {
      if (balancer === 'round-robin') {
        const first = cluster.instances[0]!;
        await nextOn(cluster, first);
        await contactAction(alice, /\/consult$/, { target });
        assert.equal(cluster.proxy.served.at(-2), 0, 'the consult went through the first');
        return alice;
      }
      await contactAction(alice, /\/consult$/, { target });
      // The agent goes on in another browser, pinned to the other instance (a reload after a
      // balancer change does the same).
      return otherBrowser(cluster, ALICE, alice.browser);
    }

    it('when a consult to an agent is started through one instance, then it is transferred through the other', async () => {
      const stack = asStack(cluster);
      const alice = await availableAgent(stack, ALICE, '+14155550721');
      const bruno = await availableAgent(stack, BRUNO, '+14155550722');
      const id = await connectCall(stack, alice);
      const other = await consultThenSwitch(alice, `agent:${BRUNO}`);
      await pageUntil(bruno, stack, /Consult request/);
      await answer(stack, BRUNO, id);
      await pageUntil(other, stack, /Consult connected/);
      await viaSecond();
      const page = await contactAction(other, /\/consult-transfer$/);
      if (balancer === 'round-robin') assert.equal(cluster.proxy.served.at(-2), 1);
      assert.match(statusText(page), /transferred to the consulted party/, statusText(page));
      const [sent] = await requestsTo(cluster, '/consult/transfer');
      assert.deepEqual(sent?.body, { to: BRUNO, destinationType: 'agent' });
      await pageUntil(bruno, stack, /Connected/);
      await contactAction(other, /\/wrapup$/);
      await pageUntil(bruno, stack, /Connected/);
      await contactAction(bruno, /\/end$/);
      await contactAction(bruno, /\/wrapup$/);
    });

    it('when a consult to a queue is started through one instance, then the other ends it naming that queue', async () => {
      const stack = asStack(cluster);
      const alice = await availableAgent(stack, ALICE, '+14155550723');
      await connectCall(stack, alice);
      await cluster.control.clearRequests();
      const other = await consultThenSwitch(alice, `queue:${SALES_QUEUE}`);
      await pageUntil(other, stack, /Consulting/);
      await viaSecond();
      const page = await contactAction(other, /\/consult-end$/);
      if (balancer === 'round-robin') assert.equal(cluster.proxy.served.at(-2), 1);
      assert.match(statusText(page), /Consult ended/, statusText(page));
      const [sent] = await requestsTo(cluster, '/consult/end');
      assert.deepEqual(sent?.body, { queueId: SALES_QUEUE });
      await contactAction(other, /\/resume$/);
      await contactAction(other, /\/end$/);
      await contactAction(other, /\/wrapup$/);
    });
  });

  describe(`auto wrap-up when its instance dies (${balancer})`, () => {
    let cluster: Cluster;
    const seconds = 4;
    before(async () => {
      cluster = await startCluster({
        instances: 2,
        leaseMs: 1500,
        balancer,
        sandbox: {
          contactSeed: {
            ...defaultContactSeed,
            profiles: {
              ...defaultContactSeed.profiles,
              'Phone Agent': {
                ...defaultContactSeed.profiles['Phone Agent']!,
                autoWrapAfterSeconds: seconds,
              },
            },
          },
        },
      });
    });
    after(() => cluster.close());

    it('when every page is closed and the owner is killed mid-countdown, then the survivor sends the wrap-up exactly once', async () => {
      const stack = asStack(cluster);
      const chiara = await availableAgent(stack, CHIARA, '+442079460731');
      await connectCall(stack, chiara);
      const owner = cluster.ownerOf(CHIARA)!;
      assert.ok(owner, 'an instance holds the agent');
      await cluster.control.clearRequests();
      const ended = await contactAction(chiara, /\/end$/);
      assert.match(contactsRegion(ended), /Wrap-up/i);
      const endedAt = Date.now();
      // No page is open from here on: nothing renders, nothing polls.
      await owner.kill();
      // The balancer's health check takes it out; a browser pinned to it moves on.
      cluster.proxy.remove(owner.url);
      const survivor = cluster.instances.find((i) => i !== owner)!;
      await waitFor(async () => (await requestsTo(cluster, '/wrapup')).length > 0, 15_000);
      const took = Date.now() - endedAt;
      assert.equal(cluster.ownerOf(CHIARA), survivor, 'the survivor holds the agent');
      assert.ok(took >= seconds * 1000 - 500, `sent after the profile's ${seconds} s, not at once`);
      // Wait past any second timer: still one.
      await new Promise((r) => setTimeout(r, 1500));
      const sent = await requestsTo(cluster, '/wrapup');
      assert.equal(sent.length, 1, 'one wrap-up, from one instance');
      assert.match(survivor.logs.join(''), /"msg":"auto wrap-up"/);
      const page = await pageUntil(chiara, stack, /No customer contact right now/, 5000);
      assert.doesNotMatch(contactsRegion(page), /Wrap-up reason/);
    });
  });
}

describe('take-over and take-back across pinned instances', () => {
  let cluster: Cluster;
  before(async () => {
    cluster = await startCluster({ instances: 2, balancer: 'pinned' });
  });
  after(() => cluster.close());

  it('when another desktop takes over, then the agent takes it back from a browser pinned to the instance without the socket', async () => {
    const agentId = (await cluster.control.agents())[3]!.id;
    const first = new HttpBrowser();
    const station = await connect(first, asStack(cluster), { agentId });
    await submit(first, station, /\/station\/login/, { dialNumber: '+4930901820104' });
    const owner = cluster.ownerOf(agentId)!;
    const second = await otherBrowser(cluster, agentId, first);
    const viaOther = pinnedTo(cluster, second.browser) === owner ? first : second.browser;
    assert.notEqual(
      pinnedTo(cluster, viaOther),
      owner,
      'the take-back is clicked on the other instance',
    );

    await cluster.control.supervisor(agentId, 'multi-login');
    let taken = await viaOther.get(`${cluster.url}/`);
    await waitFor(async () => {
      taken = await viaOther.get(`${cluster.url}/`);
      return /Another desktop has taken over/.test(taken.text);
    }).catch((error: unknown) => {
      throw new Error(`${String(error)}\n${taken.status} ${taken.text.slice(0, 3000)}`);
    });
    const back = await submit(viaOther, taken, /\/station\/take-back/);
    assert.match(back.text, /This desktop has the session again/);
    assert.equal(cluster.ownerOf(agentId), owner, 'the owner subscribed again, on request');
    assert.equal(owner.services.station.stats().open, 1);
    const out = await submit(viaOther, back, /\/station\/logout/);
    assert.match(out.text, /You are logged out of your station/);
  });
});
