// zod schemas for what the sandbox's control API and console read from a request body, and the one
// helper that turns the first problem into the sentence the caller gets back.
import { z } from 'zod';

/** A JSON object body (a console form is one too); null, a list or text is not. */
export const objectBody = z.record(z.string(), z.unknown());
export type Body = z.output<typeof objectBody>;

/** The body as an object, or undefined when it is not one. */
export function bodyOf(raw: unknown): Body | undefined {
  const parsed = objectBody.safeParse(raw ?? {});
  return parsed.success ? parsed.data : undefined;
}

/** The value, or the first problem's message (schemas here carry messages meant for the caller). */
export function readInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> | string {
  const parsed = schema.safeParse(input);
  return parsed.success
    ? parsed.data
    : (parsed.error.issues[0]?.message ?? 'the input is not valid');
}

/** Form posts carry strings; JSON carries booleans. Both are read, for the console's sake. */
export const flagInput = (message: string) =>
  z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')], {
    error: message,
  });

/** Trimmed text; blank, missing or not text reads as absent. */
export const optionalTextInput = z
  .string()
  .trim()
  .optional()
  .catch(undefined)
  .transform((v) => (v ? v : undefined));

/** A whole number within bounds; missing or null takes the default. */
export const integerInput = (name: string, min: number, max: number) => {
  const error = `${name} must be an integer from ${min} to ${max}`;
  return z.number({ error }).int({ error }).min(min, { error }).max(max, { error }).nullish();
};

/** An optional id: missing, null or blank reads as absent; anything but text is refused. */
export const optionalIdInput = (name: string) =>
  z
    .string({ error: `${name} must be a string` })
    .nullish()
    .transform((v) => (v ? v : undefined));
