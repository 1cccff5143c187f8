// Shapes the app reads from Webex and WxCC, and the checks that turn untrusted JSON into them.
import type { DeviceType, Person, TokenSet } from '../domain/agent';
import { AppError } from '../errors';

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

type Json = Record<string, unknown>;

export function asRecord(value: unknown, what: string, service: string): Json {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw malformed(`${what} is not an object`, service);
  }
  return value as Json;
}

export function requireString(record: Json, key: string, what: string, service: string): string {
  const value = record[key];
  if (typeof value !== 'string' || value === '') throw malformed(`${what}.${key} missing`, service);
  return value;
}

function requireSeconds(record: Json, key: string, service: string): number {
  const value = Number(record[key]);
  if (!Number.isFinite(value) || value <= 0) throw malformed(`token.${key} missing`, service);
  return value;
}

export function malformed(detail: string, service: string): AppError {
  return new AppError(
    'upstream_malformed',
    `${service} sent an answer the desktop could not read. Please try again.`,
    { cause: new Error(detail) },
  );
}

export function parseTokenResponse(
  body: unknown,
  now: number,
  previous?: TokenSet,
  service = 'Webex',
): TokenSet {
  const record = asRecord(body, 'token', service);
  const accessToken = requireString(record, 'access_token', 'token', service);
  const expiresIn = requireSeconds(record, 'expires_in', service);
  // Webex usually repeats the same refresh token, but a new one must replace the old.
  const refreshToken =
    typeof record.refresh_token === 'string' && record.refresh_token !== ''
      ? record.refresh_token
      : previous?.refreshToken;
  if (refreshToken === undefined) throw malformed('token.refresh_token missing', service);
  const refreshExpiresIn = Number(record.refresh_token_expires_in);
  return {
    accessToken,
    accessTokenExpiresAt: now + expiresIn * 1000,
    refreshToken,
    refreshTokenExpiresAt: Number.isFinite(refreshExpiresIn)
      ? now + refreshExpiresIn * 1000
      : (previous?.refreshTokenExpiresAt ?? now + 60 * 24 * 3600 * 1000),
  };
}

/** Webex ids are base64 of `ciscospark://us/KIND/<uuid>`; WxCC wants the bare uuid. */
export function bareUuid(id: string): string {
  if (/^[0-9a-f-]{36}$/i.test(id)) return id;
  const decoded = Buffer.from(id, 'base64').toString('utf8');
  const uuid = decoded.split('/').pop() ?? '';
  if (!/^[0-9a-f-]{36}$/i.test(uuid)) throw malformed('id is not a Webex id', 'Webex');
  return uuid;
}

export function parsePerson(body: unknown): Person {
  const record = asRecord(body, 'person', 'Webex');
  const personId = requireString(record, 'id', 'person', 'Webex');
  const orgId = requireString(record, 'orgId', 'person', 'Webex');
  const emails = Array.isArray(record.emails) ? record.emails : [];
  const email = typeof emails[0] === 'string' ? emails[0] : undefined;
  const displayName =
    typeof record.displayName === 'string' && record.displayName !== ''
      ? record.displayName
      : (email ?? 'Agent');
  return { personId, agentId: bareUuid(personId), orgId: bareUuid(orgId), displayName, email };
}

export function parseSubscription(body: unknown): Subscription {
  const service = 'Webex Contact Center';
  const record = asRecord(body, 'subscription', service);
  return {
    webSocketUrl: requireString(record, 'webSocketUrl', 'subscription', service),
    subscriptionId: requireString(record, 'subscriptionId', 'subscription', service),
  };
}
