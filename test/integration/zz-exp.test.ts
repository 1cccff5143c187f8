import { it } from 'node:test';
import { HttpBrowser } from '../helpers/http-browser';
import { connect, startStack, submit } from '../helpers/stack';
it('exp', async () => {
  const stack = await startStack();
  const browser = new HttpBrowser();
  const station = await connect(browser, stack);
  for (const f of [{ kind: 'rate_limit', retryAfterSec: 7 }, { kind: 'malformed' }, { kind: 'reset' }]) {
    const mark = stack.logs.length;
    await stack.control.fault({ target: 'login', ...f });
    const page = await submit(browser, station, /\/station\/login/, { dialNumber: '+14155550140' });
    console.log(page.text.match(/notice[\s\S]*?<\/div>/)?.[0]);
    console.log(stack.logs.slice(mark).filter((l) => JSON.parse(l).level >= 40).join(''));
  }
  console.log(JSON.stringify(await stack.control.agents(), null, 1).slice(0, 1500));
  await stack.close();
});
