// The sandbox's /authorize: what it refuses to show, the consent page, and where Accept/Decline go.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { RunningSandbox } from '../src';
import {
  AGENTS,
  answerConsent,
  authorizeUrl,
  startTestSandbox,
  TEST_CLIENT,
} from './support/sandbox-oauth';
import { seedWithAgents } from './support/seed-many';
import { CONSENT_LIST_LIMIT } from '../src/identity/authorize-routes';

describe('sandbox /authorize', () => {
  let sandbox: RunningSandbox;
  before(async () => {
    sandbox = await startTestSandbox();
  });
  after(() => sandbox.close());

  const open = (params: Record<string, string | undefined>) =>
    fetch(authorizeUrl(sandbox, params), { redirect: 'manual' });

  it('when the client_id is unknown, then an error page and never a redirect', async () => {
    const response = await open({ client_id: 'nobody' });
    assert.equal(response.status, 400);
    assert.equal(response.headers.get('location'), null);
    assert.match(await response.text(), /client_id is wrong/);
  });

  it('when the redirect_uri is not registered exactly, then an error page and never a redirect', async () => {
    for (const redirect of ['http://127.0.0.1:9/callback/', 'http://evil.example/cb', undefined]) {
      const response = await open({ redirect_uri: redirect });
      assert.equal(response.status, 400);
      assert.equal(response.headers.get('location'), null);
      assert.match(await response.text(), /redirect_uri does not match/);
    }
  });

  it('when a scope is unknown, then it redirects back with invalid_scope and the state', async () => {
    const response = await open({ scope: 'cjp:user spark:everything' });
    assert.equal(response.status, 302);
    const back = new URL(response.headers.get('location') ?? '');
    assert.equal(back.origin + back.pathname, TEST_CLIENT.redirectUris[0]);
    assert.equal(back.searchParams.get('error'), 'invalid_scope');
    assert.match(back.searchParams.get('error_description') ?? '', /spark:everything/);
    assert.equal(back.searchParams.get('state'), 'state-123');
    assert.equal(back.searchParams.get('code'), null);
  });

  it('when response_type or the PKCE method is wrong, then it redirects back with the OAuth error', async () => {
    const wrongType = await open({ response_type: 'token' });
    const back = new URL(wrongType.headers.get('location') ?? '');
    assert.equal(back.searchParams.get('error'), 'unsupported_response_type');
    const plain = await open({ code_challenge: 'a'.repeat(43), code_challenge_method: 'plain' });
    assert.equal(
      new URL(plain.headers.get('location') ?? '').searchParams.get('error'),
      'invalid_request',
    );
  });

  it('when the request is valid, then a consent page names the app, the scopes in words and the agents', async () => {
    const response = await open({});
    assert.equal(response.status, 200);
    const html = await response.text();
    assert.match(html, /Sandbox Test App would like to use your Webex account/);
    assert.match(html, /log in to your station/);
    assert.match(html, /<code>cjp:config_read<\/code>/);
    assert.match(html, /<select id="agentId" name="agentId"/);
    for (const agent of AGENTS) assert.ok(html.includes(`value="${agent.id}"`));
    assert.match(html, new RegExp(`<option value="${AGENTS[0]?.id}" selected>`));
    assert.match(
      html,
      /<button type="submit" name="decision" value="accept"[^>]*>Accept<\/button>/,
    );
    assert.match(
      html,
      /<button type="submit" name="decision" value="decline"[^>]*>Decline<\/button>/,
    );
    assert.match(html, /<label for="agentId">/);
    assert.doesNotMatch(html, /<script|<style|style="| on[a-z]+="/);
    assert.match(response.headers.get('content-security-policy') ?? '', /default-src 'none'/);
    const css = await fetch(`${sandbox.url}/_sandbox/static/sandbox.css`);
    assert.equal(css.status, 200);
    assert.match(css.headers.get('content-type') ?? '', /text\/css/);
  });

  it('when the user declines, then it redirects with access_denied and the state', async () => {
    const page = await (await open({ state: 'xyz' })).text();
    const back = await answerConsent(sandbox, page, 'decline');
    assert.equal(back.searchParams.get('error'), 'access_denied');
    assert.ok(back.searchParams.get('error_description'));
    assert.equal(back.searchParams.get('state'), 'xyz');
    assert.equal(back.searchParams.get('code'), null);
  });

  it('when the user accepts, then it redirects with a code and the state, and the consent cannot be reused', async () => {
    const page = await (await open({ state: 'abc' })).text();
    const back = await answerConsent(sandbox, page, 'accept', AGENTS[1]?.id);
    assert.equal(back.origin + back.pathname, TEST_CLIENT.redirectUris[0]);
    assert.ok((back.searchParams.get('code') ?? '').length >= 32);
    assert.equal(back.searchParams.get('state'), 'abc');
    await assert.rejects(answerConsent(sandbox, page, 'accept'), /answered 400/);
  });

  it('when the consent form names no listed agent, then an error page and no redirect', async () => {
    const page = await (await open({})).text();
    await assert.rejects(answerConsent(sandbox, page, 'accept', 'someone-else'), /answered 400/);
  });

  it('when the seed has more agents than a page can list, then the consent page asks for an id, and any agent of the seed can sign in', async () => {
    const many = seedWithAgents(CONSENT_LIST_LIMIT + 1);
    const big = await startTestSandbox({ seed: many });
    try {
      const page = await (await fetch(authorizeUrl(big, {}))).text();
      assert.doesNotMatch(page, /<option /);
      assert.match(page, new RegExp(`name="agentId" value="${many.agents[0]!.id}"`));
      assert.match(page, new RegExp(`${CONSENT_LIST_LIMIT + 1} sample agents`));
      assert.ok(page.length < 8000, `a page of ${page.length} characters`);
      const last = many.agents.at(-1)!.id;
      const back = await answerConsent(big, page, 'accept', last);
      assert.ok(back.searchParams.get('code'), 'a code for the last agent of the seed');
      const again = await (await fetch(authorizeUrl(big, {}))).text();
      await assert.rejects(answerConsent(big, again, 'accept', 'not-in-the-seed'), /answered 400/);
    } finally {
      await big.close();
    }
  });
});
