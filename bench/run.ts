// `npm run bench [page|sse|refresh|agents|fanout|stores|records|contacts]`: page speed next to bare Express, live-update
// latency, refresh storm, a shift-start storm of many agents, and throughput per session store.
import { mkdirSync, writeFileSync } from 'node:fs';
import { benchCluster } from './cluster';
import { benchContacts } from './contacts';
import { benchAgents } from './agents';
import { benchFanout } from './fanout';
import { benchManyAgents } from './many-agents';
import { benchPage } from './page';
import { benchRecords } from './records';
import { benchRefreshStorm } from './refresh-storm';
import { benchSseLatency } from './sse-latency';
import { benchSoak, soakTable } from './soak';

async function main(): Promise<void> {
  const only = process.argv[2];
  const results: Record<string, unknown> = {
    date: new Date().toISOString(),
    node: process.version,
  };
  if (!only || only === 'page') {
    results.page = await benchPage(
      Number(process.env.BENCH_SECONDS ?? 12),
      10,
      Number(process.env.BENCH_ROUNDS ?? 3),
    );
    console.log('requests/s, p50/p99 ms, share of bare Express 5:', results.page);
  }
  if (!only || only === 'sse') {
    results.supervisorChangeToPageEventMs = await benchSseLatency(200);
    console.log('supervisor change → page event (ms):', results.supervisorChangeToPageEventMs);
  }
  if (!only || only === 'refresh') {
    results.refreshStorm = await benchRefreshStorm(100);
    console.log('100 concurrent requests, expired token:', results.refreshStorm);
  }
  if (!only || only === 'agents') {
    results.agents = await benchAgents({
      agents: Number(process.env.BENCH_AGENTS ?? 1000),
      concurrency: Number(process.env.BENCH_CONCURRENCY ?? 50),
      addresses: Number(process.env.BENCH_ADDRESSES ?? 1),
      heapSnapshot: process.env.BENCH_HEAP_SNAPSHOT === '1',
      warmupAgents: Number(process.env.BENCH_WARMUP_AGENTS ?? 0),
      desktopRoot: process.env.BENCH_DESKTOP_ROOT || undefined,
      floor: process.env.BENCH_FLOOR !== '0',
      desktopArgs: process.env.BENCH_DESKTOP_ARGS?.split(' ').filter(Boolean),
      desktopEnv: Object.fromEntries(
        (process.env.BENCH_DESKTOP_ENV ?? '')
          .split(' ')
          .filter((pair) => pair.includes('='))
          .map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]),
      ),
    });
    console.log('shift-start storm, desktop alone in its process:', results.agents);
  }
  if (!only || only === 'fanout') {
    results.fanout = await benchFanout({
      agents: Number(process.env.BENCH_AGENTS ?? 1000),
      rate: Number(process.env.BENCH_FANOUT_RATE ?? 100),
      seconds: Number(process.env.BENCH_SECONDS ?? 30),
      desktopArgs: process.env.BENCH_DESKTOP_ARGS?.split(' ').filter(Boolean),
      dayContacts: Number(process.env.BENCH_DAY_CONTACTS ?? 0),
      desktopRoot: process.env.BENCH_DESKTOP_ROOT || undefined,
    });
    console.log('live fan-out under load:', results.fanout);
  }
  if (!only || only === 'stores') {
    for (const kind of ['sqlite', 'redis'] as const) {
      const r = await benchManyAgents(kind, Number(process.env.BENCH_AGENTS ?? 1000));
      results[`agents_${kind}`] = r;
      console.log(`${r.agents} agents, ${kind} store:`, JSON.stringify(r));
    }
  }
  // Not part of the default run: two instances and Redis; `npm run bench -- cluster`.
  if (only === 'cluster') {
    results.cluster = await benchCluster(Number(process.env.BENCH_AGENTS ?? 1000));
    console.log(
      'two instances behind a round-robin proxy:',
      JSON.stringify(results.cluster, null, 2),
    );
  }
  // Not part of the default run (10 minutes): `npm run bench -- soak`; fails unless flat and clean.
  if (only === 'soak') {
    const soak = await benchSoak({
      agents: Number(process.env.BENCH_AGENTS ?? 1000),
      minutes: Number(process.env.BENCH_MINUTES ?? 10),
      cycleSeconds: Number(process.env.BENCH_CYCLE_SECONDS ?? 120),
      heapSnapshotMinutes: process.env.BENCH_HEAP_SNAPSHOT_AT?.split(',').map(Number),
      desktopArgs: process.env.BENCH_DESKTOP_ARGS?.split(' ').filter(Boolean),
    });
    results.soak = soak;
    console.log(`${soakTable(soak.perMinute)}\n${soak.verdict.why}`);
    process.exitCode = soak.verdict.pass ? 0 : 1;
  }
  if (!only || only === 'records') {
    results.records = await benchRecords();
    console.log('one sealed record in SQLite, µs (seal and open included):');
    console.table(
      (results.records as Awaited<ReturnType<typeof benchRecords>>).bySize.map((r) => ({
        contacts: r.contacts,
        kB: Math.round(r.sealedBytes / 1000),
        get: r.now.getMicros,
        set: r.now.setMicros,
        'get, WITHOUT ROWID': r.earlier.getMicros,
        'set, WITHOUT ROWID': r.earlier.setMicros,
      })),
    );
  }
  if (!only || only === 'contacts') {
    results.contacts = await benchContacts(200);
    console.log('contacts (ms):', JSON.stringify(results.contacts));
  }
  mkdirSync('test-results', { recursive: true });
  writeFileSync('test-results/bench.json', `${JSON.stringify(results, null, 2)}\n`);
  console.log('written to test-results/bench.json');
}

// Every figure is written: the run ends now. Whatever a benchmark left open (a keep-alive socket
// of fetch's pool, a child still stopping) must not keep the terminal waiting after the report.
main().then(
  () => process.exit(),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
