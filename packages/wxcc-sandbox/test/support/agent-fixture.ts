// Test helper for the agents API: a sandbox with a token per agent, sockets, and a clean slate per test.
import { after, afterEach, before } from 'node:test';
import type { RunningSandbox } from '../../src';
import { call, control, openAgentSocket, wxcc, type EventSocket } from './sandbox-client';
import { AGENTS, obtainTokens, startTestSandbox } from './sandbox-oauth';

export const [alice, bruno, chiara] = AGENTS as [
  (typeof AGENTS)[0],
  (typeof AGENTS)[0],
  (typeof AGENTS)[0],
];

export class AgentFixture {
  private readonly sockets: EventSocket[] = [];
  private running?: { sandbox: RunningSandbox; tokens: Record<string, string> };

  /**
   * Inside a describe(): one sandbox for the suite, started before its first test and closed after
   * its last, with no station, interaction or socket left over between tests.
   */
  static forSuite(): AgentFixture {
    const fx = new AgentFixture();
    before(() => fx.start());
    afterEach(() => fx.reset());
    after(() => fx.sandbox.close());
    return fx;
  }

  private async start(): Promise<void> {
    const sandbox = await startTestSandbox();
    const tokens: Record<string, string> = {};
    for (const agent of AGENTS) {
      tokens[agent.id] = (await obtainTokens(sandbox, { agentId: agent.id })).access_token;
    }
    this.running = { sandbox, tokens };
  }

  private get started() {
    if (!this.running) throw new Error('the suite’s sandbox has not started yet');
    return this.running;
  }

  get sandbox(): RunningSandbox {
    return this.started.sandbox;
  }

  /** An access token (all scopes) per agent id; a test may replace one it has spoilt. */
  get tokens(): Record<string, string> {
    return this.started.tokens;
  }

  async listen(agentId: string): Promise<EventSocket> {
    const socket = await openAgentSocket(this.sandbox, this.tokens[agentId]!);
    this.sockets.push(socket);
    return socket;
  }

  agents(agentId: string, method: string, path: string, body?: unknown) {
    const token = this.tokens[agentId];
    return call(wxcc(this.sandbox, `/v1/agents${path}`), { method, token, body });
  }

  login(agentId: string, overrides: Record<string, unknown> = {}) {
    return this.agents(agentId, 'POST', '/login', {
      dialNumber: '+14155550199',
      teamId: AGENTS.find((a) => a.id === agentId)!.teamIds[0],
      isExtension: false,
      deviceType: 'AGENT_DN',
      deviceId: '+14155550199',
      roles: ['agent'],
      ...overrides,
    });
  }

  /** Between tests: no interaction, nobody logged in, no socket open. */
  async reset(): Promise<void> {
    for (const agent of AGENTS) {
      await control(this.sandbox, 'POST', `/agents/${agent.id}/interaction`, { active: false });
      await control(this.sandbox, 'POST', `/agents/${agent.id}/logout`);
    }
    this.sockets.splice(0).forEach((s) => s.close());
  }
}
