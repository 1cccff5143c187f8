// A queue consult and a conference live in the agent's snapshot, not in one instance's memory:
// clicked through either of two instances, and carried on by the survivor when the instance that
// owned the agent dies (real tenants: a queue consult's transfer goes to the agent who answered,
// read from the consult leg, Cisco's SDK services/task/index.ts consultTransfer with
// services/core/Utils.ts calculateDestAgentId; exit is conference/exit {}, TASKS.md §4.4).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  ALICE,
  BRUNO,
  SUPPORT_QUEUE,
  answer,
  availableAgent,
  connectCall,
  contactAction,
  contactsRegion,
  pageUntil,
  type SignedInAgent,
} from '../helpers/contacts';
import type { Stack } from '../helpers/stack';
import { startCluster, type Cluster } from './cluster-stack';

const asStack = (cluster: Cluster) =>
  ({ url: cluster.url, control: cluster.control }) as unknown as Stack;

async function requestsTo(cluster: Cluster, suffix: string) {
  return (await cluster.control.requests()).filter((r) => r.path.endsWith(suffix));
}

describe('queue consult and conference across two instances and a dead owner', () => {
  let cluster: Cluster;
  before(async () => {
    cluster = await startCluster({ instances: 2, leaseMs: 1500 });
  });
  after(() => cluster.close());

  /** The instance that owned the agent crashes; the balancer stops sending to it. */
  async function killOwnerOf(agentId: string) {
    const owner = cluster.ownerOf(agentId);
    assert.ok(owner, 'an instance holds the agent');
    await owner.kill();
    cluster.proxy.remove(owner.url);
    return owner;
  }

  it('when a queue consult is answered and the owning instance dies, then the survivor transfers it to the agent who answered', async () => {
    const stack = asStack(cluster);
    const alice = await availableAgent(stack, ALICE, '+14155550741');
    const bruno: SignedInAgent = await availableAgent(stack, BRUNO, '+14155550742');
    const id = await connectCall(stack, alice);
    await contactAction(alice, /\/consult$/, { target: `queue:${SUPPORT_QUEUE}` });
    await pageUntil(bruno, stack, /Consult request/);
    await answer(stack, BRUNO, id);
    await pageUntil(alice, stack, /Consult connected/);
    const dead = await killOwnerOf(ALICE);
    await cluster.control.clearRequests();
    // The next page comes from the survivor, which adopts Alice and rebuilds the consult.
    const page = await pageUntil(alice, stack, /Transfer to consulted party/, 15_000);
    assert.notEqual(cluster.ownerOf(ALICE), dead);
    assert.match(contactsRegion(page), /Consulting/);
    await contactAction(alice, /\/consult-transfer$/);
    const [sent] = await requestsTo(cluster, '/consult/transfer');
    assert.deepEqual(sent?.body, { to: BRUNO, destinationType: 'agent' });
    await pageUntil(alice, stack, /Wrap-up reason/);
    await contactAction(alice, /\/wrapup$/);
    await pageUntil(bruno, stack, /Connected/);
    await contactAction(bruno, /\/end$/);
    await contactAction(bruno, /\/wrapup$/);
  });
});

describe('conference exit across two instances and a dead owner', () => {
  let cluster: Cluster;
  before(async () => {
    cluster = await startCluster({ instances: 2, leaseMs: 1500 });
  });
  after(() => cluster.close());

  it('when the instance owning the consulting agent dies in a conference, then they leave it through the survivor and the other agent keeps the call', async () => {
    const stack = asStack(cluster);
    const alice = await availableAgent(stack, ALICE, '+14155550743');
    const bruno = await availableAgent(stack, BRUNO, '+14155550744');
    const id = await connectCall(stack, alice);
    await contactAction(alice, /\/consult$/, { target: `agent:${BRUNO}` });
    await pageUntil(bruno, stack, /Consult request/);
    await answer(stack, BRUNO, id);
    await pageUntil(alice, stack, /Consult connected/);
    await contactAction(alice, /\/conference$/);
    // Leave is clicked through whichever instance the balancer picks next: both read the snapshot.
    await pageUntil(alice, stack, /Leave conference/);
    const owner = cluster.ownerOf(ALICE);
    assert.ok(owner);
    const alive = cluster.instances.find((i) => i !== owner)!;
    await owner.kill();
    cluster.proxy.remove(owner.url);
    await pageUntil(alice, stack, /Leave conference/, 15_000);
    await cluster.control.clearRequests();
    await contactAction(alice, /\/conference-exit$/);
    assert.equal(cluster.ownerOf(ALICE), alive, 'the survivor owns Alice');
    const [sent] = await requestsTo(cluster, '/conference/exit');
    assert.ok(sent, 'conference/exit was sent');
    await pageUntil(alice, stack, /Wrap-up reason/);
    // Bruno may have been on the dead instance too: then the survivor's reload, not the event,
    // tells his page the call is his alone now.
    const stays = await pageUntil(bruno, stack, /contact-state">Connected/, 15_000);
    assert.doesNotMatch(contactsRegion(stays), /Leave conference/);
    assert.match(contactsRegion(stays), /End call/);
    await contactAction(alice, /\/wrapup$/);
    await contactAction(bruno, /\/end$/);
    await contactAction(bruno, /\/wrapup$/);
  });
});
