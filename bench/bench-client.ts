// The OAuth integration the benchmark desktop uses at its sandbox.
export const BENCH_CLIENT = {
  clientId: 'bench-desktop',
  clientSecret: 'bench-secret-bench-secret',
  name: 'WxCC Agent Desktop (benchmark)',
};
