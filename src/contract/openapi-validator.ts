// Holds requests and responses to Cisco's published OpenAPI specs (trimmed copies in contract/).
import type { Ajv, AnySchema, ValidateFunction } from 'ajv';
import { issue, issuesFromAjv, type ContractIssue } from './contract-issues';
import { createAjv, toJsonSchema } from './openapi-schema';
import {
  isJsonObject,
  matchOperation,
  resolveRef,
  specDocuments,
  type JsonObject,
  type PathMatch,
  type SpecOperation,
} from './spec-operations';

export type { ContractIssue } from './contract-issues';

interface Compiled {
  bodies: Ajv;
  /** Query and path values arrive as strings; this instance coerces them to the declared types. */
  params: Ajv;
  cache: Map<string, ValidateFunction>;
}

let compiled: Compiled | undefined;

// Built on first use, then reused: compiling the specs costs more than every later check together.
function contract(): Compiled {
  compiled ??= {
    bodies: createAjv(specDocuments()),
    params: createAjv(specDocuments(), { coerceTypes: 'array' }),
    cache: new Map(),
  };
  return compiled;
}

function validatorFor(key: string, ajv: Ajv, schema: () => unknown): ValidateFunction {
  const state = contract();
  let validate = state.cache.get(key);
  if (!validate) {
    validate = ajv.compile(schema() as AnySchema);
    state.cache.set(key, validate);
  }
  return validate;
}

/** The schema of the JSON representation in an OpenAPI `content` map, if there is one. */
function jsonSchemaOf(content: unknown): unknown {
  if (!isJsonObject(content)) return undefined;
  const types = Object.keys(content);
  const chosen =
    types.find((type) => type === 'application/json') ??
    types.find((type) => /\+json$/.test(type)) ??
    types.find((type) => type === '*/*');
  const media = chosen === undefined ? undefined : content[chosen];
  return isJsonObject(media) ? media.schema : undefined;
}

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

function checkParams(op: SpecOperation, where: 'path' | 'query', values: Record<string, unknown>) {
  const declared = op.parameters.filter((parameter) => parameter.in === where);
  const validate = validatorFor(
    `${op.method} ${op.pathTemplate} ${where}`,
    contract().params,
    () => ({
      type: 'object',
      properties: Object.fromEntries(
        declared.map((p) => [String(p.name), toJsonSchema(p.schema ?? {}, op.document, 'request')]),
      ),
      required: declared.filter((p) => p.required === true).map((p) => String(p.name)),
      // Unknown query parameters are drift too.
      additionalProperties: false,
    }),
  );
  // Coercion rewrites its input; the caller's object stays untouched.
  validate(structuredClone(values));
  return issuesFromAjv(where, validate.errors, `(${where})`);
}

function isEmptyBody(body: unknown): boolean {
  return (
    body === undefined ||
    body === null ||
    body === '' ||
    (isJsonObject(body) && Object.keys(body).length === 0)
  );
}

function checkRequestBody(op: SpecOperation, body: unknown): ContractIssue[] {
  const requestBody = resolveRef(op.document, op.operation.requestBody);
  // No body documented (reload): nothing, or the `{}` Cisco's SDK sends, is what the spec allows.
  if (!requestBody)
    return isEmptyBody(body) ? [] : [issue('body', '(body)', 'the spec defines no request body')];
  if (body === undefined || body === null || body === '') {
    return requestBody.required === true ? [issue('body', '(body)', 'is required')] : [];
  }
  const schema = jsonSchemaOf(requestBody.content);
  if (schema === undefined) return [];
  const validate = validatorFor(`${op.method} ${op.pathTemplate} request`, contract().bodies, () =>
    toJsonSchema(schema, op.document, 'request'),
  );
  validate(body);
  return issuesFromAjv('body', validate.errors, '(body)');
}

/**
 * Issues with a request the app (or a test) is about to send; `[]` means the spec allows it.
 * Without `query`, the path's own query string is checked. Unknown body fields and query parameters
 * are issues, so drift from the spec fails a test instead of reaching Cisco.
 */
export function validateRequest(req: {
  method: string;
  path: string;
  query?: Record<string, unknown>;
  body?: unknown;
}): ContractIssue[] {
  const found = locate(req.method, req.path);
  if (!('operation' in found)) return [found];
  const query = req.query ?? Object.fromEntries(new URLSearchParams(req.path.split('?')[1] ?? ''));
  return [
    ...checkParams(found.operation, 'path', found.pathParams),
    ...checkParams(found.operation, 'query', query),
    ...checkRequestBody(found.operation, req.body),
  ];
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
  const validate = validatorFor(
    `${op.method} ${op.pathTemplate} ${res.status}`,
    contract().bodies,
    () => toJsonSchema(schema, op.document, 'response'),
  );
  validate(res.body);
  return issuesFromAjv('body', validate.errors, '(body)');
}
