// Field types for WxCC notification events. Unlike an answer, an event cannot be asked for again:
// a field of the wrong type reads as absent and the rest of the event still counts.
import { z } from 'zod';

/** Text, cut to 200 characters (a runaway value must not fill the session); blank reads as absent. */
export const eventText = z
  .string()
  .min(1)
  .transform((v) => v.slice(0, 200))
  .optional()
  .catch(undefined);

/** A number, or a numeric string as some events send (eventTime, ronaTimeout). */
export const eventNumber = z
  .union([z.number(), z.string().trim().min(1).transform(Number).pipe(z.number())])
  .optional()
  .catch(undefined);

/** A strict boolean: only `true` counts as true. */
export const eventBool = z.boolean().optional().catch(undefined);

/** callProcessingDetails holds strings: "true"/"false". */
export const eventStringFlag = z
  .union([z.boolean(), z.string()])
  .transform((v) => v === true || v === 'true')
  .optional()
  .catch(undefined);

/** A list of ids; entries that are not text are dropped, and at most 50 kept. */
export const eventIdList = z
  .array(z.string().nullable().catch(null))
  .transform((list) => list.filter((v): v is string => v !== null).slice(0, 50))
  .optional()
  .catch(undefined);

/** An object part of an event; anything else (a string, a list, null) reads as absent. */
export const eventPart = <S extends z.ZodRawShape>(shape: S) =>
  z.object(shape).optional().catch(undefined);

/** A map of objects keyed by id (media by interaction id, participants by agent id). */
export const eventMap = <S extends z.ZodRawShape>(shape: S) =>
  z.record(z.string(), z.object(shape).optional().catch(undefined)).optional().catch(undefined);
