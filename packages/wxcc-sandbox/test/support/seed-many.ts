// A sandbox seed with many agents, for load benchmarks (the default seed has four).
import { randomUUID } from 'node:crypto';
import { defaultSeed, type SandboxSeed } from '../../src/seed';

export function seedWithAgents(count: number): SandboxSeed {
  const template = defaultSeed.agents[0]!;
  const agents = Array.from({ length: count }, (_, i) => ({
    ...template,
    id: randomUUID(),
    userId: randomUUID(),
    firstName: 'Bench',
    lastName: `Agent ${i}`,
    email: `bench.agent.${i}@sandbox.example.com`,
    defaultDialNumber: `+1415600${String(i).padStart(4, '0')}`,
  }));
  return { ...defaultSeed, agents };
}
