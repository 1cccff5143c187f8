// Checks each Webex and WxCC request against Cisco's specs before any sandbox rule, answering 400 as WxCC would.
import type { NextFunction, Request, Response } from 'express';
import { findOperation, validateRequest, type RequestOptions } from './openapi-validator';
import { familyOf, sendFamilyError } from '../errors';

/**
 * Fields the spec does not define are ignored, not refused: WxCC accepts the extra login fields
 * Cisco's SDK sends. The contract tests still hold the app to the closed schemas.
 */
export const RUN_TIME_CHECKS: RequestOptions = { allowUnknownFields: true };

/** Where the sandbox mounts each API; the specs' paths start after it. */
const MOUNTS = ['/webex/v1', '/wxcc'];

function specPathOf(path: string): string {
  const mount = MOUNTS.find((prefix) => path.startsWith(`${prefix}/`));
  return mount === undefined ? path : path.slice(mount.length);
}

/**
 * Runs after the token check (a gateway refuses a bad token before it reads the body) and before
 * the route. Paths the specs do not know pass through to the routes, which answer 404 for them.
 */
export function checkContract(req: Request, res: Response, next: NextFunction): void {
  const path = req.originalUrl.split('?')[0] ?? '';
  const specPath = specPathOf(path);
  if (!findOperation(req.method, specPath)) return next();
  const issues = validateRequest(
    { method: req.method, path: specPath, query: req.query, body: req.body },
    RUN_TIME_CHECKS,
  );
  const first = issues[0];
  if (!first) return next();
  const message = issues.map((found) => found.message).join('; ');
  sendFamilyError(res, familyOf(path), 400, message, first.field);
}
