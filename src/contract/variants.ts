// Where Cisco's public sources disagree or are silent, every reading, as data that tests loop over.
// findVariant() says which of them a response is; identity-variants.ts holds the webexapis.com ones.
import { sampleIds } from './notification-samples';
import type { ResponseVariant } from './variant-shapes';

export * from './identity-variants';
export { findVariant, type ResponseVariant } from './variant-shapes';
export { notificationSamples, sampleIds, type NotificationSample } from './notification-samples';

/** The spec documents PUT /v1/agents/logout; Cisco's SDK sends POST. The sandbox serves both. */
export const logoutMethods = ['PUT', 'POST'] as const;

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
 * `reason`, `code`, `entity` and `references`, which its schema does not list. Whether its 429 carries
 * `Retry-After`, as Webex's APIs do, no source says: one reading has it, the other not.
 */
export const configErrorBodies: readonly ResponseVariant[] = [401, 403, 404, 429, 500].flatMap(
  (status) => [
    {
      name: `${status} as the schema lists it`,
      status,
      contentType: 'application/json' as const,
      ...(status === 429 ? { headers: { 'Retry-After': '2' } } : {}),
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
