// In-memory store of one sandbox: consents, codes, tokens, station sessions and subscriptions.
import type { DeviceType, SandboxSeed, SeedAgent, SeedAuxCode, SeedDesktopProfile } from './seed';

export interface PendingConsent {
  id: string;
  clientId: string;
  redirectUri: string;
  scopes: string[];
  state?: string;
  codeChallenge?: string;
  expiresAt: number;
}

export interface AuthCode {
  clientId: string;
  redirectUri: string;
  agentId: string;
  scopes: string[];
  codeChallenge?: string;
  expiresAt: number;
}

export interface AccessGrant {
  clientId: string;
  agentId: string;
  scopes: string[];
  expiresAt: number;
}

export interface RefreshGrant extends AccessGrant {
  revoked: boolean;
}

export interface StationSession {
  agentSessionId: string;
  teamId: string;
  dn: string;
  deviceType: DeviceType;
  deviceId: string;
  isExtension: boolean;
  roles: string[];
  subStatus: 'Idle' | 'Available';
  auxCodeId: string;
  lastStateChangeReason: string;
  lastStateChangeTimestamp: number;
  lastIdleCodeChangeTimestamp: number;
  loginTimestamp: number;
}

export interface Subscription {
  id: string;
  agentId: string;
  clientType: string;
  isKeepAliveEnabled: boolean;
  allowMultiLogin: boolean;
  force: boolean;
  createdAt: number;
  /** A subscription URL opens one socket; a reconnect subscribes again, as with WxCC. */
  connected: boolean;
}

/** Unused consents, codes and subscriptions are forgotten after this long. */
export const SHORT_LIVED_MS = 5 * 60 * 1000;
const PRUNE_EVERY_MS = 1000;

export class SandboxState {
  readonly consents = new Map<string, PendingConsent>();
  readonly codes = new Map<string, AuthCode>();
  readonly accessTokens = new Map<string, AccessGrant>();
  readonly refreshTokens = new Map<string, RefreshGrant>();
  /** Station sessions by agent id: present only while the agent is logged in. */
  readonly sessions = new Map<string, StationSession>();
  /** Open contact ids by agent id, kept current by the contacts simulation (contacts/). */
  readonly interactions = new Map<string, string[]>();
  readonly subscriptions = new Map<string, Subscription>();
  private prunedAt = -Infinity;

  /** Nearly every call looks its agent up: by id, not by a scan of thousands of agents. */
  readonly #agentsById: Map<string, SeedAgent>;

  constructor(readonly seed: SandboxSeed) {
    this.#agentsById = new Map(seed.agents.map((a) => [a.id, a]));
  }

  agent(id: string): SeedAgent | undefined {
    return this.#agentsById.get(id);
  }

  profileOf(agent: SeedAgent): SeedDesktopProfile | undefined {
    return this.seed.desktopProfiles.find((p) => p.id === agent.agentProfileId);
  }

  auxCode(id: string): SeedAuxCode | undefined {
    return this.seed.auxCodes.find((c) => c.id === id);
  }

  /** The org's default idle code: what a freshly logged-in agent is Idle with. */
  defaultIdleCode(): SeedAuxCode | undefined {
    const idle = this.seed.auxCodes.filter((c) => c.workTypeCode === 'IDLE_CODE' && c.active);
    return idle.find((c) => c.defaultCode && !c.isSystemCode) ?? idle.find((c) => !c.isSystemCode);
  }

  interactionIds(agentId: string): string[] {
    return [...(this.interactions.get(agentId) ?? [])];
  }

  /**
   * Drops expired short-lived entries so a long-running sandbox does not grow without bound. At
   * most once a second: it reads every token and subscription, and ran at every sign-in (a
   * 5,000-agent shift start spent a twentieth of the sandbox's time here).
   */
  prune(now: number): void {
    if (now - this.prunedAt < PRUNE_EVERY_MS && now >= this.prunedAt) return;
    this.prunedAt = now;
    for (const [id, consent] of this.consents)
      if (consent.expiresAt < now) this.consents.delete(id);
    for (const [code, grant] of this.codes) if (grant.expiresAt < now) this.codes.delete(code);
    for (const [id, sub] of this.subscriptions) {
      if (!sub.connected && sub.createdAt + SHORT_LIVED_MS < now) this.subscriptions.delete(id);
    }
    for (const [token, grant] of this.accessTokens) {
      if (grant.expiresAt + SHORT_LIVED_MS < now) this.accessTokens.delete(token);
    }
  }
}
