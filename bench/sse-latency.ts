// Time from a supervisor's change in the sandbox to the event on the agent's page stream.
import { openEventStream } from '../test/helpers/event-stream';
import { HttpBrowser } from '../test/helpers/http-browser';
import { connect, startStack, submit } from '../test/helpers/stack';
import { summarize } from './stats';

export async function benchSseLatency(changes = 200) {
  const stack = await startStack({ sandbox: { eventDelayMs: 0 }, env: { LOG_LEVEL: 'warn' } });
  try {
    const browser = new HttpBrowser();
    const agentId = (await stack.control.agents())[0]!.id;
    const station = await connect(browser, stack, { agentId });
    await submit(browser, station, /\/station\/login/, { dialNumber: '+14155550199' });
    const stream = await openEventStream(browser, `${stack.url}/events`);
    const idle = (await stack.control.call('GET', '/agents')) as unknown;
    void idle;
    const samples: number[] = [];
    for (let i = 0; i < changes; i += 1) {
      const state = i % 2 === 0 ? 'Available' : 'Idle';
      const seen = stream.events.length;
      const started = performance.now();
      await stack.control.supervisor(agentId, 'state', { state });
      await stream.next(
        (e) => stream.events.indexOf(e) >= seen && e.data.includes(`"subStatus":"${state}"`),
        2000,
      );
      samples.push(performance.now() - started);
    }
    stream.close();
    return summarize(samples);
  } finally {
    await stack.close();
  }
}
