// Where a running desktop's garbage comes from: V8's sampling heap profiler, started inside the
// process some seconds after it starts and stopped some seconds later, keeping the objects every
// collection freed (a plain `--heap-prof` keeps only those still alive at exit, and what a busy
// process frees is what its collector pays for). Loaded by the benchmarks' desktop with
//
//   BENCH_DESKTOP_ARGS="--import ./bench/alloc-profile.mjs?after=30&for=30&out=/tmp/a.heapprofile"
//
// (seconds; the query is read from this module's own URL, since the benches give the desktop a
// fixed environment). Open the file in Chrome's DevTools (Memory tab) or sum it by function.
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';

const query = new URL(import.meta.url).searchParams;
/** A whole or decimal number in [min, max] (the default when the query has none), or a refusal. */
function numberOf(name, fallback, { min, max, whole = false }) {
  const text = query.get(name);
  const value = text === null ? fallback : text.trim() === '' ? NaN : Number(text);
  if (!Number.isFinite(value) || value < min || value > max || (whole && !Number.isInteger(value)))
    throw new Error(
      `alloc-profile: ${name} must be ${whole ? 'a whole number' : 'a number'} from ${min} to ${max}`,
    );
  return value;
}
// setTimeout's longest wait, in seconds: a longer one would fire at once.
const LONGEST = 2_147_483;
const after = numberOf('after', 30, { min: 0, max: LONGEST });
const lasting = numberOf('for', 30, { min: 0, max: LONGEST });
// Bytes allocated, on average, between two samples: small enough for a minute's profile to name
// every site worth a percent, large enough not to slow the process measurably.
const interval = numberOf('interval', 8192, { min: 1, max: 2 ** 30, whole: true });
const out = query.get('out') || `alloc-${process.pid}.heapprofile`;

const session = new Session();
session.connect();
const post = (method, params = {}) =>
  new Promise((resolve, reject) =>
    session.post(method, params, (err, result) => (err ? reject(err) : resolve(result))),
  );

async function profile() {
  await post('HeapProfiler.enable');
  await post('HeapProfiler.startSampling', {
    samplingInterval: interval,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: true,
  });
  await new Promise((resolve) => setTimeout(resolve, lasting * 1000).unref());
  const { profile: taken } = await post('HeapProfiler.stopSampling');
  writeFileSync(out, JSON.stringify(taken));
}

// Unref'd: a desktop that stops before the profile is taken is not kept alive by it (and leaves
// no file).
setTimeout(() => {
  profile().catch((err) => process.stderr.write(`alloc-profile: ${String(err)}\n`));
}, after * 1000).unref();
