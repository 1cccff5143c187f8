// Turns request limits Cisco states only in prose ("maximum length 43 characters") into schema keywords.
import {
  collectRefs,
  getObject,
  isJsonObject,
  parseComponentRef,
  type Json,
  type JsonObject,
} from './trim-openapi';

/** The key that marks every place this project changed Cisco's text; SOURCES.md points to it. */
export const ADDED_BY_PROJECT = 'x-added-by-project';

/**
 * Enumerations the descriptions list in backticks but the schemas leave as free strings.
 * Not `roles` (`agent`, `supervisor`): Cisco's own Postman collection logs in with ["Agent"], and
 * where the prose and Cisco's clients disagree, the clients win (REAL-TENANTS.md).
 * Each one is checked against the description it comes from, so a reworded spec fails the trim
 * instead of silently keeping a stale list.
 */
const proseEnums: readonly { schema: string; property: string; items?: true; values: string[] }[] =
  [
    {
      schema: 'LogInResourceRequest',
      property: 'deviceType',
      values: ['AGENT_DN', 'EXTENSION', 'BROWSER'],
    },
    { schema: 'StateResourceRequest', property: 'state', values: ['Available', 'Idle'] },
  ];

const maxLengthInProse = /maximum length (\d+) characters/i;

function note(target: JsonObject, text: string): void {
  const previous = target[ADDED_BY_PROJECT];
  target[ADDED_BY_PROJECT] = typeof previous === 'string' ? `${previous} ${text}` : text;
}

/** Names of the component schemas a request body reaches, directly or through nested refs. */
export function requestSchemaNames(doc: JsonObject): Set<string> {
  const schemas = getObject(getObject(doc, 'components', 'doc'), 'schemas', 'components');
  const names = new Set<string>();
  const visit = (ref: string): void => {
    const [section, name] = parseComponentRef(ref);
    if (section !== 'schemas' || names.has(name)) return;
    names.add(name);
    collectRefs(schemas[name] ?? null, visit);
  };
  for (const item of Object.values(getObject(doc, 'paths', 'doc'))) {
    if (!isJsonObject(item)) continue;
    for (const operation of Object.values(item)) {
      if (isJsonObject(operation) && operation.requestBody !== undefined) {
        collectRefs(operation.requestBody, visit);
      }
    }
  }
  return names;
}

function addMaxLengths(schema: Json): void {
  if (!isJsonObject(schema)) return;
  const description = typeof schema.description === 'string' ? schema.description : '';
  const match = maxLengthInProse.exec(description);
  if (schema.type === 'string' && match?.[1] && schema.maxLength === undefined) {
    schema.maxLength = Number(match[1]);
    note(schema, `maxLength ${match[1]}: stated only in the description.`);
  }
  if (isJsonObject(schema.properties)) Object.values(schema.properties).forEach(addMaxLengths);
  if (schema.items !== undefined) addMaxLengths(schema.items);
}

function addEnums(schemas: JsonObject): void {
  for (const { schema, property, items, values } of proseEnums) {
    const properties = getObject(getObject(schemas, schema, 'schemas'), 'properties', schema);
    const described = getObject(properties, property, `${schema}.properties`);
    const description = typeof described.description === 'string' ? described.description : '';
    const missing = values.filter((value) => !description.includes(`\`${value}\``));
    if (missing.length > 0) {
      throw new Error(`${schema}.${property}: description no longer lists ${missing.join(', ')}`);
    }
    const target = items ? getObject(described, 'items', `${schema}.${property}`) : described;
    if (target.enum !== undefined) continue;
    target.enum = values;
    note(target, `enum: the values the description lists; the schema leaves a free string.`);
  }
}

/** Edits `doc` in place; only request schemas, since responses are checked tolerantly anyway. */
export function addProseConstraints(doc: JsonObject): void {
  const schemas = getObject(getObject(doc, 'components', 'doc'), 'schemas', 'components');
  for (const name of requestSchemaNames(doc)) addMaxLengths(schemas[name] ?? null);
  addEnums(schemas);
}
