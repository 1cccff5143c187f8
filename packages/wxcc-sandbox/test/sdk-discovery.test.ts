// What Cisco's @webex/contact-center 3.12.0 needs beyond the agents and tasks APIs before it works at
// all (sdk-check/ at the repository root runs the SDK itself): the U2C service catalog, the metrics
// service, the organization, site, org-url-mapping and ai-feature reads of its sign-in, and
// channelsMap in the login and relogin events.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import type { RunningSandbox } from '../src';
import { fromPackage } from '../src/package-root';
import { call, EventSocket, subscribe, wxcc } from './support/sandbox-client';
import { AGENTS, obtainTokens, ORG_ID, startTestSandbox } from './support/sandbox-oauth';

const bruno = AGENTS[1]!;

interface Hostmap {
  serviceLinks: Record<string, string>;
  hostCatalog: Record<string, { host: string; ttl: number; priority: number; id: string }[]>;
  format: string;
}

/** SiteDTO as Cisco's full spec (specs/upstream) defines it. */
function siteSchema(): object {
  const spec = JSON.parse(
    readFileSync(fromPackage('specs/upstream/webex-contact-center.json'), 'utf8'),
  ) as { components: { schemas: Record<string, object> } };
  const schema = spec.components.schemas.SiteDTO;
  assert.ok(schema, 'the upstream spec defines SiteDTO');
  return schema;
}

describe('what Cisco’s SDK discovers and reads before it works', () => {
  let sandbox: RunningSandbox;
  let token: string;
  const u2c = (path: string) => `${sandbox.url}/webex/u2c/api/v1${path}`;
  const metrics = (path: string) => `${sandbox.url}/webex/metrics/api/v1${path}`;
  const config = (path: string) => call(`${sandbox.wxccApiBase}/organization/${path}`, { token });

  before(async () => {
    sandbox = await startTestSandbox();
    token = (await obtainTokens(sandbox, { agentId: bruno.id })).access_token;
  });
  after(() => sandbox.close());

  it('when the limited catalog is asked for by orgId without a token, then every service points back at the sandbox', async () => {
    const reply = await call(u2c(`/limited/catalog?orgId=${ORG_ID}&format=hostmap`));
    assert.equal(reply.status, 200, reply.text);
    const map = reply.body as Hostmap;
    assert.equal(map.format, 'hostmap');
    assert.deepEqual(map.serviceLinks, {
      hydra: `${sandbox.url}/webex/v1`,
      metrics: `${sandbox.url}/webex/metrics/api/v1`,
      u2c: `${sandbox.url}/webex/u2c/api/v1`,
      'wcc-api-gateway': `${sandbox.url}/wxcc`,
    });
    // webex-core keys hosts by host:port and keeps the service URL's port when it swaps hosts.
    const { host, hostname } = new URL(sandbox.url);
    const hosts = map.hostCatalog[host]!;
    assert.deepEqual(hosts.map((h) => h.id.split(':')[3]).sort(), Object.keys(map.serviceLinks));
    assert.ok(hosts.every((h) => h.host === hostname && h.priority > 0));
  });

  it('when the limited catalog is asked for without a selector or another format, then it is refused', async () => {
    assert.equal((await call(u2c('/limited/catalog?format=hostmap'))).status, 400);
    assert.equal((await call(u2c(`/limited/catalog?orgId=${ORG_ID}`))).status, 400);
  });

  it('when the user’s catalog is asked for, then it needs the user’s token', async () => {
    const without = await call(u2c('/catalog?format=hostmap'));
    assert.equal(without.status, 401);
    assert.ok((without.body as { message: string }).message);
    const reply = await call(u2c('/catalog?format=hostmap'), { token });
    assert.equal(reply.status, 200);
    assert.equal((reply.body as Hostmap).serviceLinks['wcc-api-gateway'], `${sandbox.url}/wxcc`);
  });

  it('when metrics batches arrive, then they are taken with a token (prelogin without) and an empty batch is refused', async () => {
    const batch = { metrics: [{ eventPayload: { key: 'WXCC_SDK_STATION_LOGIN_SUCCESS' } }] };
    const post = (path: string, body: unknown, bearer?: string) =>
      call(metrics(path), { method: 'POST', body, ...(bearer ? { token: bearer } : {}) });
    assert.equal((await post('/clientmetrics', batch, token)).status, 204);
    assert.equal((await post('/metrics', batch, token)).status, 204);
    assert.equal((await post('/clientmetrics-prelogin', batch)).status, 204);
    assert.equal((await post('/clientmetrics', batch)).status, 401);
    assert.equal((await post('/clientmetrics', { metrics: [] }, token)).status, 400);
  });

  it('when the SDK reads the organization, then it gets tenantId, timezone and environment, and another org is not found', async () => {
    const reply = await config(ORG_ID);
    assert.equal(reply.status, 200, reply.text);
    const org = reply.body as Record<string, unknown>;
    assert.equal(org.id, ORG_ID);
    assert.match(String(org.tenantId), /^\d+$/);
    assert.equal(typeof org.timezone, 'string');
    assert.equal(org.environment, 'produs1');
    const other = await config('00000000-0000-4000-8000-000000000000');
    assert.equal(other.status, 404);
  });

  it('when the SDK reads the user’s site, then it is a SiteDTO of Cisco’s spec with a multimedia profile', async () => {
    const user = (await config(`${ORG_ID}/user/by-ci-user-id/${bruno.id}`)).body as {
      siteId: string;
    };
    const reply = await config(`${ORG_ID}/site/${user.siteId}`);
    assert.equal(reply.status, 200, reply.text);
    // Cisco's patterns are not valid with the u flag (`[\d-_]`): compiled as the spec checks compile them.
    const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
    addFormats(ajv);
    const validate = ajv.compile(siteSchema());
    assert.ok(validate(reply.body), JSON.stringify(validate.errors));
    const site = reply.body as { id: string; multimediaProfileId: string; active: boolean };
    assert.equal(site.id, user.siteId);
    assert.ok(site.multimediaProfileId);
    assert.equal((await config(`${ORG_ID}/site/no-such-site`)).status, 404);
  });

  it('when the SDK reads org-url-mapping and ai-feature, then both are pages: no mapping, one AI record with every feature off', async () => {
    const mappings = await config(`${ORG_ID}/v2/org-url-mapping?sort=name,ASC`);
    assert.equal(mappings.status, 200, mappings.text);
    assert.deepEqual((mappings.body as { data: unknown[] }).data, []);
    const ai = await config(`${ORG_ID}/v2/ai-feature?page=0&pageSize=100`);
    assert.equal(ai.status, 200, ai.text);
    const page = ai.body as {
      meta: { totalRecords: number };
      data: {
        organizationId: string;
        realtimeTranscripts: { enable: boolean };
        suggestedResponses: { enable: boolean };
        agentWellbeing: { enable: boolean };
        autoCSAT: { enable: boolean };
      }[];
    };
    assert.equal(page.meta.totalRecords, 1);
    const [record] = page.data;
    assert.equal(record?.organizationId, ORG_ID);
    assert.equal(record?.realtimeTranscripts.enable, false);
    assert.equal(record?.suggestedResponses.enable, false);
    assert.equal(record?.agentWellbeing.enable, false);
    assert.equal(record?.autoCSAT.enable, false);
  });

  it('when the SDK logs in and relogs in, then both success events carry channelsMap (one telephony slot)', async () => {
    const { webSocketUrl } = await subscribe(sandbox, token, { clientType: 'WebexCCSDK' });
    const socket = await EventSocket.open(webSocketUrl);
    const agents = (path: string, body: unknown) =>
      call(wxcc(sandbox, `/v1/agents${path}`), { method: 'POST', token, body });
    await agents('/login', {
      dialNumber: '1001',
      teamId: bruno.teamIds[0],
      deviceType: 'EXTENSION',
      isExtension: true,
      deviceId: '1001',
      roles: ['agent'],
    });
    const expected = { chat: [], email: [], social: [], telephony: [String] };
    for (const event of [
      await socket.inner('AgentStationLoginSuccess'),
      await (async () => {
        await agents('/reload', {});
        return socket.inner('AgentReloginSuccess');
      })(),
    ]) {
      const map = event.data.channelsMap as Record<string, string[]>;
      assert.deepEqual(Object.keys(map).sort(), Object.keys(expected));
      assert.equal(map.telephony?.length, 1);
      assert.equal(map.chat?.length, 0);
    }
    await agents('/logout', { logoutReason: 'done' });
    await socket.inner('AgentLogoutSuccess');
    socket.close();
  });
});
