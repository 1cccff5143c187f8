// What a response variant is, and which documented variant a real (or sandbox) response has the shape of.

/** One way a service might answer; `body` is parsed JSON, a string for text/plain, or absent. */
export interface ResponseVariant<Body = unknown> {
  name: string;
  status: number;
  /** `undefined` when the response has no body, and so no content type. */
  contentType?: 'application/json' | 'text/plain';
  headers?: Record<string, string>;
  body?: Body;
}

const kindOf = (value: unknown) =>
  value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;

/** Every field of the variant's body is in `body`, with the same kind of value; more fields may follow. */
function hasShapeOf(body: Record<string, unknown>, variant: Record<string, unknown>): boolean {
  return Object.entries(variant).every(([key, value]) => kindOf(body[key]) === kindOf(value));
}

/** How closely a fitting variant describes `body`: its fields first, then the values they share. */
function closeness(body: Record<string, unknown>, variant: Record<string, unknown>): number {
  const same = Object.entries(variant).filter(([key, value]) => body[key] === value).length;
  return Object.keys(variant).length * 1000 + same;
}

/**
 * The variant a response is an instance of: the same kind of body (none, text, JSON) and, for JSON,
 * every top-level field the variant has, with the same kind of value. Extra fields are allowed, as
 * everywhere in this contract. When several fit, the one with the most fields wins, then the one
 * sharing the most values (`error: "invalid_grant"` picks that OAuth variant). Statuses are not
 * compared: each list says which statuses its variants stand for.
 */
export function findVariant<V extends ResponseVariant>(
  variants: readonly V[],
  response: { body?: unknown },
): V | undefined {
  const { body } = response;
  if (body === undefined || body === '') return variants.find((v) => v.body === undefined);
  if (typeof body === 'string') return variants.find((v) => v.contentType === 'text/plain');
  if (kindOf(body) !== 'object') return undefined;
  const json = body as Record<string, unknown>;
  let best: { variant: V; score: number } | undefined;
  for (const variant of variants) {
    if (kindOf(variant.body) !== 'object') continue;
    const fields = variant.body as Record<string, unknown>;
    if (!hasShapeOf(json, fields)) continue;
    const score = closeness(json, fields);
    if (!best || score > best.score) best = { variant, score };
  }
  return best?.variant;
}
