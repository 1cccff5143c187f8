// Where Cisco's public sources disagree or are silent, every reading, as data that tests loop over.
import { sampleIds } from './notification-samples';

export { notificationSamples, sampleIds, type NotificationSample } from './notification-samples';

/** The spec documents PUT /v1/agents/logout; Cisco's SDK sends POST. The sandbox serves both. */
export const logoutMethods = ['PUT', 'POST'] as const;

/** One way a service might answer; `body` is parsed JSON, a string for text/plain, or absent. */
export interface ResponseVariant<Body = unknown> {
  name: string;
  status: number;
  /** `undefined` when the response has no body, and so no content type. */
  contentType?: 'application/json' | 'text/plain';
  headers?: Record<string, string>;
  body?: Body;
}

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
    headers: { TrackingID: 'ROUTER_0A1B2C3D-0000-0000-0000-000000000001' },
    body: {
      message: 'The refresh token provided is expired, revoked, malformed, or invalid.',
      errors: [
        { description: 'The refresh token provided is expired, revoked, malformed, or invalid.' },
      ],
      trackingId: 'ROUTER_0A1B2C3D-0000-0000-0000-000000000001',
    },
  },
];

/** The agents API answers these; its spec documents none of their bodies. */
export const agentErrorStatuses = [400, 401, 403, 500, 503] as const;

const trackingId = 'ccapi_0a1b2c3d-0000-4000-8000-000000000002';

/**
 * Error bodies for /v1/agents/* at any of `agentErrorStatuses`. The SDK reads `errorType` (task errors
 * also carry `errorMessage` and `reasonCode`); Webex's common envelope is just as plausible; a gateway
 * may answer with nothing or with plain text. The `TrackingID` header is the one dependable clue.
 */
export const agentErrorBodies: readonly ResponseVariant[] = [
  {
    name: 'errorType (what the SDK reads)',
    status: 400,
    contentType: 'application/json',
    headers: { TrackingID: trackingId },
    body: { errorType: 'Bad Request', trackingId },
  },
  {
    name: 'errorType with errorMessage and reasonCode (task-error style)',
    status: 400,
    contentType: 'application/json',
    headers: { TrackingID: trackingId },
    body: {
      errorType: 'Bad Request',
      errorMessage: 'dialNumber is invalid',
      reasonCode: 1002,
      trackingId,
    },
  },
  {
    name: 'Webex envelope',
    status: 401,
    contentType: 'application/json',
    headers: { TrackingID: trackingId },
    body: { message: 'Unauthorized', errors: [{ description: 'Token is invalid' }], trackingId },
  },
  { name: 'empty body', status: 503, headers: { TrackingID: trackingId } },
  {
    name: 'text/plain from a gateway',
    status: 500,
    contentType: 'text/plain',
    body: 'Internal Server Error',
  },
];

/**
 * Configuration API errors are documented (`ApiErrorResponse`); the spec's own examples add
 * `reason`, `code`, `entity` and `references`, which its schema does not list.
 */
export const configErrorBodies: readonly ResponseVariant[] = [401, 403, 404, 429, 500].flatMap(
  (status) => [
    {
      name: `${status} as the schema lists it`,
      status,
      contentType: 'application/json' as const,
      body: {
        trackingId: `ccconfig_${trackingId}`,
        error: { key: String(status), message: [{ description: 'Sample error' }] },
      },
    },
    {
      name: `${status} as the spec's example shows it`,
      status,
      contentType: 'application/json' as const,
      body: {
        trackingId: `ccconfig_${trackingId}`,
        error: {
          key: String(status),
          reason: 'Sample reason',
          message: [
            {
              description: 'Sample error',
              code: String(status),
              entity: 'cc_user',
              references: [],
            },
          ],
        },
      },
    },
  ],
);

/** The three login shapes CONTRACT.md names; all are valid against the spec. */
export const loginBodies = [
  {
    name: 'AGENT_DN',
    body: {
      dialNumber: sampleIds.dialNumber,
      teamId: sampleIds.teamId,
      isExtension: false,
      roles: ['agent'],
      deviceType: 'AGENT_DN',
      deviceId: sampleIds.dialNumber,
    },
  },
  {
    name: 'EXTENSION',
    body: {
      dialNumber: '1001',
      teamId: sampleIds.teamId,
      isExtension: true,
      roles: ['agent'],
      deviceType: 'EXTENSION',
      deviceId: '1001',
    },
  },
  {
    name: 'BROWSER',
    body: {
      dialNumber: `webrtc-${sampleIds.agentId}`,
      teamId: sampleIds.teamId,
      isExtension: false,
      roles: ['agent'],
      deviceType: 'BROWSER',
      deviceId: `webrtc-${sampleIds.agentId}`,
    },
  },
] as const;
