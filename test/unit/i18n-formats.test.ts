// Numbers, durations, dates and times on the agent page are written as each language writes them,
// in the tenant's time zone where one is given (src/i18n/format.ts, Intl).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatsFor } from '../../src/i18n/format';

/** 15 January 2030, 04:28 UTC: 09:58 in Kolkata (UTC+05:30). */
const AT = Date.UTC(2030, 0, 15, 4, 28);
/** Intl separates a time from its day period with a narrow no-break space in some versions. */
const plain = (text: string) => text.replace(/\s/g, ' ');

describe('formats per locale', () => {
  it('when a time is shown in the tenant zone, then each language writes it its own way', () => {
    assert.equal(plain(formatsFor('en').time(AT, 'Asia/Kolkata')), '9:58 AM');
    assert.equal(formatsFor('de').time(AT, 'Asia/Kolkata'), '09:58');
    assert.equal(formatsFor('ja').time(AT, 'Asia/Kolkata'), '9:58');
    assert.equal(plain(formatsFor('en').time(AT, 'UTC')), '4:28 AM');
  });

  it('when a day is shown, then it is a date in that language', () => {
    assert.equal(formatsFor('en').date(AT, 'UTC'), 'Jan 15, 2030');
    assert.equal(formatsFor('de').date(AT, 'UTC'), '15.01.2030');
    assert.equal(formatsFor('fr').date(AT, 'UTC'), '15 janv. 2030');
    assert.equal(formatsFor('ja').date(AT, 'UTC'), '2030/01/15');
  });

  it('when a duration or a number is shown, then units and separators are the language’s', () => {
    assert.equal(formatsFor('en').duration(258), '4 min 18 sec');
    assert.match(formatsFor('de').duration(258), /^4 Min\.,? 18 Sek\.$/);
    assert.equal(formatsFor('de').number(12345), '12.345');
    assert.equal(formatsFor('en').number(12345), '12,345');
    // The pseudo-locale formats as English: only its words are marked.
    assert.equal(formatsFor('en-XA').number(12345), '12,345');
  });
});
