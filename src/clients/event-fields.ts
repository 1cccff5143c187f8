// Field types for WxCC notification events. Unlike an answer, an event cannot be asked for again:
// a field of the wrong type reads as absent and the rest of the event still counts.
//
// Each type is one zod transform that reads the value as it is, rather than a chain of checks
// (union, pipe, optional, catch), each on a payload of its own, where a union's failed branch
// builds an issue, message and all, that `.catch()` then throws away. Every event a WxCC socket
// hears is parsed with these (a routing event holds over a hundred): chained, a routing event's
// parse made 43 KB of garbage and took 26 µs alone; read so, 24 KB and 11 µs, and the fan-out's
// CPU fell by a tenth (docs/MEASUREMENTS.md, tenth pass). test/unit/event-fields.test.ts holds
// the chains as the reference these must read alike.
import * as z from 'zod';

/** A field read by `read`, which returns undefined for anything it does not take. */
const lenient = <T>(read: (value: unknown) => T | undefined) => z.transform(read).optional();

const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** Text, cut to 200 characters (a runaway value must not fill the session); blank reads as absent. */
export const eventText = lenient((v) =>
  typeof v === 'string' && v.length > 0 ? v.slice(0, 200) : undefined,
);

/** A number, or a numeric string as some events send (eventTime, ronaTimeout). */
export const eventNumber = lenient((v) => {
  if (typeof v !== 'string') return isFiniteNumber(v) ? v : undefined;
  const text = v.trim();
  const n = Number(text);
  return text.length > 0 && Number.isFinite(n) ? n : undefined;
});

/** A strict boolean: only `true` counts as true. */
export const eventBool = lenient((v) => (typeof v === 'boolean' ? v : undefined));

/** callProcessingDetails holds strings: "true"/"false". */
export const eventStringFlag = lenient((v) =>
  typeof v === 'boolean' || typeof v === 'string' ? v === true || v === 'true' : undefined,
);

/** Text or a number, as a flow variable's value. */
export const eventScalar = lenient((v) =>
  typeof v === 'string' || isFiniteNumber(v) ? v : undefined,
);

/** Text, a number or a boolean, as a variable's value in callAssociatedData. */
export const eventValue = lenient((v) =>
  typeof v === 'string' || typeof v === 'boolean' || isFiniteNumber(v) ? v : undefined,
);

/** A list of ids; entries that are not text are dropped, and at most 50 kept. */
export const eventIdList = lenient((v) =>
  Array.isArray(v)
    ? v.filter((id): id is string => typeof id === 'string').slice(0, 50)
    : undefined,
);

/** An object part of an event; anything else (a string, a list, null) reads as absent. */
export const eventPart = <S extends z.ZodRawShape>(shape: S) =>
  z.object(shape).optional().catch(undefined);

/** A map of objects keyed by id (media by interaction id, participants by agent id). */
export const eventMap = <S extends z.ZodRawShape>(shape: S) =>
  z.record(z.string(), z.object(shape).optional().catch(undefined)).optional().catch(undefined);
