// zod schemas for single environment variables: each reads one raw string and names the key in its error.
import * as z from 'zod';

export type Env = Readonly<Record<string, string | undefined>>;

/** Every variable arrives trimmed; an empty value counts as unset, as in `.env.example`. */
export const rawValue = z
  .string()
  .optional()
  .transform((value) => {
    const trimmed = value?.trim();
    return trimmed === '' ? undefined : trimmed;
  });

type Ctx = z.RefinementCtx;

function fail(ctx: Ctx, message: string): never {
  ctx.addIssue({ code: 'custom', message });
  return z.NEVER as never;
}

/** The raw value as given (after trimming), or undefined. */
export const optionalText = () => rawValue;

export function wholeNumber(key: string, min: number, max: number) {
  return rawValue.transform((raw, ctx): number | undefined => {
    if (raw === undefined) return undefined;
    const value = Number(raw);
    if (!/^\d+$/.test(raw) || value < min || value > max) {
      return fail(ctx, `${key} must be a whole number from ${min} to ${max} (got "${raw}")`);
    }
    return value;
  });
}

export function oneOf<const T extends readonly string[]>(key: string, allowed: T, what: string) {
  return rawValue.transform((raw, ctx): T[number] | undefined => {
    if (raw === undefined) return undefined;
    const found = allowed.find((a) => a === raw);
    return found ?? fail(ctx, `${key} must be ${what} (got "${raw.slice(0, 40)}")`);
  });
}

/** A URL of one of the schemes, without a trailing slash; undefined when unset. */
export function urlOf(key: string, schemes: readonly string[]) {
  return rawValue.transform((raw, ctx): string | undefined => {
    if (raw === undefined) return undefined;
    let parsed: URL | undefined;
    try {
      parsed = new URL(raw);
    } catch {
      parsed = undefined;
    }
    if (parsed === undefined || !schemes.includes(parsed.protocol)) {
      return fail(ctx, `${key} must be an ${schemes.join(' or ')} URL (got "${raw}")`);
    }
    return raw.replace(/\/+$/, '');
  });
}

export function optionalId(key: string, max: number) {
  return rawValue.transform((raw, ctx): string | undefined => {
    if (raw !== undefined && (raw.length > max || /[\s<>"']/.test(raw))) {
      return fail(ctx, `${key} must be at most ${max} characters without spaces or quotes`);
    }
    return raw;
  });
}

/** A secret of at least `min` characters; its value never appears in a message. */
export function secret(key: string, min: number, advice = '') {
  return rawValue.transform((raw, ctx): string | undefined => {
    if (raw !== undefined && raw.length < min) {
      return fail(ctx, `${key} must be at least ${min} characters${advice}`);
    }
    return raw;
  });
}
