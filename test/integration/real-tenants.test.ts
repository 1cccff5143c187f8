// The desktop against a sandbox shaped like real tenants: opaque ids, dial plans, provisioned numbers,
// no browser station, system idle codes, many teams, logout by POST (REAL-TENANTS.md findings).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { defaultSeed } from 'wxcc-sandbox/seed';
import { HttpBrowser, type Page } from '../helpers/http-browser';
import { connect, startStack, submit, type Stack } from '../helpers/stack';
import { waitFor } from '../helpers/wait-for';

const [alice, bruno, chiara, dmitri] = defaultSeed.agents as [
  (typeof defaultSeed.agents)[0],
  (typeof defaultSeed.agents)[0],
  (typeof defaultSeed.agents)[0],
  (typeof defaultSeed.agents)[0],
];
const code = (name: string) => defaultSeed.auxCodes.find((c) => c.name === name)!.id;
const team = (name: string) => defaultSeed.teams.find((t) => t.name === name)!.id;

describe('real tenants', () => {
  let stack: Stack;
  before(async () => {
    stack = await startStack();
  });
  after(() => stack.close());

  const sentLogins = async () =>
    (await stack.control.requests()).filter((r) => r.target === 'login');
  const lastLoginBody = async () => (await sentLogins()).at(-1)?.body as Record<string, unknown>;

  async function logOut(browser: HttpBrowser, page: Page): Promise<Page> {
    const out = await submit(browser, page, /\/station\/logout/);
    assert.match(out.text, /You are logged out of your station/);
    return out;
  }

  it('when team and idle-code ids come in older formats (20 characters with _ or -, numeric), then login, state changes and idle reasons work', async () => {
    const browser = new HttpBrowser();
    const station = await connect(browser, stack, { agentId: alice.id });
    const sales = team('Sales');
    assert.match(sales, /^[A-Za-z0-9_-]{20}$/);
    let page = await submit(browser, station, /\/station\/login/, {
      teamId: sales,
      dialNumber: '+14155550301',
    });
    assert.match(page.text, /You are logged in to your station/);
    assert.equal((await lastLoginBody()).teamId, sales);
    for (const name of ['Meeting', 'Training', 'Lunch']) {
      page = await submit(browser, page, /\/station\/state/, { auxCodeId: code(name) }, 'Go Idle');
      assert.match(page.text, new RegExp(`Idle · ${name}`), name);
    }
    await logOut(browser, page);
  });

  it('when WxCC puts the agent in a system idle code (RONA), then the page names it but does not offer it', async () => {
    const browser = new HttpBrowser();
    const station = await connect(browser, stack, { agentId: alice.id });
    let page = await submit(browser, station, /\/station\/login/, { dialNumber: '+14155550302' });
    page = await submit(browser, page, /\/station\/state/, {}, 'Go Available');
    await stack.control.supervisor(alice.id, 'rona');
    await waitFor(async () => /Idle · RONA/.test((await browser.get(`${stack.url}/`)).text));
    page = await browser.get(`${stack.url}/`);
    assert.doesNotMatch(page.text, /<option value="[^"]*">RONA<\/option>/);
    await logOut(browser, page);
  });

  it('when no dial plan applies, then the documented US forms are accepted and sent as WxCC dials them', async () => {
    const browser = new HttpBrowser();
    const station = await connect(browser, stack, { agentId: alice.id });
    const page = await submit(browser, station, /\/station\/login/, {
      dialNumber: '1 (800) 555-1234',
    });
    assert.match(page.text, /You are logged in to your station/);
    assert.match(page.text, /18005551234/);
    assert.equal((await lastLoginBody()).dialNumber, '18005551234');
    await stack.control.clearRequests();
    await logOut(browser, page);
    const logouts = (await stack.control.requests()).filter((r) => r.target === 'logout');
    assert.deepEqual(
      logouts.map((r) => r.method),
      ['POST'],
    );
  });

  it('when the agent is on the US dial plan, then a national number gets the plan prefix', async () => {
    const browser = new HttpBrowser();
    const station = await connect(browser, stack, { agentId: bruno.id });
    assert.match(station.text, /Your dial plan \(US\)|dial plan \(US\)/);
    const page = await submit(browser, station, /\/station\/login/, {
      teamId: bruno.teamIds[0]!,
      dialNumber: '415-555-0177',
    });
    assert.match(page.text, /You are logged in to your station/);
    assert.equal((await lastLoginBody()).dialNumber, '14155550177');
    await logOut(browser, page);
  });

  it('when the agent is on a UK dial plan, then a national number is accepted and a foreign one refused once, on the field', async () => {
    const browser = new HttpBrowser();
    const station = await connect(browser, stack, { agentId: chiara.id });
    const refused = await submit(browser, station, /\/station\/login/, {
      dialNumber: '+1 415 555 0100',
    });
    assert.match(refused.text, /does not fit your dial plan \(UK\)/);
    // One message, on the field: no summary line, no preview beside it.
    assert.equal(refused.text.match(/does not fit your dial plan/g)?.length, 1);
    assert.doesNotMatch(refused.text, /Please correct the field marked below/);
    assert.match(refused.text, /id="dial-preview"[^>]*hidden/);
    assert.match(refused.text, /id="dialNumber"[^>]*aria-invalid="true"/);
    const page = await submit(browser, refused, /\/station\/login/, {
      dialNumber: '020 7946 0999',
    });
    assert.match(page.text, /You are logged in to your station/);
    assert.equal((await lastLoginBody()).dialNumber, '02079460999');
    await logOut(browser, page);
  });

  it('when the number is provisioned (PROVISIONED_VALUE), then the form shows it locked and only it logs in', async () => {
    const browser = new HttpBrowser();
    const station = await connect(browser, stack, { agentId: dmitri.id });
    assert.match(
      station.text,
      new RegExp(
        `id="dialNumber" name="dialNumber" value="\\${dmitri.defaultDialNumber}"[^>]*readonly`,
      ),
    );
    const refused = await submit(browser, station, /\/station\/login/, {
      dialNumber: '+4930901829999',
    });
    assert.match(refused.text, /set your dial number to \+4930901820104/);
    const page = await submit(browser, refused, /\/station\/login/, {
      dialNumber: dmitri.defaultDialNumber,
    });
    assert.match(page.text, /You are logged in to your station/);
    assert.equal((await lastLoginBody()).dialNumber, dmitri.defaultDialNumber);
    await logOut(browser, page);
  });

  it('when the profile allows a browser station, then it is not offered, the page says why, and a forged choice is refused', async () => {
    const browser = new HttpBrowser();
    const station = await connect(browser, stack, { agentId: alice.id });
    assert.doesNotMatch(station.text, /value="BROWSER"/);
    assert.match(station.text, /cannot register a phone line in your browser/);
    const refused = await submit(browser, station, /\/station\/login/, {
      deviceType: 'BROWSER',
      dialNumber: '',
    });
    assert.match(refused.text, /Choose how you take calls/);
    assert.equal(
      (await sentLogins()).filter(
        (r) => (r.body as { deviceType?: string }).deviceType === 'BROWSER',
      ).length,
      0,
    );
  });

  it('when the organization has more teams than one page, then the agent’s teams are asked for by id and none is missed', async () => {
    assert.ok(defaultSeed.teams.length > 1000);
    // The directory caches what it read, and this test must see the reads.
    stack.services.directory.forget(bruno.id);
    await stack.control.clearRequests();
    const browser = new HttpBrowser();
    const station = await connect(browser, stack, { agentId: bruno.id });
    assert.match(station.text, /<option value="AXnight0Shift_Team01"[^>]*>Night Shift<\/option>/);
    const teamReads = (await stack.control.requests()).filter((r) => /\/v2\/team/.test(r.path));
    assert.ok(teamReads.length > 0);
    for (const read of teamReads) {
      const query = (read as { query?: string }).query ?? '';
      assert.match(decodeURIComponent(query), /filter=id=in=\(/);
    }
  });
});
