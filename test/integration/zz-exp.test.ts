import { it } from 'node:test';
import { HttpBrowser } from '../helpers/http-browser';
import { connect, startStack, submit } from '../helpers/stack';
it('exp', async () => {
  const stack = await startStack({ sandbox: { eventDelayMs: 300 } });
  const agentId = (await stack.control.agents())[0]!.id;
  for (let i = 0; i < 3; i++) {
  const browser = new HttpBrowser();
  const station = await connect(browser, stack, { agentId });
  const loggedIn = await submit(browser, station, /\/station\/login/, { dialNumber: '+14155550399' });
  await stack.control.clearRequests();
  await stack.control.supervisor(agentId, 'drop-websocket');
  const t = Date.now();
  const page = await submit(browser, loggedIn, /\/station\/state/, {}, 'Go Available');
  console.log(Date.now() - t, page.text.match(/notice-[a-z]+">\s*<p>([^<]*)/)?.[1]);
  await new Promise((r) => setTimeout(r, 1500));
  console.log((await stack.control.requests()).map((r) => `${r.at - t} ${r.method} ${r.target} ${r.status}`).join('\n'));
  await submit(browser, await browser.get(`${stack.url}/`), /\/station\/logout/);
  }
  await stack.close();
});
