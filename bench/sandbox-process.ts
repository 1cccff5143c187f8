// The sandbox as a process of its own for benchmarks, so the desktop's memory is measured alone.
// Env: BENCH_REDIRECT_URI (the desktop's /oauth; several, comma-separated), BENCH_SANDBOX_AGENTS (how many sample agents).
import { startSandbox } from 'wxcc-sandbox';
import { BENCH_CLIENT } from './bench-client';
import { seedWithAgents } from 'wxcc-sandbox/testing/seed-many';

const agents = Number(process.env.BENCH_SANDBOX_AGENTS ?? 4);
const seed = seedWithAgents(agents);
const sandbox = await startSandbox({
  host: '127.0.0.1',
  port: 0,
  eventDelayMs: 0,
  seed,
  clients: [{ ...BENCH_CLIENT, redirectUris: (process.env.BENCH_REDIRECT_URI ?? '').split(',') }],
});
// The parent reads the address and the agents' ids from this first line.
console.log(JSON.stringify({ url: sandbox.url, agentIds: seed.agents.map((a) => a.id) }));
process.once('SIGTERM', () => void sandbox.close().then(() => process.exit(0)));
