// Sentences with values are kept per language once said (translate.ts): what is kept must never
// answer for other values, another language or another plural form.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { msg } from '../../src/i18n/message';
import { translator } from '../../src/i18n/translate';

describe('sentences with values, said again', () => {
  it('when the same sentence is filled again, then each set of values gets its own words', () => {
    const en = translator('en');
    assert.equal(en.t('page.stateNow', { state: 'Idle' }), 'Your state is now Idle.');
    assert.equal(en.t('page.stateNow', { state: 'Available' }), 'Your state is now Available.');
    assert.equal(en.t('page.stateNow', { state: 'Idle' }), 'Your state is now Idle.');
    assert.equal(
      translator('de').t('page.stateNow', { state: 'Idle' }),
      'Ihr Status ist jetzt Idle.',
    );
  });

  it('when a plural sentence is said for one and then for many, then each has its form', () => {
    const en = translator('en');
    for (let i = 0; i < 2; i += 1) {
      assert.equal(en.t('stats.streak', { count: 1 }), '1 call answered in a row');
      assert.equal(en.t('stats.streak', { count: 3 }), '3 calls answered in a row');
    }
    assert.equal(translator('de').t('stats.streak', { count: 1 }), '1 Anruf in Folge angenommen');
  });

  it('when a count comes as digits in text, then it is not taken for the number said before', () => {
    const en = translator('en');
    const asNumber = en.t('stats.streak', { count: 3 });
    const asText = en.t('stats.streak', { count: '3' } as never);
    assert.equal(asNumber, '3 calls answered in a row');
    // i18next picks a plural form for a number only: the text is not the same sentence.
    assert.notEqual(asText, asNumber);
    assert.equal(en.t('stats.streak', { count: 3 }), asNumber);
    assert.equal(en.t('stats.streak', { count: '3' } as never), asText);
  });

  it('when a value looks like the memo’s own separators, then it cannot pass for other values', () => {
    const en = translator('en');
    const crafted = 'x\u0000title="y"';
    assert.equal(en.t('app.documentTitle', { title: 'x' }), 'x · WxCC Agent Desktop');
    assert.equal(en.t('app.documentTitle', { title: crafted }), `${crafted} · WxCC Agent Desktop`);
    assert.equal(en.t('app.documentTitle', { title: 'x' }), 'x · WxCC Agent Desktop');
  });

  it('when a value is itself a sentence, then it is said in the language of the page', () => {
    const value = msg('state.idle');
    const de = translator('de').t('page.stateNow', { state: value });
    assert.equal(
      de,
      translator('de').t('page.stateNow', { state: translator('de').t('state.idle') }),
    );
    assert.notEqual(de, translator('en').t('page.stateNow', { state: value }));
  });

  it('when thousands of different values are said, then every sentence stays right', () => {
    const en = translator('en');
    for (let i = 0; i < 5000; i += 1) {
      assert.equal(en.t('page.stateNow', { state: `s${i}` }), `Your state is now s${i}.`);
    }
    assert.equal(en.t('page.stateNow', { state: 's1' }), 'Your state is now s1.');
  });
});
