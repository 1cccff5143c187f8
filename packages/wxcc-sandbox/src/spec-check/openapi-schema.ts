// Converts OpenAPI 3.0 schema objects into JSON Schema that ajv checks, closed or open to fields the spec does not define.
import { Ajv, type AnySchema } from 'ajv';
import addFormats from 'ajv-formats';
import { isJsonObject, type JsonObject, type SpecDocument } from './spec-operations';

/**
 * closed: objects that do not say otherwise get `additionalProperties: false`. Cisco's schemas never
 * say it, so without this a field the app invents (or misspells) would pass; the contract tests check
 * the app's requests this way to catch exactly that drift. open: left as Cisco wrote them, for
 * responses (real services add fields over time) and for requests a service receives at run time
 * (WxCC accepts fields its spec does not define, and Cisco's SDK sends some).
 */
export type SchemaMode = 'closed' | 'open';

/** OpenAPI-only annotations ajv does not know; they never constrain a value. */
const DROPPED_KEYWORDS = new Set(['example', 'xml', 'externalDocs', 'discriminator']);
/** Keywords whose value maps names to schemas, so their keys are not keywords. */
const SCHEMA_MAPS = new Set(['properties', 'patternProperties', 'definitions']);

export function schemaId(document: SpecDocument, mode: SchemaMode): string {
  return `https://contract.invalid/${document.id}/${mode}.json`;
}

export function toJsonSchema(value: unknown, document: SpecDocument, mode: SchemaMode): unknown {
  if (Array.isArray(value)) return value.map((item) => toJsonSchema(item, document, mode));
  if (!isJsonObject(value)) return value;
  const out: JsonObject = {};
  for (const [key, child] of Object.entries(value)) {
    if (DROPPED_KEYWORDS.has(key) || key.startsWith('x-') || key === 'nullable') continue;
    if (key === '$ref' && typeof child === 'string' && child.startsWith('#/')) {
      out.$ref = `${schemaId(document, mode)}${child}`;
    } else if (key === 'enum' || key === 'default' || key === 'const') {
      out[key] = child;
    } else if (SCHEMA_MAPS.has(key) && isJsonObject(child)) {
      out[key] = Object.fromEntries(
        Object.entries(child).map(([name, schema]) => [name, toJsonSchema(schema, document, mode)]),
      );
    } else {
      out[key] = toJsonSchema(child, document, mode);
    }
  }
  // OpenAPI 3.0 spells "or null" as `nullable: true` beside a type; JSON Schema as a type list.
  if (value.nullable === true) {
    if (typeof out.type === 'string') out.type = [out.type, 'null'];
    if (Array.isArray(out.enum)) out.enum = [...out.enum, null];
  }
  const isObjectSchema = out.type === 'object' || isJsonObject(out.properties);
  // Skipped beside allOf/anyOf/oneOf: each branch would reject the properties the others define.
  const composed = out.allOf !== undefined || out.anyOf !== undefined || out.oneOf !== undefined;
  if (mode === 'closed' && isObjectSchema && out.additionalProperties === undefined && !composed) {
    out.additionalProperties = false;
  }
  return out;
}

function collectFormats(value: unknown, found: Set<string>): void {
  if (Array.isArray(value)) value.forEach((item) => collectFormats(item, found));
  else if (isJsonObject(value)) {
    for (const [key, child] of Object.entries(value)) {
      if (key === 'format' && typeof child === 'string') found.add(child);
      else if (key !== 'example' && key !== 'enum') collectFormats(child, found);
    }
  }
}

/**
 * `uuid` is made permissive too: Cisco's own example subscriptionId ("AgentDesktop-ffffffac0f-…") is not
 * an RFC 4122 UUID, and its config schemas pair `format: uuid` with a pattern that allows dashless ids.
 * Where Cisco means a strict shape it writes a `pattern`, which still applies.
 */
const PERMISSIVE_FORMATS = new Set(['uuid']);

export function createAjv(documents: SpecDocument[], options: { coerceTypes?: 'array' } = {}): Ajv {
  // strict off: Cisco's schemas carry keywords ajv's strict mode refuses (a `format` without a `type`,
  // `$ref` with siblings); they are valid OpenAPI and must not stop the contract from loading.
  // unicodeRegExp off: Cisco's patterns are Java regexes, and one (`[a-zA-Z\d-_\s]`) is a syntax
  // error under JavaScript's `u` flag but means the same as in Java without it.
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false, ...options });
  addFormats(ajv);
  const used = new Set<string>();
  for (const document of documents) collectFormats(document.doc, used);
  // Cisco's `format: time` means HH:mm:ss with no zone (ScheduleCallbackRequest: "17:45:15", the
  // zone is a field of its own); ajv-formats' `time` demands an offset, its `iso-time` does not.
  const isoTime = ajv.formats['iso-time'];
  if (isoTime) ajv.addFormat('time', isoTime);
  for (const format of [...PERMISSIVE_FORMATS, ...used]) {
    // Formats ajv-formats does not know (Cisco writes `format: "string"`) describe, they do not constrain.
    if (PERMISSIVE_FORMATS.has(format) || !ajv.formats[format]) ajv.addFormat(format, true);
  }
  for (const document of documents) {
    for (const mode of ['closed', 'open'] as const) {
      const root = {
        $id: schemaId(document, mode),
        components: toJsonSchema(document.doc.components, document, mode),
      };
      ajv.addSchema(root as AnySchema);
    }
  }
  return ajv;
}
