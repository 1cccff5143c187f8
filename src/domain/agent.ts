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

export type DeviceType = 'AGENT_DN' | 'EXTENSION' | 'BROWSER';
