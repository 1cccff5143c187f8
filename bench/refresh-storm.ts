// 100 concurrent requests of one session meeting an expired token: how many refreshes run.
import { HttpBrowser } from '../test/helpers/http-browser';
import { connect, startStack } from '../test/helpers/stack';

export async function benchRefreshStorm(concurrent = 100) {
  const stack = await startStack({ env: { LOG_LEVEL: 'warn' } });
  try {
    const browser = new HttpBrowser();
    await connect(browser, stack);
    await browser.get(`${stack.url}/`);
    await stack.control.expireTokens();
    await stack.control.clearRequests();
    const pages = await Promise.all(
      Array.from({ length: concurrent }, () => browser.get(`${stack.url}/`)),
    );
    const calls = await stack.control.requests();
    return {
      requests: concurrent,
      ok: pages.filter((p) => p.status === 200 && /Log in to your station/.test(p.text)).length,
      refreshes: calls.filter((c) => c.target === 'token').length,
    };
  } finally {
    await stack.close();
  }
}
