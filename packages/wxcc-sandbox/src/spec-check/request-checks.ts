// The request side of the contract: path, query and body of one operation, closed or open to unknown fields.
import type { ValidateFunction } from 'ajv';
import { issue, issuesFromAjv, type ContractIssue } from './contract-issues';
import { jsonSchemaOf, validatorFor } from './compiled-schemas';
import { toJsonSchema, type SchemaMode } from './openapi-schema';
import {
  isJsonObject,
  resolveRef,
  specOperations,
  type PathMatch,
  type SpecOperation,
} from './spec-operations';

export interface RequestOptions {
  /**
   * true: body fields and query parameters the spec does not define are ignored, and so is a body
   * sent to an operation that defines none. That is how WxCC treats them (Cisco's SDK sends login
   * fields its spec leaves out), so the sandbox validates this way at run time. Default false: they
   * are issues, which is how the contract tests catch the app drifting from the spec.
   */
  allowUnknownFields?: boolean;
}

const modeOf = (options: RequestOptions): SchemaMode =>
  options.allowUnknownFields === true ? 'open' : 'closed';

function paramsValidator(op: SpecOperation, where: 'path' | 'query', mode: SchemaMode) {
  return validatorFor(`${op.method} ${op.pathTemplate} ${where} ${mode}`, 'params', () => {
    const declared = op.parameters.filter((parameter) => parameter.in === where);
    return {
      type: 'object',
      properties: Object.fromEntries(
        declared.map((p) => [String(p.name), toJsonSchema(p.schema ?? {}, op.document, mode)]),
      ),
      required: declared.filter((p) => p.required === true).map((p) => String(p.name)),
      // Unknown query parameters are drift too, unless the caller reads them as a service would.
      ...(mode === 'closed' ? { additionalProperties: false } : {}),
    };
  });
}

/** What ajv's coercion may rewrite is copied, so the caller's object stays untouched. */
function copyParams(values: Record<string, unknown>): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(values)) {
    copy[name] = value !== null && typeof value === 'object' ? structuredClone(value) : value;
  }
  return copy;
}

function checkParams(
  op: SpecOperation,
  where: 'path' | 'query',
  values: Record<string, unknown>,
  mode: SchemaMode,
): ContractIssue[] {
  const validate = paramsValidator(op, where, mode);
  return validate(copyParams(values)) ? [] : issuesFromAjv(where, validate.errors, `(${where})`);
}

function bodyValidator(op: SpecOperation, mode: SchemaMode): ValidateFunction | undefined {
  const requestBody = resolveRef(op.document, op.operation.requestBody);
  const schema = jsonSchemaOf(requestBody?.content);
  if (schema === undefined) return undefined;
  return validatorFor(`${op.method} ${op.pathTemplate} request ${mode}`, 'bodies', () =>
    toJsonSchema(schema, op.document, mode),
  );
}

const isAbsent = (body: unknown) => body === undefined || body === null || body === '';

function checkBody(op: SpecOperation, body: unknown, mode: SchemaMode): ContractIssue[] {
  const requestBody = resolveRef(op.document, op.operation.requestBody);
  if (!requestBody) {
    // No body documented (reload): nothing, or the `{}` Cisco's SDK sends, is what the spec allows.
    const empty = isAbsent(body) || (isJsonObject(body) && Object.keys(body).length === 0);
    return empty || mode === 'open'
      ? []
      : [issue('body', '(body)', 'the spec defines no request body')];
  }
  if (isAbsent(body)) {
    return requestBody.required === true ? [issue('body', '(body)', 'is required')] : [];
  }
  const validate = bodyValidator(op, mode);
  if (!validate || validate(body)) return [];
  return issuesFromAjv('body', validate.errors, '(body)');
}

export function requestIssues(
  found: PathMatch,
  query: Record<string, unknown>,
  body: unknown,
  options: RequestOptions,
): ContractIssue[] {
  const mode = modeOf(options);
  return [
    ...checkParams(found.operation, 'path', found.pathParams, mode),
    ...checkParams(found.operation, 'query', query, mode),
    ...checkBody(found.operation, body, mode),
  ];
}

/**
 * Compiles every operation's request validators for one mode now rather than on first use, so a
 * service's first request is as quick as the rest. Calling it again costs nothing.
 */
export function compileRequestValidators(options: RequestOptions = {}): void {
  const mode = modeOf(options);
  for (const op of specOperations()) {
    paramsValidator(op, 'path', mode);
    paramsValidator(op, 'query', mode);
    bodyValidator(op, mode);
  }
}
