// The one place that speaks HTTP to Webex identity and Webex Contact Center.
import type { AxiosInstance } from 'axios';
import { configApiCalls } from './wxcc-configuration/api';
import { createHttp, httpCall, type HttpResult, type UpstreamLog } from './http-call';
import { tasksApiCalls } from './tasks-api';
import { callbacksApiCalls } from './callbacks-api';
import {
  parsePerson,
  parseSubscription,
  parseTokenResponse,
  type LoginRequest,
  type Person,
  type Subscription,
  type TokenSet,
} from './webex-types';

export interface WebexClientOptions {
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  scopes: readonly string[];
  webexApiBase: string;
  wxccApiBase: string;
  timeoutMs: number;
  log?: UpstreamLog;
  now?: () => number;
}

export interface StateChangeRequest {
  state: 'Available' | 'Idle';
  auxCodeId: string;
  lastStateChangeReason?: string;
  agentId: string;
}

/** Our own notification client type (at most 20 characters): not Cisco Desktop's, not the SDK's. */
export const CLIENT_TYPE = 'SrvAgentDesktop';

const WEBEX = 'Webex';
const WXCC = 'Webex Contact Center';

export type WebexClient = ReturnType<typeof createWebexClient>;

export function createWebexClient(options: WebexClientOptions) {
  const http: AxiosInstance = createHttp(options.timeoutMs);
  const log: UpstreamLog = options.log ?? (() => undefined);
  const now = options.now ?? Date.now;
  const call = (o: Parameters<typeof httpCall>[1]): Promise<HttpResult> => httpCall(http, o, log);
  const wxcc = (path: string) => `${options.wxccApiBase}${path}`;

  /** The token endpoint: form-encoded, client credentials in the body, as Webex documents. */
  async function tokenRequest(grant: Record<string, string>): Promise<unknown> {
    const { body } = await call({
      method: 'POST',
      url: `${options.webexApiBase}/access_token`,
      service: WEBEX,
      form: { client_id: options.clientId, client_secret: options.clientSecret, ...grant },
      expect: [200],
    });
    return body;
  }

  return {
    ...configApiCalls(call, options.wxccApiBase),
    ...tasksApiCalls(call, options.wxccApiBase),
    ...callbacksApiCalls(call, options.wxccApiBase),

    /** Where the browser goes to sign in; `state` and the PKCE challenge are fresh per attempt. */
    authorizeUrl(state: string, codeChallenge: string): string {
      const url = new URL(`${options.webexApiBase}/authorize`);
      url.search = new URLSearchParams({
        client_id: options.clientId,
        response_type: 'code',
        redirect_uri: options.redirectUri,
        scope: options.scopes.join(' '),
        state,
        code_challenge: codeChallenge,
        code_challenge_method: 'S256',
      }).toString();
      return url.toString();
    },

    async exchangeCode(code: string, codeVerifier: string): Promise<TokenSet> {
      const body = await tokenRequest({
        grant_type: 'authorization_code',
        code,
        redirect_uri: options.redirectUri,
        code_verifier: codeVerifier,
      });
      return parseTokenResponse(body, now());
    },

    async refreshTokens(previous: TokenSet): Promise<TokenSet> {
      const body = await tokenRequest({
        grant_type: 'refresh_token',
        refresh_token: previous.refreshToken,
      });
      return parseTokenResponse(body, now(), previous);
    },

    async getMe(accessToken: string): Promise<Person> {
      const { body } = await call({
        method: 'GET',
        url: `${options.webexApiBase}/people/me`,
        service: WEBEX,
        bearer: accessToken,
        expect: [200],
        idempotent: true,
      });
      return parsePerson(body);
    },

    async loginAgent(accessToken: string, request: LoginRequest): Promise<HttpResult> {
      return call({
        method: 'POST',
        url: wxcc('/v1/agents/login'),
        service: WXCC,
        bearer: accessToken,
        json: request,
        expect: [200, 202],
      });
    },

    /**
     * The spec says PUT, but Cisco's SDK, desktop sample and Postman collection all POST: the only
     * method proven in production (REAL-TENANTS.md finding 2), so the desktop POSTs too.
     */
    async logoutAgent(accessToken: string, agentId: string, reason: string): Promise<HttpResult> {
      return call({
        method: 'POST',
        url: wxcc('/v1/agents/logout'),
        service: WXCC,
        bearer: accessToken,
        json: { logoutReason: reason, agentId },
        expect: [200, 202],
      });
    },

    async setAgentState(accessToken: string, request: StateChangeRequest): Promise<HttpResult> {
      return call({
        method: 'PUT',
        url: wxcc('/v1/agents/session/state'),
        service: WXCC,
        bearer: accessToken,
        json: request,
        expect: [200, 202],
      });
    },

    async reloadAgent(accessToken: string): Promise<HttpResult> {
      return call({
        method: 'POST',
        url: wxcc('/v1/agents/reload'),
        service: WXCC,
        bearer: accessToken,
        expect: [200, 202],
        idempotent: true,
      });
    },

    /**
     * `force` drops this desktop's own older connections (same clientType): used for reconnects
     * and for taking the session back. The client type is our own, so Cisco's Agent Desktop
     * ('AgentDesktop') and SDK apps ('WebexCCSDK') are never dropped by it, only told.
     */
    async subscribe(accessToken: string, force: boolean): Promise<Subscription> {
      const { body } = await call({
        method: 'POST',
        url: wxcc('/v1/notification/subscribe'),
        service: WXCC,
        bearer: accessToken,
        json: {
          isKeepAliveEnabled: true,
          clientType: CLIENT_TYPE,
          allowMultiLogin: false,
          force,
        },
        expect: [200],
        idempotent: true,
      });
      return parseSubscription(body);
    },
  };
}
