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
} from './processes';
import { HttpBrowser, loginStation, signIn } from './sign-in';
import { round } from './stats';

export async function benchPage(seconds = 10, connections = 10) {
  build();
  const bare = await startBareExpress();
  const port = await freePort();
  const sandbox = await startSandboxProcess(`http://127.0.0.1:${port}/oauth`, 4);
  const desktop = await startDesktop(port, sandbox.url);
  try {
    const browser = new HttpBrowser();
    const form = await signIn(browser, desktop.url);
    const agentPage = await loginStation(browser, form, '+14155550123');
    if (!/\/station\/logout/.test(agentPage.text)) throw new Error('not on the agent page');
    const cookie = `${SESSION_COOKIE}=${browser.cookie(desktop.url, SESSION_COOKIE)}`;

    const run = (url: string, headers: Record<string, string> = {}) =>
      load({
        url,
        connections,
        durationSec: seconds,
        headers: { Accept: 'text/html', ...headers },
      });
    const bareExpress = await run(`${bare.url}/`);
    const healthz = await run(`${desktop.url}/healthz`);
    const connectPage = await run(`${desktop.url}/`);
    const loggedInPage = await run(`${desktop.url}/`, { Cookie: cookie });
    const ratio = (r: { rps: number }) => round(r.rps / bareExpress.rps, 2);
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
