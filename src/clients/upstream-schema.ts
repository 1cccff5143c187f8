// Reading untrusted Webex and WxCC answers through zod schemas: the shared field types and the one
// place a schema failure becomes an AppError that names the field.
import * as z from 'zod';
import { AppError } from '../errors';
import { msg } from '../i18n/message';

/** Ids are opaque on real tenants: UUIDs, 20-character ids, or numbers (CONTRACT.md); kept as text. */
export const wxccId = z
  .union([z.string().min(1), z.number()], { error: 'is not an id (text or number)' })
  .transform(String);

/** Optional text: null, missing and blank all read as absent, as real tenants send each of them. */
export const optionalText = z
  .string()
  .nullish()
  .transform((v) => (v ? v : undefined));

/** A number that may come as a numeric string (Webex's token answers have sent both). */
export const numeric = z.union(
  [
    z.number(),
    z
      .string()
      .regex(/^\s*-?\d+(\.\d+)?\s*$/)
      .transform(Number),
  ],
  {
    error: 'is not a number',
  },
);

export const optionalNumber = numeric.nullish().transform((v) => v ?? undefined);

/** A positive number, or absent when missing, null, zero or negative (then WxCC's default applies). */
export const optionalPositive = optionalNumber.transform((v) =>
  v !== undefined && v > 0 ? v : undefined,
);

/** A list of ids; a missing or null list is an empty one. */
export const idList = z
  .array(wxccId)
  .nullish()
  .transform((v) => v ?? []);

export const optionalFlag = z
  .boolean()
  .nullish()
  .transform((v) => v ?? undefined);

/** A switch that is off unless the answer says `true` (missing and null read as off). */
export const flagOff = optionalFlag.transform((v) => v === true);

/** A switch that is on unless the answer says `false` (`active`: missing and null read as on). */
export const flagOn = optionalFlag.transform((v) => v !== false);

/**
 * The schema's value, or an `upstream_malformed` AppError whose message names the first field that
 * does not fit (`what` is the answer's name: "team", "token"…). The detail helps support; it holds
 * field names only, never the values, which may be secrets.
 */
export function parseUpstream<S extends z.ZodType>(
  schema: S,
  body: unknown,
  what: string,
  service: string,
): z.output<S> {
  const result = schema.safeParse(body, { reportInput: true });
  if (result.success) return result.data;
  throw malformed(describeIssue(result.error.issues[0], what), service);
}

export function malformed(detail: string, service: string): AppError {
  // The detail is for support (field names, never values), in the words of the logs: it is
  // quoted inside the agent's sentence like a tracking id.
  return new AppError('upstream_malformed', msg('upstream.malformedField', { service, detail }), {
    cause: new Error(detail),
  });
}

const KINDS: Record<string, string> = {
  string: 'text',
  number: 'number',
  boolean: 'true or false',
  array: 'list',
  object: 'object',
};

function describeIssue(issue: z.core.$ZodIssue | undefined, what: string): string {
  if (issue === undefined) return `${what} is not valid`;
  const field = issue.path.reduce<string>(
    (at, key) => (typeof key === 'number' ? `${at}[${key}]` : `${at}.${String(key)}`),
    what,
  );
  const absent = !('input' in issue) || issue.input === undefined;
  if (issue.code === 'invalid_type') {
    return absent
      ? `${field} is missing`
      : `${field} is not a ${KINDS[issue.expected] ?? issue.expected}`;
  }
  if (issue.code === 'too_small' && issue.origin === 'string') return `${field} is empty`;
  if (issue.code === 'invalid_union' && absent) return `${field} is missing`;
  return `${field} ${issue.message}`;
}
