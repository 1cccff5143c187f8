// Drives Cisco's own @webex/contact-center SDK, unchanged, against the WxCC sandbox: the SDK is
// configured with nothing but its service-catalog address (services.discovery.u2c) and an access
// token the sandbox issued, and goes register → station login (EXTENSION, then AGENT_DN) → state →
// an offered call → hold → resume → end → wrap-up; then (AGENT_DN) a call conferenced with an
// address-book number, an entry point consulted from the conference and the conference handed on to
// it (transferConference) → wrap-up; → logout → deregister. One line per step, then
// "N passed, N failed"; the exit code is non-zero if a step failed or the sandbox refused any request.
//
// Run from the repository root: `npm run sdk-check` (installs the SDK here on demand, then runs
// `node --conditions=wxcc-source --import tsx sdk-check/run.mjs`). Only 127.0.0.1 is contacted.
import { installBrowserGlobals } from './browser-globals.mjs';

installBrowserGlobals();

// A browser logs an unhandled rejection and carries on; Node would exit. The SDK leaves some
// (e.g. uploadLogs after a failure, when the catalog has no clientLogs service): note them instead.
const unhandled = [];
process.on('unhandledRejection', (reason) => {
  unhandled.push(reason);
  console.log(`      unhandled rejection in the SDK: ${describe(reason)}`);
});

const { startSandbox } = await import('wxcc-sandbox');
const { obtainTokens, TEST_CLIENT } = await import('wxcc-sandbox/testing/sandbox-oauth');
const { defaultSeed } = await import('wxcc-sandbox/seed');
const { defaultContactSeed } = await import('wxcc-sandbox/contact-seed');
// The SDK's CommonJS build, as an app that installs it gets it.
const { default: Webex } = await import('@webex/contact-center');

const STEP_TIMEOUT_MS = 20_000;
const SETTLE_MS = 1500;
const debug = process.env.SDK_CHECK_DEBUG === '1';
const results = [];

/** Runs one step, prints one line, records the verdict; a failed step skips nothing by itself. */
async function step(name, run) {
  const started = Date.now();
  try {
    const detail = await withTimeout(run(), STEP_TIMEOUT_MS, name);
    results.push({ name, ok: true });
    console.log(`ok    ${name} (${Date.now() - started} ms)${detail ? `: ${detail}` : ''}`);
    return true;
  } catch (error) {
    results.push({ name, ok: false });
    console.log(`FAIL  ${name} (${Date.now() - started} ms): ${describe(error)}`);
    return false;
  }
}

function withTimeout(promise, ms, name) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${name}: no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function describe(error) {
  if (error instanceof Error) {
    const details = error.details ?? error.data;
    return `${error.message}${details ? ` ${JSON.stringify(details).slice(0, 400)}` : ''}`;
  }
  return JSON.stringify(error)?.slice(0, 400) ?? String(error);
}

/** Resolves with the first event `name` the emitter fires (after this call). */
function nextEvent(emitter, name) {
  return new Promise((resolve) => emitter.once(name, resolve));
}

const sandbox = await startSandbox({ host: '127.0.0.1', port: 0, clients: [TEST_CLIENT] });
const agent = defaultSeed.agents[1];
let webex;
try {
  const token = (await obtainTokens(sandbox, { agentId: agent.id })).access_token;
  console.log(`sandbox on ${sandbox.url}; agent ${agent.firstName} (${agent.id})`);

  webex = Webex.init({
    config: {
      // The only address the SDK is given: everything else comes from the catalog served there.
      services: { discovery: { u2c: `${sandbox.url}/webex/u2c/api/v1` } },
      logger: { level: debug ? 'debug' : 'error' },
    },
    credentials: { access_token: token },
  });
  const cc = webex.cc;

  const ready = await step('SDK ready (service catalog fetched)', async () => {
    if (!webex.ready) await nextEvent(webex, 'ready');
    await webex.internal.services.waitForCatalog('postauth', 10);
    return webex.internal.services.get('wcc-api-gateway');
  });

  let profile;
  const registered =
    ready &&
    (await step('register', async () => {
      profile = await cc.register();
      return `agent ${profile.agentId}, ${profile.teams.length} teams, login options ${profile.loginVoiceOptions.join('/')}`;
    }));

  if (registered) {
    // The SDK types profile.teams as {teamId, teamName} (config/types.ts Team) but passes on the
    // configuration API's team records (getAllTeams), which carry `id` and `name` on real tenants too.
    const teamId = profile.teams[0].id;
    for (const [loginOption, dialNumber] of [
      ['EXTENSION', '1001'],
      ['AGENT_DN', '14155550123'],
    ]) {
      const loggedIn = await step(`stationLogin ${loginOption} ${dialNumber}`, async () => {
        const reply = await cc.stationLogin({ teamId, loginOption, dialNumber });
        return `deviceType ${reply.data?.deviceType ?? reply.deviceType}`;
      });
      if (!loggedIn) continue;
      await step(`setAgentState Available (${loginOption})`, async () => {
        const reply = await cc.setAgentState({ state: 'Available', auxCodeId: '0' });
        return `subStatus ${reply.data?.subStatus}`;
      });
      await callFlow(cc, loginOption);
      if (loginOption === 'AGENT_DN') await conferenceTransferFlow(cc, loginOption);
      await step(`stationLogout (${loginOption})`, async () => {
        await cc.stationLogout({ logoutReason: 'sdk-check' });
      });
    }
    await step('deregister', () => cc.deregister());
  }
} catch (error) {
  results.push({ name: 'setup', ok: false });
  console.log(`FAIL  setup: ${describe(error)}`);
} finally {
  // Metrics go out in batches a moment after the events (internal-plugin-metrics batcher): let the
  // last ones reach the sandbox so the refusal check below sees them too.
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
  try {
    await reportRefusals();
  } catch (error) {
    results.push({ name: 'request log', ok: false });
    console.log(`FAIL  request log: ${describe(error)}`);
  }
  await sandbox.close();
  // The summary is the last line, whatever the SDK's leftover timers would still log.
  const passed = results.filter((r) => r.ok).length;
  const failed = results.length - passed;
  console.log(`${passed} passed, ${failed} failed`);
  // The SDK keeps timers and sockets (metrics batching, keepalive) that would hold the process open.
  process.exit(failed === 0 ? 0 : 1);
}

/** An inbound call to the agent, answered on the phone (no browser media); undefined if it failed. */
async function answeredCall(cc, label) {
  let task;
  const offered = await step(`task:incoming (${label})`, async () => {
    const incoming = nextEvent(cc, 'task:incoming');
    await control('POST', `/agents/${agent.id}/call`, { customerName: 'SDK Check' });
    task = await incoming;
    return `interaction ${task.data.interactionId}`;
  });
  if (!offered) return undefined;
  const assigned = await step(`task:assigned, answered on the phone (${label})`, async () => {
    const accepted = nextEvent(task, 'task:assigned');
    await control('POST', `/agents/${agent.id}/answer`, {});
    await accepted;
  });
  return assigned ? task : undefined;
}

async function wrapUp(cc, task, label) {
  await step(`task.wrapup (${label})`, async () => {
    const code = cc.agentConfig.wrapUpData.wrapUpProps.wrapUpReasonList[0];
    await task.wrapup({ wrapUpReason: code.name, auxCodeId: code.id });
    return `with ${code.name}`;
  });
}

/** An inbound call held, resumed, ended, wrapped up. */
async function callFlow(cc, loginOption) {
  const task = await answeredCall(cc, loginOption);
  if (!task) return;
  await step(`task.hold (${loginOption})`, async () => void (await task.hold()));
  await step(`task.resume (${loginOption})`, async () => void (await task.resume()));
  await step(`task.end (${loginOption})`, async () => void (await task.end()));
  await wrapUp(cc, task, loginOption);
}

/**
 * A conference with an outside party handed on: the SDK consults an address-book number, merges it
 * in (consultConference names it by calculateDestAgentId / calculateDestType from the sandbox's
 * events), consults an entry point from the conference and hands the whole conference to it
 * (transferConference, `{}`), then wraps up.
 */
async function conferenceTransferFlow(cc, loginOption) {
  const label = `conference, ${loginOption}`;
  const task = await answeredCall(cc, label);
  if (!task) return;
  const consult = (payload) => async () => {
    const consulting = nextEvent(task, 'task:consulting');
    await task.consult(payload);
    await consulting;
    return `${payload.destinationType} ${payload.to}`;
  };
  const number = defaultContactSeed.addressBook.entries[0].number;
  const entryPoint = defaultContactSeed.inboundEntryPoint.id;
  if (
    !(await step(
      `task.consult a number (${label})`,
      consult({ to: number, destinationType: 'dialNumber' }),
    ))
  )
    return;
  const merged = await step(`task.consultConference (${label})`, async () => {
    await task.consultConference();
    const main = task.data.interaction.media[task.data.interactionId];
    if (!main?.participants?.includes(number)) throw new Error('the number is not on the call');
    return `${main.participants.length} parties on the main call`;
  });
  if (!merged) return;
  if (
    !(await step(
      `task.consult an entry point from the conference (${label})`,
      consult({ to: entryPoint, destinationType: 'entryPoint' }),
    ))
  )
    return;
  await step(
    `task.transferConference (${label})`,
    async () => void (await task.transferConference()),
  );
  await wrapUp(cc, task, label);
}

async function control(method, path, body) {
  const response = await fetch(`${sandbox.url}/_sandbox${path}`, {
    method,
    headers: { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`control ${method} ${path}: ${response.status} ${text}`);
  return text ? JSON.parse(text) : undefined;
}

/** Every Webex/WxCC request the SDK made, as the sandbox logged it: any 4xx/5xx is a failure. */
async function reportRefusals() {
  const log = await control('GET', '/requests');
  const requests = Array.isArray(log) ? log : (log.requests ?? []);
  const refused = requests.filter((r) => r.status >= 400);
  if (debug)
    for (const r of requests)
      console.log(
        `      ${r.method} ${r.path}${r.query ? `?${r.query}` : ''} → ${r.status} ${JSON.stringify(r.body)?.slice(0, 300) ?? ''}`,
      );
  for (const r of refused) {
    console.log(
      `      refused: ${r.method} ${r.path} → ${r.status} ${JSON.stringify(r.body ?? null).slice(0, 300)}`,
    );
  }
  results.push({ name: 'no request refused', ok: refused.length === 0 });
  console.log(
    `${refused.length === 0 ? 'ok  ' : 'FAIL'}  no request refused (${requests.length} requests to Webex/WxCC, ${refused.length} refused)`,
  );
  results.push({ name: 'no unhandled rejection in the SDK', ok: unhandled.length === 0 });
  console.log(
    `${unhandled.length === 0 ? 'ok  ' : 'FAIL'}  no unhandled rejection in the SDK (${unhandled.length})`,
  );
}
