// Unit tests of checkDialNumber: the tenant's dial plans, WxCC's default plans, provisioned numbers.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { inEnglish, translator } from '../../src/i18n/translate';
import { checkDialNumber, usablePlans, type DialRules } from '../../src/station/dial-plan';

const UK_PLAN: DialRules = {
  mode: 'plan',
  entries: [
    { name: 'UK National', regex: '^0[1-9][0-9]{8,9}$', prefix: '', strippedChars: '() -' },
    { name: 'UK Intl', regex: '^\\+44[1-9][0-9]{8,9}$', prefix: '+44', strippedChars: '() -' },
  ],
};

describe('checkDialNumber', () => {
  it('when no plan applies, then the documented US forms are accepted and sent without formatting', () => {
    for (const [typed, dial] of [
      ['18005551234', '18005551234'],
      ['1-800-555-1234', '18005551234'],
      ['1 (800) 555-1234', '18005551234'],
      ['18005551234,,,222', '18005551234,,,222'],
    ]) {
      const result = checkDialNumber(typed!);
      assert.equal(result.ok, true, typed);
      assert.equal(result.dial, dial);
      assert.equal(inEnglish(result.message), `Will dial ${dial}`);
    }
  });
  it('when no plan applies, then Any Format entries and E.164 numbers are accepted as typed', () => {
    for (const typed of [
      '123',
      '5551234',
      '555-1234',
      '1800FLOWERS',
      'bruce.matthews',
      '+442079460000',
    ]) {
      const result = checkDialNumber(typed);
      assert.equal(result.ok, true, typed);
      assert.equal(result.dial, typed.replace(/-/g, ''));
    }
  });
  it('when the profile has a dial plan, then national numbers it accepts pass and others are refused', () => {
    const accepted = checkDialNumber('020 7946 0000', UK_PLAN);
    assert.deepEqual(
      { ...accepted, message: inEnglish(accepted.message) },
      {
        ok: true,
        dial: '02079460000',
        message: 'Will dial 02079460000',
      },
    );
    const refused = checkDialNumber('18005551234', UK_PLAN);
    assert.equal(refused.ok, false);
    assert.match(
      inEnglish(refused.message),
      /does not fit your dial plan \(UK National, UK Intl\)/,
    );
  });
  it('when only the prefixed form fits the plan, then the prefix is added to what is dialled', () => {
    const result = checkDialNumber('20 7946 0000', UK_PLAN);
    assert.equal(result.dial, '+442079460000');
  });
  it('when a tenant regex is broken, then that plan accepts nothing instead of throwing', () => {
    const broken: DialRules = {
      mode: 'plan',
      entries: [{ name: 'Broken', regex: '([', prefix: '', strippedChars: '' }],
    };
    assert.equal(checkDialNumber('12345', broken).ok, false);
  });
  it('when the number is provisioned, then only that number is dialled whatever is typed', () => {
    const rules: DialRules = { mode: 'provisioned', entries: [], provisioned: '+14155550199' };
    assert.equal(checkDialNumber('', rules).dial, '+14155550199');
    assert.equal(checkDialNumber('+1 415 555 0199', rules).dial, '+14155550199');
    const other = checkDialNumber('+14155550100', rules);
    assert.equal(other.ok, false);
    assert.match(inEnglish(other.message), /set your dial number to \+14155550199/);
  });
  it('when the input is empty, too long or carries markup, then one message says what is wrong', () => {
    assert.equal(inEnglish(checkDialNumber('').message), 'Enter the number to call you on.');
    assert.match(inEnglish(checkDialNumber('1'.repeat(44)).message), /at most 43/);
    assert.equal(checkDialNumber('<script>').ok, false);
  });
  it("when a German or Japanese agent is told about a number, then it is in their language, with the plan's names as the tenant wrote them", () => {
    const refused = checkDialNumber('18005551234', UK_PLAN).message;
    assert.equal(
      translator('de').say(refused),
      'Diese Nummer passt nicht zu Ihrem Wählplan (UK National, UK Intl). Prüfen Sie sie, oder fragen Sie Ihren Administrator nach dem Format.',
    );
    assert.match(
      translator('ja').say(refused),
      /^この番号はダイヤル プラン \(UK National, UK Intl\) に合いません。/,
    );
    assert.equal(
      translator('de').say(checkDialNumber('020 7946 0000', UK_PLAN).message),
      'Es wird 02079460000 gewählt',
    );
  });
});

describe('tenant regexes on a linear-time engine', () => {
  // Issue 16: this plan and a 31-digit number held JavaScript's backtracking engine ~3 minutes.
  const CATASTROPHIC: DialRules = {
    mode: 'plan',
    entries: [{ name: 'Nested', regex: '^(\\+?[0-9]+)*$', prefix: '', strippedChars: '' }],
  };
  const ATTACK = `${'1'.repeat(31)}x`;

  it('when a plan backtracks catastrophically on a long number, then the check answers at once', () => {
    const started = process.hrtime.bigint();
    const result = checkDialNumber(ATTACK, CATASTROPHIC);
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    assert.equal(result.ok, false);
    // A generous bound on a shared machine: the backtracking engine took minutes.
    assert.ok(ms < 1000, `took ${ms} ms`);
    assert.equal(checkDialNumber('14155550100', CATASTROPHIC).dial, '14155550100');
  });

  it('when the typed text is far longer than any number, then no regex runs on it', () => {
    const result = checkDialNumber('1'.repeat(10_000), CATASTROPHIC);
    assert.equal(result.ok, false);
    assert.match(inEnglish(result.message), /at most 43/);
  });

  it('when RE2 cannot run a plan (lookaround, backreference), then that plan does not apply and is reported', () => {
    const skipped: string[] = [];
    const entries = usablePlans(
      [
        { name: 'Lookahead', regex: '^(?=1)[0-9]+$', prefix: '', strippedChars: '' },
        { name: 'Backref', regex: '(1)\\1', prefix: '', strippedChars: '' },
        { name: 'Broken', regex: '([', prefix: '', strippedChars: '' },
        { name: 'UK', regex: '^0[1-9][0-9]{9}$', prefix: '', strippedChars: ' ' },
      ],
      (entry, reason) => skipped.push(`${entry.name}: ${reason}`),
    );
    assert.deepEqual(
      entries.map((e) => e.name),
      ['UK'],
    );
    assert.deepEqual(
      skipped.map((s) => s.split(':')[0]),
      ['Lookahead', 'Backref', 'Broken'],
    );
    const lookahead: DialRules = { mode: 'plan', entries: [{ ...entries[0]!, regex: '^(?=1)1$' }] };
    assert.equal(checkDialNumber('1', lookahead).ok, false, 'an unusable regex accepts nothing');
  });

  it('when a plan is unanchored, then it matches anywhere in the number, as RegExp.test does', () => {
    const rules: DialRules = {
      mode: 'plan',
      entries: [{ name: 'Has 555', regex: '555', prefix: '', strippedChars: '' }],
    };
    assert.equal(checkDialNumber('14155550100', rules).ok, true);
    assert.equal(checkDialNumber('14154440100', rules).ok, false);
  });
});
