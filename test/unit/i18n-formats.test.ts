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

  it('when times and durations are asked again, then the remembered text is the one Intl writes afresh', () => {
    const zones = ['Asia/Kolkata', 'Asia/Kathmandu', 'America/Los_Angeles', undefined];
    for (const locale of ['en', 'de', 'ja'] as const) {
      const fmt = formatsFor(locale);
      for (const timeZone of zones) {
        const styles = {
          time: new Intl.DateTimeFormat(locale, { timeStyle: 'short', timeZone }),
          date: new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone }),
          dateTime: new Intl.DateTimeFormat(locale, {
            dateStyle: 'medium',
            timeStyle: 'short',
            timeZone,
          }),
        };
        // A minute and a half apart (seconds into each minute differ), over six hours, each asked twice.
        for (let at = AT - 3600_000 * 3; at < AT + 3600_000 * 3; at += 97_000) {
          for (const style of ['time', 'date', 'dateTime'] as const) {
            const fresh = styles[style].format(at);
            assert.equal(fmt[style](at, timeZone), fresh, `${locale} ${style} ${timeZone} ${at}`);
            assert.equal(fmt[style](at, timeZone), fresh, 'asked again');
            assert.equal(
              fmt[style](at + 59_000 - (at % 60_000), timeZone),
              styles[style].format(at + 59_000 - (at % 60_000)),
            );
          }
        }
      }
      // Asked in turn: each answer is its own number's, not the one asked before.
      const first = [59, 61, 62].map((seconds) => fmt.duration(seconds));
      assert.equal(new Set(first).size, 3, locale);
      assert.deepEqual(
        [62, 59, 61].map((seconds) => fmt.duration(seconds)),
        [first[2], first[0], first[1]],
      );
    }
  });
});
