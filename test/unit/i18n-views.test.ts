// Views hold no words of their own: every text an agent reads comes from a catalog key (t(...)) or
// from data (names the tenant wrote, numbers). A key a view uses must exist in English.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { CATALOGS } from '../../src/i18n/locales';
import { fromRoot } from '../../src/project-root';

/** Attributes whose values people read or hear. */
const SPOKEN_ATTRIBUTES = /\b(title|placeholder|aria-label|alt|label|data-busy-label)="([^"]*)"/g;

function views(dir = fromRoot('views'), prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? views(join(dir, entry.name), `${prefix}${entry.name}/`)
      : entry.name.endsWith('.ejs')
        ? [`${prefix}${entry.name}`]
        : [],
  );
}

/** Stands where an EJS tag or an element was: an invisible separator no view contains. */
const MARK = '\u2063';

/** The words a view holds outside EJS tags: text between elements and spoken attributes. */
function literalWords(source: string): string[] {
  const html = source
    .replace(/<%#[\s\S]*?%>/g, '')
    .replace(/<%[\s\S]*?%>/g, MARK)
    .replace(/<!--[\s\S]*?-->/g, '');
  const words: string[] = [];
  for (const [, , value] of html.matchAll(SPOKEN_ATTRIBUTES)) {
    if (/\p{L}{2,}/u.test(value!.replaceAll(MARK, ''))) words.push(value!);
  }
  const text = html.replace(/<[^>]*>/g, MARK);
  for (const piece of text.split(MARK)) {
    if (/\p{L}{2,}/u.test(piece)) words.push(piece.trim());
  }
  return words;
}

describe('views speak through the catalogs', () => {
  const all = views();

  it('when a view shows text, then it is a translation key, not words written in the view', () => {
    const offenders = all.flatMap((v) =>
      literalWords(readFileSync(fromRoot('views', v), 'utf8')).map((w) => `${v}: ${w}`),
    );
    assert.deepEqual(offenders, []);
  });

  it('when the check reads a view, then it finds words in text and in spoken attributes only', () => {
    assert.deepEqual(literalWords('<p><%= t("a.b") %></p><b title="<%= t(\'x\') %>">·</b>'), []);
    assert.deepEqual(literalWords('<p>Hold</p><button aria-label="End call"><%= x %></button>'), [
      'End call',
      'Hold',
    ]);
    assert.deepEqual(literalWords('<%# a comment with words %><!-- and here --><i>12:00</i>'), []);
  });

  it('when a view names a key, then English has it', () => {
    const en = CATALOGS.en;
    const keys = all.flatMap((v) =>
      [...readFileSync(fromRoot('views', v), 'utf8').matchAll(/\bt\('([^']+)'/g)].map((m) => [
        v,
        m[1]!,
      ]),
    );
    assert.ok(keys.length > 20, 'the views use the catalogs');
    const unknown = keys.filter(([, k]) => !(k! in en) && !(`${k}_other` in en));
    assert.deepEqual(unknown, []);
  });
});
