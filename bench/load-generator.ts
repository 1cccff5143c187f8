// A small HTTP load generator, run in its own process so it does not share an event loop with
// the server it measures: N keep-alive connections, each sending its next request on the answer.
import http from 'node:http';
import { percentile, round } from './stats';

export interface LoadOptions {
  url: string;
  connections: number;
  durationSec: number;
  headers?: Record<string, string>;
  /** Answers with another status count as errors. */
  expectStatus?: number;
}

export interface LoadResult {
  requests: number;
  /** Requests of the one-second warm-up before measuring (the server's CPU time includes them). */
  warmup: number;
  errors: number;
  rps: number;
  p50: number;
  p99: number;
}

function once(agent: http.Agent, options: LoadOptions): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.get(options.url, { agent, headers: options.headers }, (res) => {
      res.resume();
      res.once('end', () => resolve(res.statusCode ?? 0));
      res.once('error', reject);
    });
    req.once('error', reject);
  });
}

async function generateLoad(options: LoadOptions): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.connections });
  const expected = options.expectStatus ?? 200;
  const latencies: number[] = [];
  let errors = 0;
  const warmupEnds = performance.now() + 1000;
  let warmup = 0;
  for (; performance.now() < warmupEnds; warmup += 1) await once(agent, options).catch(() => 0);
  const started = performance.now();
  const deadline = started + options.durationSec * 1000;
  await Promise.all(
    Array.from({ length: options.connections }, async () => {
      while (performance.now() < deadline) {
        const t = performance.now();
        const status = await once(agent, options).catch(() => 0);
        latencies.push(performance.now() - t);
        if (status !== expected) errors += 1;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    warmup,
    errors,
    rps: round(latencies.length / seconds, 0),
    p50: round(percentile(latencies, 50)),
    p99: round(percentile(latencies, 99)),
  };
}

// Run as a child process only (the parent imports its types alone): options as JSON in argv[2],
// the result as JSON on stdout.
const options = JSON.parse(process.argv[2] ?? '{}') as LoadOptions;
process.stdout.write(`${JSON.stringify(await generateLoad(options))}\n`);
