// Webex identity (webexapis.com) where public sources disagree or are silent: token answers, people errors.
import type { ResponseVariant } from './variant-shapes';

export const OAUTH_ERROR_CODES = [
  'invalid_request',
  'invalid_client',
  'invalid_grant',
  'unauthorized_client',
  'unsupported_grant_type',
  'invalid_scope',
] as const;
export type OAuthErrorCode = (typeof OAUTH_ERROR_CODES)[number];

export type TokenErrorBody =
  | { error: OAuthErrorCode; error_description: string }
  | { message: string; errors: { description: string }[]; trackingId: string };

const routerTrackingId = 'ROUTER_0A1B2C3D-0000-0000-0000-000000000001';

/** Webex's common error envelope, which its REST APIs (and perhaps /access_token) answer with. */
const envelope = (message: string) => ({
  message,
  errors: [{ description: message }],
  trackingId: routerTrackingId,
});

/**
 * POST https://webexapis.com/v1/access_token failures. RFC 6749 says `{error, error_description}`;
 * whether webexapis.com wraps that in its usual envelope is not settled by any public source.
 */
export const tokenErrorBodies: readonly ResponseVariant<TokenErrorBody>[] = [
  ...OAUTH_ERROR_CODES.map((code) => ({
    name: `OAuth ${code}`,
    status: 400,
    contentType: 'application/json' as const,
    body: { error: code, error_description: `Sample description for ${code}.` },
  })),
  {
    name: 'Webex envelope',
    status: 400,
    contentType: 'application/json',
    headers: { TrackingID: routerTrackingId },
    body: envelope('The refresh token provided is expired, revoked, malformed, or invalid.'),
  },
];

export interface TokenSuccessBody {
  access_token: string;
  expires_in: number;
  refresh_token: string;
  refresh_token_expires_in: number;
  token_type: 'Bearer';
  scope?: string;
}

/** The refresh token every sample was granted with; a variant that rotates returns another. */
export const GRANTED_REFRESH_TOKEN =
  'NjAwZTc1MmEtMmI4Yi00ZGQ3_P0A1_2f9eecc5-0472-4549-9a83-2afdae0d4ba1';

const tokenSuccess = (fields: Partial<TokenSuccessBody>): TokenSuccessBody => ({
  access_token:
    'ZDI3MGEyYzQtNmFlNS00NDNhLWFlNzAtZGVjNjE0MGU1OGZmZWE5MDc0NGUtNzA2_P0A1_2f9eecc5-0472-4549-9a83-2afdae0d4ba1',
  expires_in: 43199,
  refresh_token: GRANTED_REFRESH_TOKEN,
  refresh_token_expires_in: 5183999,
  token_type: 'Bearer',
  ...fields,
});

/**
 * 200 answers to a refresh. Webex usually returns the same refresh token, its expiry not sliding, but
 * a client must keep a new one when one comes; refresh tokens are said to live 60 or 90 days; no
 * `scope` field is seen, though RFC 6749 allows one.
 */
export const tokenSuccessBodies: readonly ResponseVariant<TokenSuccessBody>[] = [
  { name: 'same refresh token (no rotation)', body: tokenSuccess({}) },
  {
    name: 'new refresh token (rotation)',
    body: tokenSuccess({
      refresh_token: 'OWFkNzQ3ZjctZTYxZC00ODE0_P0A1_2f9eecc5-0472-4549-9a83-2afdae0d4ba1',
    }),
  },
  {
    name: 'same refresh token, nearer its expiry',
    body: tokenSuccess({ refresh_token_expires_in: 86399 }),
  },
  { name: '90-day refresh token', body: tokenSuccess({ refresh_token_expires_in: 7775999 }) },
  {
    name: 'with a scope field',
    body: tokenSuccess({ scope: 'cjp:config_read cjp:user spark:people_read' }),
  },
].map((variant) => ({ ...variant, status: 200, contentType: 'application/json' as const }));

/**
 * Where the browser comes back after the consent page fails or is declined (RFC 6749 §4.1.2.1):
 * `error` always, `error_description` usually, `state` whenever the request had one.
 */
export const authorizeErrorRedirects: readonly { name: string; query: Record<string, string> }[] = [
  {
    name: 'declined, with a description',
    query: {
      error: 'access_denied',
      error_description: 'The user denied access.',
      state: 'sample-state',
    },
  },
  {
    name: 'declined, without a description',
    query: { error: 'access_denied', state: 'sample-state' },
  },
  {
    name: 'scope not allowed for this integration',
    query: {
      error: 'invalid_scope',
      error_description: 'The requested scope is invalid.',
      state: 'sample-state',
    },
  },
  {
    name: 'server error',
    query: {
      error: 'server_error',
      error_description: 'Something went wrong.',
      state: 'sample-state',
    },
  },
];

/**
 * GET https://webexapis.com/v1/people/me failures, in Webex's envelope (the spec documents it for
 * 400 to 504). Webex APIs answer 429 with `Retry-After` in seconds.
 */
export const webexErrorBodies: readonly ResponseVariant[] = [
  ...[401, 403, 404, 500, 503].map((status) => ({
    name: `${status} envelope`,
    status,
    contentType: 'application/json' as const,
    headers: { TrackingID: routerTrackingId },
    body: envelope(`Sample ${status} error`),
  })),
  {
    name: '429 envelope with Retry-After',
    status: 429,
    contentType: 'application/json',
    headers: { TrackingID: routerTrackingId, 'Retry-After': '2' },
    body: envelope('Too many requests'),
  },
];
