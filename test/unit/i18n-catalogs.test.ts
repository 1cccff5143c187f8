// Every shipped language says everything English says, with the same placeholders and the plural
// forms its grammar needs; the pseudo-locale marks every text and keeps what i18next reads.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CATALOGS, PSEUDO_LOCALE, SHIPPED_LOCALES } from '../../src/i18n/locales';
import { pseudoText } from '../../src/i18n/pseudo';
import { translator } from '../../src/i18n/translate';

const en = CATALOGS.en;
const PLURAL = /_(zero|one|two|few|many|other)$/;
const placeholders = (text: string) =>
  [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();
const baseKeys = (catalog: Record<string, string>) =>
  new Set(Object.keys(catalog).map((k) => k.replace(PLURAL, '')));
const pluralBases = new Set(
  Object.keys(en)
    .filter((k) => PLURAL.test(k))
    .map((k) => k.replace(PLURAL, '')),
);

describe('translation catalogs', () => {
  for (const locale of SHIPPED_LOCALES.filter((l) => l !== 'en')) {
    const catalog = CATALOGS[locale];

    it(`when the desktop speaks ${locale}, then every English sentence has a translation and no stray key`, () => {
      const missing = [...baseKeys(en)].filter((k) => !baseKeys(catalog).has(k));
      const extra = [...baseKeys(catalog)].filter((k) => !baseKeys(en).has(k));
      assert.deepEqual(missing, [], `${locale} lacks ${missing.join(', ')}`);
      assert.deepEqual(extra, [], `${locale} has keys English does not: ${extra.join(', ')}`);
      for (const [key, text] of Object.entries(catalog)) {
        assert.notEqual(text.trim(), '', `${locale} ${key} is empty`);
      }
    });

    it(`when a ${locale} sentence has values, then they are the English one's`, () => {
      for (const [key, text] of Object.entries(catalog)) {
        const english = en[key] ?? en[key.replace(PLURAL, '_other')];
        assert.ok(english !== undefined, `${locale} ${key} has no English`);
        assert.deepEqual(placeholders(text), placeholders(english), `${locale} ${key}`);
      }
    });

    it(`when a ${locale} sentence depends on a count, then every plural form of ${locale} is written`, () => {
      // The categories a whole number can take in this language (Intl, as i18next asks).
      const rules = new Intl.PluralRules(locale);
      const needed = new Set([0, 1, 2, 3, 5, 11, 21, 100, 1_000_000].map((n) => rules.select(n)));
      for (const base of pluralBases) {
        for (const category of needed) {
          assert.ok(`${base}_${category}` in catalog, `${locale} lacks ${base}_${category}`);
        }
      }
    });
  }

  it('when a sentence is asked for with a count, then each language picks its own plural', () => {
    assert.match(translator('en').t('error.rateLimited', { count: 1 }), /1 second\./);
    assert.match(translator('de').t('error.rateLimited', { count: 3 }), /3 Sekunden/);
    assert.match(translator('ja').t('error.rateLimited', { count: 1 }), /1 秒後/);
  });

  it('when the pseudo-locale is drawn, then every letter is changed, placeholders are kept and the text is longer', () => {
    const text = pseudoText('Hello {{name}}, try $t(other) again');
    assert.match(text, /^⟦Héllö \{\{name\}\}, trý \$t\(other\) ágáíñ·+⟧$/);
    for (const [key, value] of Object.entries(CATALOGS[PSEUDO_LOCALE])) {
      const stripped = value.replace(/\{\{[^}]+\}\}/g, '');
      assert.doesNotMatch(stripped, /[aeiouAEIOU]/, `${key} shows plain vowels`);
      assert.ok(value.length > (en[key] ?? '').length, key);
    }
  });

  it('when a sentence holds another sentence, then both are said in the same language', () => {
    const fr = translator('fr');
    assert.equal(
      fr.say({ key: 'connect.connectedAs', values: { name: 'Ada' } }),
      'Connecté en tant que Ada.',
    );
    // Text the tenant wrote (a queue, an idle code) is shown as written in every language.
    assert.equal(fr.say('Night Shift'), 'Night Shift');
  });

  it('when a sentence is said again, then it is the same words in each language, and values still change it', () => {
    // Sentences without values are remembered per language (translate.ts): asked twice, in
    // turn with another language, each says its own catalog's words.
    for (let round = 0; round < 2; round += 1) {
      for (const locale of SHIPPED_LOCALES) {
        assert.equal(translator(locale).t('app.signOut'), CATALOGS[locale]['app.signOut']);
      }
    }
    const de = translator('de');
    assert.match(de.t('connect.connectedAs', { name: 'Ada' }), /Ada/);
    assert.match(de.t('connect.connectedAs', { name: 'Grace' }), /Grace/);
    assert.doesNotMatch(de.t('connect.connectedAs', { name: 'Grace' }), /Ada/);
  });
});
