// The sandbox's configuration API: pages, shapes per the spec, scope and organization checks.
import { defaultContactSeed, withContactCodes } from '../src/contacts/contact-seed';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { RunningSandbox } from '../src';
import { defaultSeed } from '../src/seed';
import { call } from './support/sandbox-client';
import { AGENTS, obtainTokens, ORG_ID, startTestSandbox } from './support/sandbox-oauth';

type Page = { meta: Record<string, unknown>; data: Record<string, unknown>[] };

describe('sandbox configuration API', () => {
  let sandbox: RunningSandbox;
  let token: string;
  before(async () => {
    sandbox = await startTestSandbox();
    token = (await obtainTokens(sandbox)).access_token;
  });
  after(() => sandbox.close());

  const get = (path: string, withToken = token) =>
    call(`${sandbox.wxccApiBase}/organization/${ORG_ID}${path}`, { token: withToken });

  it('when teams are listed in pages, then meta counts them and pages partition the data', async () => {
    const total = defaultSeed.teams.length;
    // A real org's size: more teams than the API's largest page.
    assert.ok(total > 1000);
    const first = await get('/v2/team?page=0&pageSize=1000');
    assert.equal(first.status, 200);
    const body = first.body as Page;
    assert.equal(body.meta.totalRecords, total);
    assert.equal(body.meta.totalPages, 2);
    assert.equal(body.meta.page, 0);
    assert.equal(body.meta.pageSize, 1000);
    assert.equal(body.data.length, 1000);
    const second = (await get('/v2/team?page=1&pageSize=1000')).body as Page;
    assert.equal(second.data.length, total - 1000);
    const ids = [...body.data, ...second.data].map((t) => t.id);
    assert.deepEqual(
      ids,
      defaultSeed.teams.map((t) => t.id),
    );
    const wanted = [defaultSeed.teams[1]!.id, defaultSeed.teams.at(-1)!.id];
    const filtered = (
      await get(`/v2/team?filter=${encodeURIComponent(`id=in=(${wanted.join(',')})`)}`)
    ).body as Page;
    assert.deepEqual(
      filtered.data.map((t) => t.id),
      wanted,
    );
    const team = body.data[0]!;
    assert.equal(team.teamType, 'AGENT');
    assert.equal(team.teamStatus, 'IN_SERVICE');
    assert.equal(team.active, true);
    assert.equal(team.siteId, defaultSeed.site.id);
    assert.ok(Array.isArray(team.userIds));
    assert.equal(((await get('/v2/team?page=5&pageSize=1000')).body as Page).data.length, 0);
  });

  it('when aux codes are listed, then each has the required fields and a filter narrows them', async () => {
    const all = (await get('/v2/auxiliary-code')).body as Page;
    // The org's codes plus the ones contacts add (contact-seed.ts).
    assert.equal(
      all.data.length,
      withContactCodes(defaultSeed, defaultContactSeed).auxCodes.length,
    );
    for (const code of all.data) {
      for (const key of [
        'active',
        'defaultCode',
        'name',
        'workTypeCode',
        'workTypeId',
        'isSystemCode',
      ]) {
        assert.ok(key in code, key);
      }
    }
    const idle = all.data.filter((c) => c.workTypeCode === 'IDLE_CODE');
    assert.ok(idle.some((c) => c.isSystemCode === true));
    assert.ok(idle.some((c) => c.active === false));
    assert.equal(idle.filter((c) => c.defaultCode === true).length, 1);
    const wrapUp = (await get('/v2/auxiliary-code?filter=workTypeCode=="WRAP_UP_CODE"'))
      .body as Page;
    assert.ok(wrapUp.data.length >= 2);
    assert.ok(wrapUp.data.every((c) => c.workTypeCode === 'WRAP_UP_CODE'));
    assert.equal((await get('/v2/auxiliary-code?filter=nonsense')).status, 400);
  });

  it('when the user is read by CI id, then teams, profile and the (sic) default dialled number', async () => {
    const agent = AGENTS[2]!;
    const reply = await get(`/v2/user/by-ci-user-id/${agent.id}`);
    assert.equal(reply.status, 200);
    const user = reply.body as Record<string, unknown>;
    assert.equal(user.ciUserId, agent.id);
    assert.equal(user.id, agent.userId);
    assert.deepEqual(user.teamIds, agent.teamIds);
    assert.equal(user.agentProfileId, agent.agentProfileId);
    assert.equal(user.deafultDialledNumber, agent.defaultDialNumber);
  });

  it('when desktop profiles are read, then login options and idle-code access follow the seed', async () => {
    const [flexible, phone] = defaultSeed.desktopProfiles;
    const a = (await get(`/agent-profile/${flexible!.id}`)).body as Record<string, unknown>;
    assert.deepEqual(a.loginVoiceOptions, ['AGENT_DN', 'EXTENSION', 'BROWSER']);
    assert.equal(a.accessIdleCode, 'ALL');
    const b = (await get(`/agent-profile/${phone!.id}`)).body as Record<string, unknown>;
    assert.deepEqual(b.loginVoiceOptions, ['AGENT_DN']);
    assert.equal(b.accessIdleCode, 'SPECIFIC');
    assert.equal((b.idleCodes as string[]).length, 2);
    for (const key of [
      'accessBuddyTeam',
      'accessEntryPoint',
      'accessQueue',
      'accessWrapUpCode',
      'agentDNValidation',
      'parentType',
    ]) {
      assert.ok(key in b, key);
    }
  });

  it('when the token lacks cjp:config_read, then 403 in the config error shape', async () => {
    const narrow = await obtainTokens(sandbox, { scopes: ['cjp:user'] });
    const reply = await get('/v2/team', narrow.access_token);
    assert.equal(reply.status, 403);
    const body = reply.body as {
      trackingId: string;
      error: { key: string; message: { description: string }[] };
    };
    assert.equal(body.error.key, '403');
    assert.match(body.error.message[0]?.description ?? '', /cjp:config_read/);
    assert.equal(body.trackingId, reply.headers.get('trackingid'));
    assert.equal((await get('/v2/team', 'bogus')).status, 401);
  });

  it('when the id or the organization is unknown, or a page is invalid, then 404 / 400', async () => {
    assert.equal((await get('/v2/user/by-ci-user-id/nobody')).status, 404);
    assert.equal((await get('/agent-profile/nothing')).status, 404);
    const otherOrg = await call(`${sandbox.wxccApiBase}/organization/${AGENTS[0]!.id}/v2/team`, {
      token,
    });
    assert.equal(otherOrg.status, 404);
    assert.equal((otherOrg.body as { error: { key: string } }).error.key, '404');
    assert.equal((await get('/v2/team?page=-1')).status, 400);
    assert.equal((await get('/v2/team?pageSize=abc')).status, 400);
  });
});
