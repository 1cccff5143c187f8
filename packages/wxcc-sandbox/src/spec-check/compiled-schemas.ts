// Compiles each spec schema the validators need once, and keeps it: one ajv per kind of value, one cache.
import type { Ajv, AnySchema, ValidateFunction } from 'ajv';
import { createAjv } from './openapi-schema';
import { isJsonObject, specDocuments } from './spec-operations';

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

/** The validator cached under `key`, compiled from `schema()` by the ajv for `kind` the first time. */
export function validatorFor(
  key: string,
  kind: 'bodies' | 'params',
  schema: () => unknown,
): ValidateFunction {
  const state = contract();
  let validate = state.cache.get(key);
  if (!validate) {
    validate = state[kind].compile(schema() as AnySchema);
    state.cache.set(key, validate);
  }
  return validate;
}

/** The schema of the JSON representation in an OpenAPI `content` map, if there is one. */
export function jsonSchemaOf(content: unknown): unknown {
  if (!isJsonObject(content)) return undefined;
  const types = Object.keys(content);
  const chosen =
    types.find((type) => type === 'application/json') ??
    types.find((type) => /\+json$/.test(type)) ??
    types.find((type) => type === '*/*');
  const media = chosen === undefined ? undefined : content[chosen];
  return isJsonObject(media) ? media.schema : undefined;
}
