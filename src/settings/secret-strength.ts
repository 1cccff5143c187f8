// How guessable a secret is, and whether two secrets are independent: production refuses weak ones.

/**
 * What a secret must carry at least, in bits. A random 32-character hex secret (128 bits) scores
 * about 117 here and, in 200,000 draws, never below 89 (32 characters never show all 16 digits
 * evenly), so the bar leaves room below that; `'abcdefgh'.repeat(4)` alone scores 96 (3 bits ×
 * 32), which is why a repeated block is refused on its own (24 bits here, and 64 for
 * `'0123456789abcdef'.repeat(4)`).
 */
export const MIN_SECRET_BITS = 80;
/** A run this long of evenly stepping characters ("abcdefgh", "87654321", "aaaaaaaa") is typed. */
const MAX_RUN = 8;

/**
 * The shortest unit the value repeats (`'abcabcab'` → `'abc'`); the value itself when none does.
 * A repeated block adds no entropy: it is what was typed once, copied.
 */
export function repeatingUnit(value: string): string {
  for (let period = 1; period <= value.length / 2; period++) {
    let repeats = true;
    for (let i = period; i < value.length && repeats; i++) {
      repeats = value[i] === value[i - period];
    }
    if (repeats) return value.slice(0, period);
  }
  return value;
}

/** Shannon entropy of the characters' frequencies, in bits per character. */
export function bitsPerCharacter(value: string): number {
  const counts = new Map<string, number>();
  for (const c of value) counts.set(c, (counts.get(c) ?? 0) + 1);
  const n = [...value].length;
  let bits = 0;
  for (const count of counts.values()) {
    const p = count / n;
    bits -= p * Math.log2(p);
  }
  return bits;
}

/** An estimate of the secret's entropy: bits per character times the length of what repeats. */
export function estimatedBits(value: string): number {
  const unit = repeatingUnit(value);
  return bitsPerCharacter(unit) * [...unit].length;
}

/** The longest stretch of characters whose codes step evenly (0 for "aaaa", 1 for "abcd"). */
export function longestRun(value: string): number {
  const codes = [...value].map((c) => c.codePointAt(0) ?? 0);
  let longest = Math.min(codes.length, 2);
  let run = 2;
  for (let i = 2; i < codes.length; i++) {
    const same = codes[i]! - codes[i - 1]! === codes[i - 1]! - codes[i - 2]!;
    run = same ? run + 1 : 2;
    longest = Math.max(longest, run);
  }
  return longest;
}

/** Why the secret is guessable, in words; undefined when it is not. */
export function weakness(value: string): string | undefined {
  if (new Set(value).size < 8) return 'too few different characters';
  if (repeatingUnit(value) !== value) return 'it repeats a short block';
  if (longestRun(value) >= MAX_RUN) return 'it holds a run like "abcdefgh" or "aaaaaaaa"';
  if (estimatedBits(value) < MIN_SECRET_BITS) return 'too little entropy';
  return undefined;
}

/** Edit distance (insert, delete, replace one character), on two rows of the table. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const replace = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, replace);
    }
    previous = current;
  }
  return previous[b.length]!;
}

/**
 * Why the two secrets are not independent (one leaked must not give the other away), or
 * undefined. Two random secrets differ in nearly every character; one made from the other by a
 * few edits, or holding it, does not.
 */
export function dependence(key: string, secret: string): string | undefined {
  const [k, s] = [key.toLowerCase(), secret.toLowerCase()];
  if (k === s) return 'it equals it';
  if (k.includes(s) || s.includes(k)) return 'one contains the other';
  if (editDistance(k, s) < Math.max(k.length, s.length) / 2)
    return 'it is a few edits away from it';
  return undefined;
}
