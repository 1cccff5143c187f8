// `npm run bench -- page`: the built desktop in production mode next to a bare Express 5 app,
// same machine, same load generator (a separate process), one run.
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { SESSION_COOKIE } from '../src/app';
import {
  build,
  freePort,
  load,
  startBareExpress,
  startSessionFloor,
  startDesktopProcess,
  startSandboxProcess,
  type Running,
} from './processes';
import { HttpBrowser, loginStation, signIn } from './sign-in';
import { seedDay } from './seed-day';
import { round } from './stats';
import type { LoadResult } from './load-generator';

type Slice = LoadResult & { cpuSeconds: number };
type Combined = ReturnType<typeof combine>;

/** One figure from a target's slices: totals for counts, the median p50 and the worst p99. */
function combine(slices: Slice[], seconds: number) {
  const sum = (f: (s: Slice) => number) => slices.reduce((a, s) => a + f(s), 0);
  const requests = sum((s) => s.requests);
  const warmup = sum((s) => s.warmup);
  const p50s = slices.map((s) => s.p50).sort((a, b) => a - b);
  return {
    requests,
    warmup,
    errors: sum((s) => s.errors),
    rps: round(requests / seconds, 0),
    p50: p50s[Math.floor(p50s.length / 2)]!,
    p99: Math.max(...slices.map((s) => s.p99)),
    // The server's CPU time includes the warm-up requests of each slice.
    cpuMicrosPerRequest: round((sum((s) => s.cpuSeconds) * 1e6) / (requests + warmup), 0),
  };
}

export async function benchPage(seconds = 12, connections = 10, rounds = 3) {
  build();
  const port = await freePort();
  // BENCH_BASELINE=<another checkout> (its dependencies installed): that build's desktop is
  // measured in the same run, slice for slice, so a change is judged under the same load.
  const baselineRoot = process.env.BENCH_BASELINE;
  const baselinePort = baselineRoot ? await freePort() : undefined;
  const sandbox = await startSandboxProcess(
    [port, baselinePort]
      .filter((p) => p !== undefined)
      .map((p) => `http://127.0.0.1:${p}/oauth`)
      .join(','),
    4,
  );
  // BENCH_PROFILE=dir writes the CPU profiles of the desktop and the bare app there (open it in Chrome's DevTools).
  const profileDir = process.env.BENCH_PROFILE;
  const profile = (name: string) =>
    profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}/${name}`] : [];
  const bare = await startBareExpress(profile('bare'));
  // BENCH_DESKTOP_ARGS: node flags after npm start's (they win), to compare settings.
  const desktopArgs = process.env.BENCH_DESKTOP_ARGS?.split(' ').filter(Boolean) ?? [];
  // BENCH_DAY_CONTACTS=n: the signed-in agent has handled n calls today (a shift's statistics and
  // recent contacts on the page); 0, the page of an agent's first minutes.
  const dayContacts = Number(process.env.BENCH_DAY_CONTACTS ?? 0);
  const keys = { SESSION_ENCRYPTION_KEY: randomBytes(32).toString('hex') };
  const desktop = await startDesktopProcess(port, sandbox.url, keys, [
    ...desktopArgs,
    ...profile('desktop'),
  ]);
  let baseline: (Running & { dataDir: string }) | undefined;
  let floorRunning: Running | undefined;
  if (baselineRoot && baselinePort) {
    build(baselineRoot);
    baseline = await startDesktopProcess(
      baselinePort,
      sandbox.url,
      keys,
      desktopArgs,
      baselineRoot,
    );
  }
  try {
    const signedIn = async (
      server: Running & { dataDir: string },
      agentId: string,
      dialNumber: string,
      root?: string,
    ) => {
      await seedDay({
        file: path.join(server.dataDir, 'sessions.db'),
        encryptionKey: keys.SESSION_ENCRYPTION_KEY,
        agentIds: [agentId],
        contacts: dayContacts,
        root,
      });
      const browser = new HttpBrowser();
      const form = await signIn(browser, server.url, agentId);
      const agentPage = await loginStation(browser, form, dialNumber);
      if (!/\/station\/logout/.test(agentPage.text)) throw new Error('not on the agent page');
      return `${SESSION_COOKIE}=${browser.cookie(server.url, SESSION_COOKIE)}`;
    };
    const cookie = await signedIn(desktop, sandbox.agentIds[0]!, '+14155550123');
    // The floor serves a body as large as the signed-in page is now, so the two write alike.
    const pageBytes = (
      await (
        await fetch(desktop.url, { headers: { Cookie: cookie, Accept: 'text/html' } })
      ).arrayBuffer()
    ).byteLength;
    const floor = await startSessionFloor(pageBytes);
    floorRunning = floor;
    const floorCookie = (await fetch(`${floor.url}/sign-in`, { method: 'POST' })).headers
      .get('set-cookie')!
      .split(';')[0]!;

    // BENCH_PROFILE_ONLY=loggedInPage (with BENCH_PROFILE) loads the desktop with that page alone,
    // so the profile holds nothing else.
    const only = process.env.BENCH_PROFILE_ONLY;
    const targets: {
      name: string;
      server: Running;
      path: string;
      headers: Record<string, string>;
    }[] = [
      { name: 'bareExpress', server: bare, path: '/', headers: {} },
      // Express + express-session (encrypted SQLite) + a page-sized body: the stack's own floor.
      { name: 'sessionFloor', server: floor, path: '/', headers: { Cookie: floorCookie } },
      { name: 'healthz', server: desktop, path: '/healthz', headers: {} },
      { name: 'connectPage', server: desktop, path: '/', headers: {} },
      { name: 'loggedInPage', server: desktop, path: '/', headers: { Cookie: cookie } },
    ];
    if (baseline) {
      targets.push(
        { name: 'baselineConnectPage', server: baseline, path: '/', headers: {} },
        {
          name: 'baselineLoggedInPage',
          server: baseline,
          path: '/',
          headers: {
            Cookie: await signedIn(baseline, sandbox.agentIds[1]!, '+14155550124', baselineRoot),
          },
        },
      );
    }
    const measured = targets.filter(
      (t) =>
        only === undefined ||
        t.name === 'bareExpress' ||
        t.name === 'sessionFloor' ||
        t.name === only ||
        t.name === `baseline${only.charAt(0).toUpperCase()}${only.slice(1)}`,
    );

    // The machine is shared: its load drifts over a run. Each target is measured in `rounds`
    // slices taken in turn, so a busy minute weighs on all of them alike.
    const totals = new Map(measured.map((t) => [t.name, [] as Slice[]]));
    for (let slice = 0; slice < rounds; slice += 1) {
      // Every other round runs backwards, so no target (the baseline's pages) is always last.
      for (const t of slice % 2 === 0 ? measured : [...measured].reverse()) {
        // CPU time per request of the server alone is the steadier figure on a shared machine.
        const cpuBefore = t.server.cpuSeconds();
        const result = await load({
          url: `${t.server.url}${t.path}`,
          connections,
          durationSec: seconds / rounds,
          headers: { Accept: 'text/html', ...t.headers },
        });
        totals.get(t.name)!.push({ ...result, cpuSeconds: t.server.cpuSeconds() - cpuBefore });
      }
    }
    const results = Object.fromEntries(
      [...totals].map(([name, slices]) => [name, combine(slices, seconds)]),
    );
    const bareExpress = results.bareExpress!;
    // Throughput share of bare Express, measured (rps) and from CPU time per request (cpu).
    const ofBare = (r: Combined) => ({
      rps: round(r.rps / bareExpress.rps, 2),
      cpu: round(bareExpress.cpuMicrosPerRequest / r.cpuMicrosPerRequest, 2),
    });
    // The session floor's CPU per request over the page's: the target (≥ 75 %).
    const ofFloor = (name: string) =>
      results[name] &&
      round(results.sessionFloor!.cpuMicrosPerRequest / results[name].cpuMicrosPerRequest, 2);
    return {
      connections,
      seconds,
      rounds,
      baseline: baselineRoot,
      pageBytes,
      dayContacts,
      ofSessionFloorCpu: Object.fromEntries(
        [...totals.keys()]
          .filter((name) => /Page$/.test(name))
          .map((name) => [name, ofFloor(name)]),
      ),
      ...Object.fromEntries(
        Object.entries(results).map(([name, r]) => [
          name,
          name === 'bareExpress' ? r : { ...r, ofBare: ofBare(r) },
        ]),
      ),
    };
  } finally {
    await Promise.all([
      desktop.stop(),
      baseline?.stop(),
      sandbox.stop(),
      bare.stop(),
      floorRunning?.stop(),
    ]);
  }
}
