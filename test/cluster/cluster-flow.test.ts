// Several instances on one Redis behind a round-robin proxy are one desktop: one socket per agent,
// true outcomes whichever instance a request lands on, one refresh, sign-out and fail-over.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { keys } from '../../src/cluster/backend';
import {
  BRUNO,
  availableAgent,
  contactAction,
  contactsRegion,
  statusText,
  connectCall,
} from '../helpers/contacts';
import { openEventStream } from '../helpers/event-stream';
import { HttpBrowser, formFields, inputValue } from '../helpers/http-browser';
import { connect, submit, type Stack } from '../helpers/stack';
import { waitFor } from '../helpers/wait-for';
import { startCluster, type Cluster } from './cluster-stack';

const asStack = (cluster: Cluster) => ({ url: cluster.url }) as unknown as Stack;

async function socketsOf(cluster: Cluster, agentId: string) {
  const agent = (await cluster.control.agents()).find((a) => a.id === agentId);
  return (agent?.websockets as { clientType: string }[] | undefined) ?? [];
}

async function callsTo(cluster: Cluster, target: string) {
  return (await cluster.control.requests()).filter((r) => r.target === target);
}

describe('two instances behind a round-robin proxy', () => {
  let cluster: Cluster;
  let agentId: string;
  before(async () => {
    cluster = await startCluster({ instances: 2 });
    agentId = (await cluster.control.agents())[0]!.id;
  });
  after(() => cluster.close());

  it('when every request lands on another instance, then each step tells the truth on one socket, one refresh, and sign-out closes it', async () => {
    const browser = new HttpBrowser();
    const station = await connect(browser, asStack(cluster), { agentId });
    assert.match(station.text, /Agent Login/);
    const before = cluster.proxy.served.length;

    const loggedIn = await submit(browser, station, /\/station\/login/, {
      dialNumber: '+14155550701',
    });
    assert.match(loggedIn.text, /You are logged in to your station/);
    const available = await submit(browser, loggedIn, /\/station\/state/, {}, 'Go Available');
    assert.match(available.text, /You are Available/);
    assert.match(available.text, /state-available/);
    const idle = await submit(browser, available, /\/station\/state/, {}, 'Go Idle');
    assert.match(idle.text, /You are Idle/);
    // Consecutive requests alternated between the two instances.
    const served = cluster.proxy.served.slice(before);
    assert.ok(
      served.every((s, i) => i === 0 || s !== served[i - 1]),
      `alternating: ${served.join('')}`,
    );

    // One socket and one subscription for the agent, whatever instance served what.
    const sockets = await socketsOf(cluster, agentId);
    assert.equal(sockets.length, 1, 'exactly one WxCC socket for the agent');
    assert.equal((await callsTo(cluster, 'subscribe')).length, 1, 'exactly one subscription');
    const owners = cluster.instances.filter((i) => i.services.station.stats().open === 1);
    assert.equal(owners.length, 1, 'one instance holds the socket');
    // The latest snapshot every instance reads is sealed at rest, bound to its agent.
    const sealed = await cluster.instances[0]!.backend.getValue(keys.snapshot(agentId));
    assert.ok(sealed?.startsWith('v1.'), 'stored encrypted');
    assert.doesNotMatch(sealed ?? '', /14155550701/);

    // A supervisor's change reaches the page streams on both instances within a second.
    const streams = [
      await openEventStream(browser, `${cluster.url}/events`),
      await openEventStream(browser, `${cluster.url}/events`),
    ];
    try {
      const started = Date.now();
      await cluster.control.supervisor(agentId, 'state', { state: 'Available' });
      for (const stream of streams) {
        await stream.next((e) => e.event === 'station' && /"Available"/.test(e.data), 1000);
      }
      assert.ok(Date.now() - started < 1000, 'both streams heard it within a second');
      const page = await browser.get(`${cluster.url}/`);
      assert.match(page.text, /Changed by/);
      const other = await browser.get(`${cluster.url}/`);
      assert.match(other.text, /Changed by/, 'the other instance renders the same truth');
    } finally {
      for (const stream of streams) stream.close();
    }

    // 50 concurrent actions across the instances after WxCC expired the token: one refresh.
    await cluster.control.expireTokens(agentId);
    await cluster.control.clearRequests();
    const home = await browser.get(`${cluster.url}/`);
    const csrf = inputValue(home.text, '_csrf') ?? '';
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        browser.post(`${cluster.url}/station/state`, {
          _csrf: csrf,
          state: i % 2 === 0 ? 'Available' : 'Idle',
          auxCodeId:
            i % 2 === 0 ? '' : (formFields(home.text, /\/station\/state/).fields.auxCodeId ?? ''),
        }),
      ),
    );
    assert.ok(
      results.every((r) => r.status === 303),
      'every action was answered',
    );
    assert.equal((await callsTo(cluster, 'token')).length, 1, 'one refresh for the whole cluster');
    const stateCalls = await callsTo(cluster, 'state');
    const retried = stateCalls.filter((c) => c.status === 202);
    assert.equal(new Set(retried.map((c) => c.bearer)).size, 1, 'everyone used the same new token');

    // Station logout, then sign-out from whichever instance: the owner's socket closes.
    const page = await browser.get(`${cluster.url}/`);
    const loggedOut = await submit(browser, page, /\/station\/logout/);
    assert.match(loggedOut.text, /You are logged out of your station/);
    const signedOut = await submit(browser, loggedOut, /\/signout/);
    assert.match(signedOut.text, /Connect to WxCC/);
    await waitFor(async () => (await socketsOf(cluster, agentId)).length === 0, 2000);
    for (const instance of cluster.instances) {
      assert.deepEqual(instance.services.station.stats(), { channels: 0, open: 0 });
    }
    const [holder] = await cluster.instances[0]!.backend.holders([keys.owner(agentId)]);
    assert.equal(holder, undefined, 'no lease is left behind');
    assert.equal(await cluster.instances[0]!.services.oauth.isSignedIn(agentId), false);
  });

  it('when sign-out lands on the instance without the socket, then the owner still closes it and logs nothing in', async () => {
    const browser = new HttpBrowser();
    const station = await connect(browser, asStack(cluster), { agentId });
    const loggedIn = await submit(browser, station, /\/station\/login/, {
      dialNumber: '+14155550702',
    });
    assert.match(loggedIn.text, /You are logged in to your station/);
    const owner = cluster.ownerOf(agentId);
    assert.ok(owner);
    // Line the proxy up so the sign-out goes to the other instance.
    if (cluster.proxy.peek() === owner.url) await browser.get(`${cluster.url}/healthz`);
    assert.notEqual(cluster.proxy.peek(), owner.url);
    const page = await browser.get(`${cluster.url}/`);
    if (cluster.proxy.peek() === owner.url) await browser.get(`${cluster.url}/healthz`);
    const signedOut = await submit(browser, page, /\/signout/);
    assert.match(signedOut.text, /Connect to WxCC/);
    await waitFor(async () => (await socketsOf(cluster, agentId)).length === 0, 2000);
    const agent = (await cluster.control.agents()).find((a) => a.id === agentId);
    assert.equal(
      agent?.session,
      null,
      'the station was logged out first: the agent is not routable',
    );
    assert.equal(owner.services.station.stats().open, 0);
  });
});

describe('two instances and another desktop', () => {
  let cluster: Cluster;
  before(async () => {
    cluster = await startCluster({ instances: 2 });
  });
  after(() => cluster.close());

  it('when a real other desktop takes over, then every instance shows it and the agent takes it back from either', async () => {
    const agentId = (await cluster.control.agents())[3]!.id;
    const browser = new HttpBrowser();
    const station = await connect(browser, asStack(cluster), { agentId });
    const loggedIn = await submit(browser, station, /\/station\/login/, {
      dialNumber: '+4930901820104',
    });
    assert.match(loggedIn.text, /You are logged in to your station/);
    const owner = cluster.ownerOf(agentId)!;

    await cluster.control.supervisor(agentId, 'multi-login');
    // Both instances (consecutive requests) render the take-over, and refuse actions at once.
    await waitFor(async () => {
      const pages = [await browser.get(`${cluster.url}/`), await browser.get(`${cluster.url}/`)];
      return pages.every((p) => /Another desktop has taken over/.test(p.text));
    });
    const taken = await browser.get(`${cluster.url}/`);
    // The taken-over page offers only the way back; a page opened before still has the buttons.
    assert.doesNotMatch(taken.text, />(Go Idle|Go Available|Agent Logout)</);
    const refused = await submit(browser, loggedIn, /\/station\/state/, {}, 'Go Idle');
    assert.equal(
      refused.text.match(/Another desktop ha(s taken over|s your session)/g)?.length,
      1,
      'refused, with the explanation once',
    );
    assert.equal(owner.services.station.stats().open, 0, 'our socket bowed out');

    // Taken back through the instance without the socket: its holder subscribes again.
    if (cluster.proxy.peek() === owner.url) await browser.get(`${cluster.url}/healthz`);
    const back = await submit(browser, refused, /\/station\/take-back/);
    assert.match(back.text, /This desktop has the session again/);
    assert.doesNotMatch(back.text, /Another desktop has taken over/);
    assert.equal(cluster.ownerOf(agentId), owner, 'the same instance holds the socket');
    assert.equal((await socketsOf(cluster, agentId)).length, 1);
    const available = await submit(browser, back, /\/station\/state/, {}, 'Go Available');
    assert.match(available.text, /You are Available/);
    const out = await submit(
      browser,
      await submit(browser, available, /\/station\/logout/),
      /\/signout/,
    );
    assert.match(out.text, /Connect to WxCC/);
  });
});

describe('three instances, the owner killed mid-session', () => {
  let cluster: Cluster;
  let agentId: string;
  before(async () => {
    cluster = await startCluster({ instances: 3, leaseMs: 1500 });
    agentId = (await cluster.control.agents())[1]!.id;
  });
  after(() => cluster.close());

  it('when the instance holding the socket dies, then a survivor takes over within seconds and the agent notices nothing', async () => {
    const browser = new HttpBrowser();
    const station = await connect(browser, asStack(cluster), { agentId });
    const loggedIn = await submit(browser, station, /\/station\/login/, {
      dialNumber: '+14155550703',
    });
    assert.match(loggedIn.text, /You are logged in to your station/);
    const available = await submit(browser, loggedIn, /\/station\/state/, {}, 'Go Available');
    assert.match(available.text, /You are Available/);
    assert.equal((await socketsOf(cluster, agentId)).length, 1);
    assert.equal((await callsTo(cluster, 'subscribe')).length, 1);

    const owner = cluster.ownerOf(agentId)!;
    // A page stream on a survivor, open across the crash.
    let stream = await openEventStream(browser, `${cluster.url}/events`);
    if (cluster.proxy.served.at(-1) === cluster.instances.indexOf(owner)) {
      stream.close();
      stream = await openEventStream(browser, `${cluster.url}/events`);
    }
    try {
      cluster.proxy.remove(owner.url);
      await owner.kill();
      const killedAt = Date.now();

      // A survivor adopts the agent: one new socket, no multi-login, state recovered.
      await waitFor(async () => cluster.ownerOf(agentId) !== undefined, 5000);
      const survivor = cluster.ownerOf(agentId)!;
      assert.notEqual(survivor, owner);
      await waitFor(async () => (await socketsOf(cluster, agentId)).length === 1, 3000);
      assert.ok(Date.now() - killedAt < 5000, 'taken over within seconds');

      const page = await browser.get(`${cluster.url}/`);
      assert.match(page.text, /Available/, 'the page still shows the agent Available');
      assert.doesNotMatch(page.text, /Use this desktop again/, 'no take-over is shown');

      await cluster.control.supervisor(agentId, 'state', { state: 'Idle' });
      await stream.next((e) => e.event === 'station' && /"Idle"/.test(e.data), 1000);
      const idle = await submit(
        browser,
        await browser.get(`${cluster.url}/`),
        /\/station\/state/,
        {},
        'Go Available',
      );
      assert.match(idle.text, /You are Available/, 'actions keep working after the fail-over');
      assert.equal((await socketsOf(cluster, agentId)).length, 1);
      // One subscription by the dead owner, one by the survivor: nothing competed. The survivor
      // reconnects as this same desktop (force), never as a rival.
      const subscriptions = await callsTo(cluster, 'subscribe');
      assert.equal(subscriptions.length, 2);
      assert.equal((subscriptions[1]?.body as { force?: unknown }).force, true);
      const snapshot = await survivor.services.station.sessions.current(agentId);
      assert.equal(snapshot.takenOver, false, 'no instance saw a multi-login');
    } finally {
      stream.close();
    }
    const page = await browser.get(`${cluster.url}/`);
    const out = await submit(
      browser,
      await submit(browser, page, /\/station\/logout/),
      /\/signout/,
    );
    assert.match(out.text, /Connect to WxCC/);
    await waitFor(async () => (await socketsOf(cluster, agentId)).length === 0, 2000);
  });
});

describe('a customer contact across two instances', () => {
  let cluster: Cluster;
  before(async () => {
    cluster = await startCluster({ instances: 2 });
  });
  after(() => cluster.close());

  it('when every request lands on another instance, then the call, its actions and the wrap-up tell the truth on one socket', async () => {
    const stack = { url: cluster.url, control: cluster.control } as unknown as Stack;
    const agent = await availableAgent(stack, BRUNO, '+14155550705');
    await connectCall(stack, agent, { customerName: 'Ada Lovelace' });
    let page = agent.page;
    assert.match(contactsRegion(page), /Ada Lovelace/);

    // Each action goes out through whichever instance the proxy picks, and its result event comes
    // back from the one holding the socket.
    const served = cluster.proxy.served.length;
    page = await contactAction(agent, /\/hold$/);
    assert.match(statusText(page), /The call is on hold/);
    page = await contactAction(agent, /\/resume$/);
    assert.match(statusText(page), /The call is resumed/);
    page = await contactAction(agent, /\/end$/);
    assert.match(contactsRegion(page), /Wrap-up/i);
    page = await contactAction(agent, /\/wrapup$/);
    assert.match(statusText(page), /Wrap-up done/);
    // Said in full when it fails: a contact seen again after its wrap-up names the event that
    // brought it back (it was seen once, at 384e3f5, on a loaded machine, and not since).
    const region = contactsRegion(page);
    if (/Ada Lovelace/.test(region)) {
      // Said in full: which instance held the agent, and what each logged, tells why.
      const logs = cluster.instances.map((i) => `--- ${i.name}\n${i.logs.join('')}`).join('\n');
      assert.fail(`the wrapped-up contact is still shown:\n${region}\n${logs}`);
    }
    const used = new Set(cluster.proxy.served.slice(served));
    assert.equal(used.size, 2, 'both instances served the actions');

    assert.equal((await socketsOf(cluster, BRUNO)).length, 1, 'one WxCC socket for the agent');
    assert.equal((await callsTo(cluster, 'subscribe')).length, 1, 'one subscription');
    const out = await submit(agent.browser, page, /\/station\/logout/);
    assert.match(out.text, /You are logged out of your station/);
  });
});
