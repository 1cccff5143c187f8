// Holds requests and responses to Cisco's published OpenAPI specs (trimmed copies in specs/).
import { jsonSchemaOf, validatorFor } from './compiled-schemas';
import { issue, issuesFromAjv, type ContractIssue } from './contract-issues';
import { toJsonSchema } from './openapi-schema';
import { requestIssues, type RequestOptions } from './request-checks';
import {
  isJsonObject,
  matchOperation,
  resolveRef,
  type JsonObject,
  type PathMatch,
  type SpecOperation,
} from './spec-operations';

export type { ContractIssue } from './contract-issues';
export { compileRequestValidators, type RequestOptions } from './request-checks';

/**
 * The operation a request would hit. `path` is what follows the host's base (callers strip a prefix
 * such as `/wxcc`); a query string or trailing slash is ignored; literal segments beat `{params}`.
 */
export function findOperation(
  method: string,
  path: string,
): { operationId: string; pathTemplate: string } | undefined {
  const match = matchOperation(method, path);
  if (!match || !('found' in match)) return undefined;
  const { operationId, pathTemplate } = match.found.operation;
  return { operationId, pathTemplate };
}

function locate(method: string, path: string): PathMatch | ContractIssue {
  const match = matchOperation(method, path);
  const field = `${method.toUpperCase()} ${path}`;
  if (!match) return issue('path', field, 'no operation in the contract has this path');
  if ('allowed' in match) {
    return issue(
      'path',
      field,
      `method not in the contract (documented: ${match.allowed.join(', ')})`,
    );
  }
  return match.found;
}

/**
 * Issues with a request; `[]` means the spec allows it. Without `query`, the path's own query string
 * is checked. By default unknown body fields and query parameters are issues, so the app's drift from
 * the spec fails a test instead of reaching Cisco; `allowUnknownFields` is how a service reads them.
 */
export function validateRequest(
  req: { method: string; path: string; query?: Record<string, unknown>; body?: unknown },
  options: RequestOptions = {},
): ContractIssue[] {
  const found = locate(req.method, req.path);
  if (!('operation' in found)) return [found];
  const query = req.query ?? Object.fromEntries(new URLSearchParams(req.path.split('?')[1] ?? ''));
  return requestIssues(found, query, req.body, options);
}

function documentedResponse(op: SpecOperation, status: number): JsonObject | undefined {
  const responses = isJsonObject(op.operation.responses) ? op.operation.responses : {};
  const raw = responses[String(status)] ?? responses[`${String(status)[0]}XX`] ?? responses.default;
  return resolveRef(op.document, raw);
}

/**
 * Issues with a response a service (the sandbox, or a recorded real one) gave. Extra body fields are
 * tolerated; types, required fields, enums and limits are not. Statuses without a documented body
 * (the agents API's errors) are not checked beyond the status: see variants.ts for their shapes.
 */
export function validateResponse(res: {
  method: string;
  path: string;
  status: number;
  body?: unknown;
}): ContractIssue[] {
  const found = locate(res.method, res.path);
  if (!('operation' in found)) return [found];
  const op = found.operation;
  const response = documentedResponse(op, res.status);
  if (!response) {
    const documented = Object.keys(
      isJsonObject(op.operation.responses) ? op.operation.responses : {},
    );
    const text = `${res.status} is not documented for ${op.method} ${op.pathTemplate} (documented: ${documented.join(', ')})`;
    return [issue('status', 'status', text)];
  }
  const schema = jsonSchemaOf(response.content);
  // Undocumented bodies (the agents API's errors) are not checked here; see variants.ts.
  if (schema === undefined) return [];
  if (res.body === undefined || res.body === '') {
    return [
      issue('body', '(body)', `is required: the spec documents a JSON body for ${res.status}`),
    ];
  }
  const validate = validatorFor(`${op.method} ${op.pathTemplate} ${res.status}`, 'bodies', () =>
    toJsonSchema(schema, op.document, 'open'),
  );
  validate(res.body);
  return issuesFromAjv('body', validate.errors, '(body)');
}
