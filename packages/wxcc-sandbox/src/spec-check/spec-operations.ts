// Loads the committed trimmed specs once and finds the operation a method and path belong to.
import { readFileSync } from 'node:fs';
import { fromPackage } from '../package-root';

export type JsonObject = { [key: string]: unknown };

export interface SpecDocument {
  /** Also the ajv $id prefix: refs inside a document resolve within it. */
  id: 'wxcc' | 'webex-people';
  doc: JsonObject;
}

export interface SpecOperation {
  document: SpecDocument;
  method: string;
  pathTemplate: string;
  operationId: string;
  operation: JsonObject;
  /** Path-item and operation parameters merged, refs resolved; the operation's win (OpenAPI rule). */
  parameters: JsonObject[];
  matcher: RegExp;
  paramNames: string[];
  literalSegments: number;
}

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

export function isJsonObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

// Read with fs rather than `import … with { type: 'json' }`: Node 20 flags JSON modules as experimental,
// and tsc would otherwise infer a literal type for 100 KB of spec that nothing uses.
function loadDocument(id: SpecDocument['id'], file: string): SpecDocument {
  const doc: unknown = JSON.parse(readFileSync(fromPackage('specs', file), 'utf8'));
  if (!isJsonObject(doc)) throw new Error(`specs/${file} is not a JSON object`);
  return { id, doc };
}

/** Follows a local `#/components/...` ref, once per level, until a non-ref object is reached. */
export function resolveRef(document: SpecDocument, value: unknown): JsonObject | undefined {
  let current = value;
  for (
    let depth = 0;
    depth < 10 && isJsonObject(current) && typeof current.$ref === 'string';
    depth++
  ) {
    let target: unknown = document.doc;
    for (const part of current.$ref.replace(/^#\//, '').split('/')) {
      target = isJsonObject(target)
        ? target[part.replace(/~1/g, '/').replace(/~0/g, '~')]
        : undefined;
    }
    current = target;
  }
  return isJsonObject(current) ? current : undefined;
}

function templateMatcher(template: string): { matcher: RegExp; paramNames: string[] } {
  const paramNames: string[] = [];
  const pattern = template
    .split('/')
    .map((segment) => {
      const param = /^\{([^}]+)\}$/.exec(segment);
      if (param?.[1]) {
        paramNames.push(param[1]);
        return '([^/]+)';
      }
      return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('/');
  return { matcher: new RegExp(`^${pattern}$`), paramNames };
}

function indexDocument(document: SpecDocument): SpecOperation[] {
  const operations: SpecOperation[] = [];
  const paths = isJsonObject(document.doc.paths) ? document.doc.paths : {};
  for (const [pathTemplate, item] of Object.entries(paths)) {
    if (!isJsonObject(item)) continue;
    const shared = Array.isArray(item.parameters) ? item.parameters : [];
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (!isJsonObject(operation)) continue;
      const own = Array.isArray(operation.parameters) ? operation.parameters : [];
      const byKey = new Map<string, JsonObject>();
      for (const raw of [...shared, ...own]) {
        const parameter = resolveRef(document, raw);
        if (parameter) byKey.set(`${String(parameter.in)}:${String(parameter.name)}`, parameter);
      }
      operations.push({
        document,
        method: method.toUpperCase(),
        pathTemplate,
        operationId:
          typeof operation.operationId === 'string'
            ? operation.operationId
            : `${method} ${pathTemplate}`,
        operation,
        parameters: [...byKey.values()],
        ...templateMatcher(pathTemplate),
        literalSegments: pathTemplate.split('/').filter((s) => s !== '' && !s.startsWith('{'))
          .length,
      });
    }
  }
  return operations;
}

let cached: SpecOperation[] | undefined;

export function specOperations(): SpecOperation[] {
  cached ??= [
    loadDocument('wxcc', 'wxcc-openapi.json'),
    loadDocument('webex-people', 'webex-people-openapi.json'),
  ]
    .flatMap(indexDocument)
    // A literal segment beats a template one (/people/me before /people/{personId}), as OpenAPI says.
    .sort((a, b) => b.literalSegments - a.literalSegments);
  return cached;
}

export function specDocuments(): SpecDocument[] {
  return [...new Set(specOperations().map((op) => op.document))];
}

export interface PathMatch {
  operation: SpecOperation;
  pathParams: Record<string, string>;
}

/** Strips a query string and a trailing slash; the caller has already removed any base prefix. */
export function normalisePath(path: string): string {
  const withoutQuery = path.split('?')[0] ?? '';
  return withoutQuery.length > 1 ? withoutQuery.replace(/\/+$/, '') : withoutQuery;
}

/** `undefined` when no template matches; `allowed` lists the methods a matching template does have. */
export function matchOperation(
  method: string,
  path: string,
): { found: PathMatch } | { allowed: string[] } | undefined {
  const normalised = normalisePath(path);
  const allowed: string[] = [];
  for (const operation of specOperations()) {
    const match = operation.matcher.exec(normalised);
    if (!match) continue;
    if (operation.method !== method.toUpperCase()) {
      allowed.push(operation.method);
      continue;
    }
    const pathParams: Record<string, string> = {};
    operation.paramNames.forEach((name, index) => {
      pathParams[name] = safeDecode(match[index + 1] ?? '');
    });
    return { found: { operation, pathParams } };
  }
  return allowed.length > 0 ? { allowed } : undefined;
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
