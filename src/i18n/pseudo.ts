// The pseudo-locale: every translated letter visibly changed, placeholders and markup left alone.

const ACCENTED: Record<string, string> = {
  a: 'á',
  e: 'é',
  i: 'í',
  o: 'ö',
  u: 'ü',
  c: 'ç',
  n: 'ñ',
  y: 'ý',
  A: 'Å',
  E: 'É',
  I: 'Î',
  O: 'Ø',
  U: 'Û',
  C: 'Ç',
  N: 'Ñ',
  Y: 'Ý',
};

/** `{{name}}` placeholders and `$t(...)` nestings are i18next's: they must reach it unchanged. */
const KEEP = /(\{\{[^}]+\}\}|\$t\([^)]*\))/;

export function pseudoText(text: string): string {
  const parts = text
    .split(KEEP)
    .map((part, i) => (i % 2 === 1 ? part : part.replace(/[A-Za-z]/g, (ch) => ACCENTED[ch] ?? ch)));
  // About a third longer, as German or French often is, so a layout too tight shows here first.
  const padding = '·'.repeat(Math.ceil(text.length / 3));
  return `⟦${parts.join('')}${padding}⟧`;
}

/** Takes and gives a catalog (key → sentence); typed here so the catalogs' module can import it. */
export function pseudoCatalog(
  source: Readonly<Record<string, string>>,
): Readonly<Record<string, string>> {
  return Object.fromEntries(Object.entries(source).map(([k, v]) => [k, pseudoText(v)]));
}
