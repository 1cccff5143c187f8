// Shapes the app reads from Webex and WxCC, and the zod schemas that turn untrusted JSON into them.
import * as z from 'zod';
import type { DeviceType, Person, TokenSet } from '../domain/agent';
import { malformed, numeric, optionalNumber, optionalText, parseUpstream } from './upstream-schema';

export type { DeviceType, Person, TokenSet };

export interface LoginRequest {
  dialNumber: string;
  teamId: string;
  deviceType: DeviceType;
  isExtension: boolean;
  deviceId: string;
  roles: ['agent'];
}

export interface Subscription {
  webSocketUrl: string;
  subscriptionId: string;
}

const WEBEX = 'Webex';
const text = z.string().min(1);

/** The token endpoint's answer (CONTRACT.md): the refresh token may be left out on a refresh. */
const tokenAnswer = z.object({
  access_token: text,
  expires_in: numeric.refine((v) => v > 0, 'is not a positive number of seconds'),
  refresh_token: optionalText,
  refresh_token_expires_in: optionalNumber,
});

export function parseTokenResponse(
  body: unknown,
  now: number,
  previous?: TokenSet,
  service = WEBEX,
): TokenSet {
  const token = parseUpstream(tokenAnswer, body, 'token', service);
  // Webex usually repeats the same refresh token, but a new one must replace the old.
  const refreshToken = token.refresh_token ?? previous?.refreshToken;
  if (refreshToken === undefined) throw malformed('token.refresh_token is missing', service);
  const refreshIn = token.refresh_token_expires_in;
  return {
    accessToken: token.access_token,
    accessTokenExpiresAt: now + token.expires_in * 1000,
    refreshToken,
    refreshTokenExpiresAt:
      refreshIn !== undefined
        ? now + refreshIn * 1000
        : (previous?.refreshTokenExpiresAt ?? now + 60 * 24 * 3600 * 1000),
  };
}

const UUID = /^[0-9a-f-]{36}$/i;

/** Webex ids are base64 of `ciscospark://us/KIND/<uuid>`; WxCC wants the bare uuid. */
const webexId = text.transform((id, ctx) => {
  if (UUID.test(id)) return id;
  const uuid = Buffer.from(id, 'base64').toString('utf8').split('/').pop() ?? '';
  if (UUID.test(uuid)) return uuid;
  ctx.addIssue({ code: 'custom', message: 'is not a Webex id' });
  return z.NEVER;
});

/** `GET /people/me`: Webex sends many more fields (firstName, avatar…); only these are read. */
const personAnswer = z.object({
  id: text,
  orgId: webexId,
  emails: z.array(z.string()).nullish(),
  displayName: optionalText,
});

export function parsePerson(body: unknown): Person {
  const person = parseUpstream(personAnswer, body, 'person', WEBEX);
  const agentId = parseUpstream(webexId, person.id, 'person.id', WEBEX);
  const email = person.emails?.[0] || undefined;
  return {
    personId: person.id,
    agentId,
    orgId: person.orgId,
    displayName: person.displayName ?? email ?? 'Agent',
    email,
  };
}

const subscriptionAnswer = z.object({ webSocketUrl: text, subscriptionId: text });

export function parseSubscription(body: unknown): Subscription {
  return parseUpstream(subscriptionAnswer, body, 'subscription', 'Webex Contact Center');
}
