// Who the agent is, their Webex tokens and their kinds of station: the app's own words, used by every layer.

export interface TokenSet {
  accessToken: string;
  /** Epoch ms. */
  accessTokenExpiresAt: number;
  refreshToken: string;
  /** Epoch ms. */
  refreshTokenExpiresAt: number;
}

export interface Person {
  /** People id as Webex gives it (base64 of ciscospark://us/PEOPLE/<uuid>). */
  personId: string;
  /** The bare people UUID: WxCC's agent id. */
  agentId: string;
  /** The bare organization UUID: WxCC's orgid. */
  orgId: string;
  displayName: string;
  email?: string;
}

/** Enough to act for an agent in the background (configuration reads, jobs): no name, no email. */
export type AgentRef = Pick<Person, 'agentId' | 'orgId'>;

/** Who a use case acts for; a signed-in request's StationContext is one. */
export interface AgentContext {
  agent: AgentRef;
}

export type DeviceType = 'AGENT_DN' | 'EXTENSION' | 'BROWSER';

/** A wrap-up reason (an aux code of work type WRAP_UP) as the agent picks it. */
export interface WrapUpCode {
  id: string;
  name: string;
  isDefault: boolean;
}
