// Error bodies in each service's own shape, and the tracking id every response carries.
import type { Response } from 'express';
import type { TrackingKind } from './ids';

/**
 * The four shapes, one per family of endpoints:
 * - OAuth (`/access_token`):  400 `{error, error_description, trackingId}` (RFC 6749 codes).
 * - Webex (`/people/me`):     `{message, errors:[{description}], trackingId}`.
 * - WxCC agents/subscribe:    `{trackingId, errorType, errorMessage, reasonCode, field?}`;
 *   errorType is BAD_REQUEST, UNAUTHORIZED, FORBIDDEN, TOO_MANY_REQUESTS or a server error name.
 *   A 400's errorMessage is `field: problem` (several joined by `; `), as the contract validator
 *   words them, and `field` names the first (`dialNumber`, `roles[0]`, `(body)`). The SDK reads
 *   errorType/errorMessage; variants.ts lists this shape among the documented readings.
 * - WxCC configuration API:   `{trackingId, error:{key, reason, message:[{description}]}}`.
 */
export type ErrorFamily = 'oauth' | 'webex' | 'agents' | 'config';

export interface SandboxLocals {
  trackingId?: string;
  trackingKind?: TrackingKind;
}

export function locals(res: Response): SandboxLocals {
  return res.locals as SandboxLocals;
}

export function trackingIdOf(res: Response): string {
  return locals(res).trackingId ?? 'unknown';
}

const ERROR_TYPES: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  429: 'TOO_MANY_REQUESTS',
  500: 'INTERNAL_SERVER_ERROR',
  502: 'BAD_GATEWAY',
  503: 'SERVICE_UNAVAILABLE',
  504: 'GATEWAY_TIMEOUT',
};

const OAUTH_CODES: Record<number, string> = {
  400: 'invalid_request',
  401: 'invalid_client',
  403: 'unauthorized_client',
  429: 'temporarily_unavailable',
  503: 'temporarily_unavailable',
};

export function errorType(status: number): string {
  return ERROR_TYPES[status] ?? (status >= 500 ? 'INTERNAL_SERVER_ERROR' : 'BAD_REQUEST');
}

export function sendOAuthError(res: Response, error: string, description: string, status = 400) {
  res.status(status).json({ error, error_description: description, trackingId: trackingIdOf(res) });
}

export function sendWebexError(res: Response, status: number, message: string) {
  res
    .status(status)
    .json({ message, errors: [{ description: message }], trackingId: trackingIdOf(res) });
}

export function sendAgentsError(res: Response, status: number, message: string, field?: string) {
  res.status(status).json({
    trackingId: trackingIdOf(res),
    errorType: errorType(status),
    errorMessage: message,
    reasonCode: status,
    ...(field === undefined ? {} : { field }),
  });
}

export function sendConfigError(res: Response, status: number, description: string) {
  res.status(status).json({
    trackingId: trackingIdOf(res),
    error: { key: String(status), reason: errorType(status), message: [{ description }] },
  });
}

/**
 * Any status in the family's shape: used by token checks, contract checks, faults and the catch-all
 * error handler. `field` names the offending field where the shape has room for it (agents).
 */
export function sendFamilyError(
  res: Response,
  family: ErrorFamily,
  status: number,
  text: string,
  field?: string,
) {
  if (family === 'oauth') {
    const code = OAUTH_CODES[status] ?? (status >= 500 ? 'server_error' : 'invalid_request');
    sendOAuthError(res, code, text, status);
  } else if (family === 'webex') sendWebexError(res, status, text);
  else if (family === 'config') sendConfigError(res, status, text);
  else sendAgentsError(res, status, text, field);
}

/** Which error shape a path answers with. */
export function familyOf(path: string): ErrorFamily {
  if (path.startsWith('/webex/v1/access_token')) return 'oauth';
  if (path.startsWith('/webex/')) return 'webex';
  if (path.startsWith('/wxcc/organization/')) return 'config';
  return 'agents';
}

export function trackingKindOf(path: string): TrackingKind {
  if (path.startsWith('/webex/')) return 'identity';
  if (path.startsWith('/wxcc/organization/')) return 'config';
  return 'agents';
}
