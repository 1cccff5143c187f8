// Every request the app really sends to WxCC and Webex, checked against Cisco's published specs.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { findOperation, validateRequest } from 'wxcc-sandbox/spec-check';
import { HttpBrowser } from '../helpers/http-browser';
import { connect, startStack, submit, type RecordedRequest, type Stack } from '../helpers/stack';

/** The sandbox mounts Webex under /webex/v1 and WxCC under /wxcc; the specs know neither prefix. */
function specPath(path: string): string {
  if (path.startsWith('/wxcc/')) return path.slice('/wxcc'.length);
  if (path.startsWith('/webex/v1/')) return path.slice('/webex/v1'.length);
  return path;
}

/** OAuth endpoints (authorize, access_token) are not in Cisco's OpenAPI files: RFC 6749 governs them. */
const OUTSIDE_THE_SPECS = new Set(['authorize', 'token', 'websocket']);

/**
 * Read by Cisco's SDK at every sign-in (services/config/constants.ts endPointMap.tenantData, and
 * endPointMap.orgInfo for the tenant's time zone) but absent from Cisco's published spec: the
 * configuration reads the spec cannot vouch for.
 */
const SDK_ONLY_PATHS = [
  /\/v2\/tenant-configuration$/,
  /\/v2\/organization-setting$/,
  /\/organization\/[^/]+$/,
];

describe('the app against the published contract', () => {
  let stack: Stack;
  let sent: RecordedRequest[];

  before(async () => {
    stack = await startStack();
    await stack.control.clearRequests();
    // Everything an agent can do: connect, every device type it serves (not BROWSER: no WebRTC
    // line here), both states, logout, a reload.
    const browser = new HttpBrowser();
    let page = await connect(browser, stack);
    for (const [deviceType, dialNumber] of [
      ['AGENT_DN', '+14155550190'],
      ['EXTENSION', '4711'],
    ] as const) {
      page = await submit(browser, page, /\/station\/login/, { deviceType, dialNumber });
      assert.match(page.text, /Agent Logout/, `login with ${deviceType}`);
      page = await submit(browser, page, /\/station\/state/, {}, 'Go Available');
      page = await submit(browser, page, /\/station\/state/, {}, 'Go Idle');
      page = await submit(browser, page, /\/station\/logout/);
    }
    sent = (await stack.control.requests())
      .filter((r) => !OUTSIDE_THE_SPECS.has(r.target))
      .filter((r) => !SDK_ONLY_PATHS.some((p) => p.test(specPath(r.path).split('?')[0] ?? '')));
  });
  after(() => stack.close());

  it('when the app runs the whole flow, then it calls every operation it needs', () => {
    const targets = new Set(sent.map((r) => r.target));
    for (const t of ['people', 'login', 'logout', 'state', 'reload', 'subscribe', 'config']) {
      assert.ok(targets.has(t as RecordedRequest['target']), `no ${t} call was made`);
    }
  });

  it('when the app calls Webex or WxCC, then every path and method is in the spec', () => {
    const unknown = sent
      .filter((r) => findOperation(r.method, specPath(r.path)) === undefined)
      .map((r) => `${r.method} ${r.path}`);
    assert.deepEqual(unknown, []);
  });

  it('when the app sends a body or query, then it validates against the spec (no unknown field, lengths, enums)', () => {
    const problems = sent.flatMap((r) =>
      validateRequest({
        method: r.method,
        path: specPath(r.path),
        body: r.body === null || r.body === '' ? undefined : r.body,
      }).map((issue) => `${r.method} ${r.path}: ${issue.field}: ${issue.message}`),
    );
    assert.deepEqual(problems, []);
  });
});
