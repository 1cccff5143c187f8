// The sandbox's team list: each team names exactly its agents, however many agents there are.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { seedWithAgents } from './support/seed-many';
import { teamDto, teamMembers } from '../src/configuration/config-dto';
import { defaultSeed } from '../src/seed';
import { SandboxState } from '../src/state';

describe('sandbox team members', () => {
  for (const [name, seed] of [
    ['the default seed', defaultSeed],
    ['3,000 agents', seedWithAgents(3000)],
  ] as const) {
    it(`when ${name} is listed, then every team's userIds are its agents' user ids, in seed order`, () => {
      const members = teamMembers(seed);
      for (const team of seed.teams) {
        const expected = seed.agents
          .filter((a) => a.teamIds.includes(team.id))
          .map((a) => a.userId);
        assert.deepEqual(teamDto(seed, team, members).userIds, expected, team.id);
      }
    });
  }

  it('when an agent is looked up by id, then the indexed lookup finds each one and nothing else', () => {
    const seed = seedWithAgents(500);
    const state = new SandboxState(seed);
    for (const agent of seed.agents) assert.equal(state.agent(agent.id), agent);
    assert.equal(state.agent('no-such-agent'), undefined);
  });
});
