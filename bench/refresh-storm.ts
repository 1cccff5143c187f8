// 100 concurrent requests of one session meeting an expired token: how many refreshes run.
import { HttpBrowser, formFields } from '../test/helpers/http-browser';
import { connect, startStack, submit } from '../test/helpers/stack';

export async function benchRefreshStorm(concurrent = 100) {
  const stack = await startStack({ env: { LOG_LEVEL: 'warn' } });
  try {
    const browser = new HttpBrowser();
    const station = await connect(browser, stack);
    const page = await submit(browser, station, /\/station\/login/, { dialNumber: '+14155550198' });
    const { action, fields } = formFields(page.text, /\/station\/state/, 'Go Idle');
    // WxCC now refuses the token; every one of the 100 state changes meets a 401 at once.
    await stack.control.expireTokens();
    await stack.control.clearRequests();
    const answers = await Promise.all(
      Array.from({ length: concurrent }, () =>
        browser.post(new URL(action, page.url).toString(), fields),
      ),
    );
    const calls = await stack.control.requests();
    const retried = calls.filter((c) => c.target === 'state' && c.status === 202);
    return {
      requests: concurrent,
      redirected: answers.filter((a) => a.status === 303).length,
      refreshes: calls.filter((c) => c.target === 'token').length,
      stateCallsAccepted: retried.length,
      distinctTokensOnRetry: new Set(retried.map((c) => c.bearer)).size,
    };
  } finally {
    await stack.close();
  }
}
