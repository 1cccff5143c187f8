// `npm run bench -- page`: the built desktop in production mode next to a bare Express 5 app,
// same machine, same load generator (a separate process), one run.
import { SESSION_COOKIE } from '../src/app';
import {
  build,
  freePort,
  load,
  startBareExpress,
  startDesktop,
  startSandboxProcess,
  type Running,
} from './processes';
import { HttpBrowser, loginStation, signIn } from './sign-in';
import { round } from './stats';

export async function benchPage(seconds = 10, connections = 10) {
  build();
  const bare = await startBareExpress();
  const port = await freePort();
  const sandbox = await startSandboxProcess(`http://127.0.0.1:${port}/oauth`, 4);
  // BENCH_PROFILE=dir writes the desktop's CPU profile there (open it in Chrome's DevTools).
  const profileDir = process.env.BENCH_PROFILE;
  const desktop = await startDesktop(
    port,
    sandbox.url,
    {},
    profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [],
  );
  try {
    const browser = new HttpBrowser();
    const form = await signIn(browser, desktop.url);
    const agentPage = await loginStation(browser, form, '+14155550123');
    if (!/\/station\/logout/.test(agentPage.text)) throw new Error('not on the agent page');
    const cookie = `${SESSION_COOKIE}=${browser.cookie(desktop.url, SESSION_COOKIE)}`;

    // CPU time per request of the server alone is the steadier figure on a shared machine.
    const run = async (server: Running, path: string, headers: Record<string, string> = {}) => {
      const cpuBefore = server.cpuSeconds();
      const result = await load({
        url: `${server.url}${path}`,
        connections,
        durationSec: seconds,
        headers: { Accept: 'text/html', ...headers },
      });
      const cpuMicros =
        ((server.cpuSeconds() - cpuBefore) * 1e6) / (result.requests + result.warmup);
      return { ...result, cpuMicrosPerRequest: round(cpuMicros, 0) };
    };
    // BENCH_PROFILE_ONLY=loggedIn (with BENCH_PROFILE) loads the desktop with that page alone,
    // so the profile holds nothing else.
    const only = process.env.BENCH_PROFILE_ONLY;
    const skip = (name: string) => only !== undefined && only !== name;
    const none = { requests: 0, warmup: 0, errors: 0, rps: 1, p50: 0, p99: 0, cpuMicrosPerRequest: 1 };
    const bareExpress = await run(bare, '/');
    const healthz = skip('healthz') ? none : await run(desktop, '/healthz');
    const connectPage = skip('connect') ? none : await run(desktop, '/');
    const loggedInPage = skip('loggedIn') ? none : await run(desktop, '/', { Cookie: cookie });
    // Throughput share of bare Express, measured (rps) and from CPU time per request (cpu).
    const ratio = (r: { rps: number; cpuMicrosPerRequest: number }) => ({
      rps: round(r.rps / bareExpress.rps, 2),
      cpu: round(bareExpress.cpuMicrosPerRequest / r.cpuMicrosPerRequest, 2),
    });
    return {
      connections,
      seconds,
      bareExpress,
      healthz: { ...healthz, ofBare: ratio(healthz) },
      connectPage: { ...connectPage, ofBare: ratio(connectPage) },
      loggedInPage: { ...loggedInPage, ofBare: ratio(loggedInPage) },
    };
  } finally {
    await Promise.all([desktop.stop(), sandbox.stop(), bare.stop()]);
  }
}
