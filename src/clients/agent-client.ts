// Webex and WxCC calls made for one agent, with no token in sight: `wxcc.forAgent(agentId).x(…)`
// asks the token store for a valid access token, and on a 401 refreshes it and retries once
// (oauth-service.ts `withAccessToken`). Services and use cases never hold a token.
import type { WebexClient } from './webex-client';

/** Every client call whose first parameter is the agent's access token. */
const AGENT_CALLS = [
  // Webex identity
  'getMe',
  // Agent session (station, state, notifications)
  'loginAgent',
  'logoutAgent',
  'setAgentState',
  'reloadAgent',
  'subscribe',
  // Tasks (contacts)
  'acceptTask',
  'holdTask',
  'unholdTask',
  'endTask',
  'wrapUpTask',
  'pauseRecording',
  'resumeRecording',
  'transferTask',
  'consultTask',
  'endConsult',
  'consultTransfer',
  'consultConference',
  'exitConference',
  'conferenceTransfer',
  'startOutdial',
  'requestBuddyList',
  'updateTaskAttributes',
  // Scheduled callbacks
  'scheduleCallback',
  'listScheduledCallbacks',
  'deleteScheduledCallback',
  // Configuration (read)
  'getUser',
  'listAuxCodes',
  'getAgentProfile',
  'getTenantSettings',
  'getOrganization',
  'listTeams',
  'listDialPlans',
  'listQueues',
  'listEntryPoints',
  'listOutdialAni',
  'searchAddressBook',
  'listCadVariables',
] as const satisfies readonly (keyof WebexClient)[];

type AgentCallName = (typeof AGENT_CALLS)[number];

/** A call with its token parameter taken away. */
type WithoutToken<F> = F extends (token: string, ...args: infer A) => infer R
  ? (...args: A) => R
  : never;

export type AgentCalls = { [K in AgentCallName]: WithoutToken<WebexClient[K]> };

export interface AgentClients {
  forAgent(agentId: string): AgentCalls;
}

export interface TokenSource {
  withAccessToken<T>(agentId: string, call: (token: string) => Promise<T>): Promise<T>;
}

export function createAgentClients(client: WebexClient, tokens: TokenSource): AgentClients {
  return {
    forAgent(agentId) {
      const calls: Partial<Record<AgentCallName, unknown>> = {};
      for (const name of AGENT_CALLS) {
        const call = client[name] as (token: string, ...args: unknown[]) => Promise<unknown>;
        calls[name] = (...args: unknown[]) =>
          tokens.withAccessToken(agentId, (token) => call(token, ...args));
      }
      return calls as AgentCalls;
    },
  };
}
