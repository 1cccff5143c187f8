// Cuts one OpenAPI 3.0 document down to chosen operations plus every component they reach by $ref.

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export interface OperationRef {
  method: string;
  path: string;
}

export function isJsonObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Deep copy, so edits to a trimmed document never leak into the source it came from. */
export function cloneJson<T extends Json>(value: T): T {
  return structuredClone(value);
}

export function getObject(parent: JsonObject, key: string, where: string): JsonObject {
  const value = parent[key];
  if (!isJsonObject(value)) throw new Error(`${where}: "${key}" is missing or not an object`);
  return value;
}

/** Walks every `$ref` string below `node`, in document order. */
export function collectRefs(node: Json, found: (ref: string) => void): void {
  if (Array.isArray(node)) {
    for (const item of node) collectRefs(item, found);
  } else if (isJsonObject(node)) {
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string') found(value);
      else collectRefs(value, found);
    }
  }
}

/** `#/components/schemas/Foo` → ['schemas', 'Foo']; only local component refs are expected in Cisco's specs. */
export function parseComponentRef(ref: string): [section: string, name: string] {
  const match = /^#\/components\/([^/]+)\/([^/]+)$/.exec(ref);
  if (!match?.[1] || !match[2])
    throw new Error(`unsupported $ref "${ref}" (only #/components/<section>/<name>)`);
  const unescape = (part: string) => part.replace(/~1/g, '/').replace(/~0/g, '~');
  return [unescape(match[1]), unescape(match[2])];
}

function componentsReachedFrom(source: JsonObject, roots: Json[]): Map<string, Set<string>> {
  const components = getObject(source, 'components', 'source');
  const needed = new Map<string, Set<string>>();
  const visit = (ref: string): void => {
    const [section, name] = parseComponentRef(ref);
    const names = needed.get(section) ?? new Set<string>();
    if (names.has(name)) return;
    names.add(name);
    needed.set(section, names);
    const target = getObject(components, section, 'components')[name];
    if (target === undefined) throw new Error(`dangling $ref "${ref}"`);
    collectRefs(target, visit);
  };
  for (const root of roots) collectRefs(root, visit);
  return needed;
}

/**
 * Keeps `operations` (each must exist: a renamed path should fail loudly, not vanish),
 * their path-level parameters, the tags they use and the components they reach.
 * Order follows the source so the output is stable from one run to the next.
 */
export function trimOpenApi(source: JsonObject, operations: readonly OperationRef[]): JsonObject {
  const sourcePaths = getObject(source, 'paths', 'source');
  const paths: JsonObject = {};
  for (const { method, path } of operations) {
    const item = getObject(sourcePaths, path, 'paths');
    const operation = getObject(item, method, `paths["${path}"]`);
    const trimmedItem = isJsonObject(paths[path]) ? paths[path] : {};
    if (item.parameters !== undefined) trimmedItem.parameters = cloneJson(item.parameters);
    trimmedItem[method] = cloneJson(operation);
    paths[path] = trimmedItem;
  }

  const needed = componentsReachedFrom(source, Object.values(paths));
  const sourceComponents = getObject(source, 'components', 'source');
  const components: JsonObject = {};
  for (const [section, entries] of Object.entries(sourceComponents)) {
    const names = needed.get(section);
    if (!names || !isJsonObject(entries)) continue;
    const kept: JsonObject = {};
    for (const [name, value] of Object.entries(entries))
      if (names.has(name)) kept[name] = cloneJson(value);
    components[section] = kept;
  }

  const usedTags = new Set<string>();
  for (const item of Object.values(paths)) {
    if (!isJsonObject(item)) continue;
    for (const operation of Object.values(item)) {
      if (isJsonObject(operation) && Array.isArray(operation.tags)) {
        for (const tag of operation.tags) if (typeof tag === 'string') usedTags.add(tag);
      }
    }
  }
  const sourceTags = Array.isArray(source.tags) ? source.tags : [];
  const tags = sourceTags.filter(
    (tag) => isJsonObject(tag) && typeof tag.name === 'string' && usedTags.has(tag.name),
  );

  return { openapi: source.openapi ?? '3.0.0', info: {}, tags: cloneJson(tags), paths, components };
}
