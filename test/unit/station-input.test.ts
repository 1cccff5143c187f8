// Unit tests of form validation: what an agent types is checked before WxCC sees it.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  normaliseDialNumber,
  parseLogoutReason,
  parseStateChoice,
  parseStationChoice,
} from '../../src/services/station-input';

describe('normaliseDialNumber', () => {
  it('when a number is typed with spaces, brackets and dashes, then it becomes E.164', () => {
    assert.equal(normaliseDialNumber('+1 (415) 555-0100'), '+14155550100');
    assert.equal(normaliseDialNumber('0044 20 7946 0000'), '+442079460000');
  });
  it('when the country code is missing or the number is too short, then it is refused', () => {
    assert.equal(normaliseDialNumber('4155550100'), undefined);
    assert.equal(normaliseDialNumber('+1234'), undefined);
    assert.equal(normaliseDialNumber('+1 415 555 0100 99999'), undefined);
  });
});

describe('parseStationChoice', () => {
  const team = 'c1d2e3f4-0000-4000-8000-000000000001';
  it('when a dial number is valid, then the normalised choice comes back', () => {
    assert.deepEqual(
      parseStationChoice({ teamId: team, deviceType: 'AGENT_DN', dialNumber: '+1 415 555 0100' }),
      { teamId: team, deviceType: 'AGENT_DN', dialNumber: '+14155550100' },
    );
  });
  it('when the extension has letters, then the message is on the dial number field', () => {
    assert.throws(
      () => parseStationChoice({ teamId: team, deviceType: 'EXTENSION', dialNumber: '12a' }),
      { code: 'bad_input', field: 'dialNumber' },
    );
  });
  it('when the browser is chosen, then no dial number is needed', () => {
    assert.equal(
      parseStationChoice({ teamId: team, deviceType: 'BROWSER', dialNumber: '' }).dialNumber,
      '',
    );
  });
  it('when hostile values are sent, then each is refused on its own field', () => {
    const hostile = ['<script>alert(1)</script>', 'a'.repeat(5000), '../../etc/passwd', 'x\u0000y'];
    for (const value of hostile) {
      assert.throws(() => parseStationChoice({ teamId: value, deviceType: 'AGENT_DN' }), {
        field: 'teamId',
      });
      assert.throws(
        () => parseStationChoice({ teamId: team, deviceType: 'AGENT_DN', dialNumber: value }),
        { field: 'dialNumber' },
      );
      assert.throws(() => parseStationChoice({ teamId: team, deviceType: value }), {
        field: 'deviceType',
      });
    }
  });
  it('when fields are not strings (arrays from repeated keys), then they are refused', () => {
    assert.throws(() => parseStationChoice({ teamId: [team, team], deviceType: 'AGENT_DN' }), {
      field: 'teamId',
    });
  });
});

describe('parseStateChoice and parseLogoutReason', () => {
  it('when Available is chosen, then the aux code is "0"', () => {
    assert.deepEqual(parseStateChoice({ state: 'Available', auxCodeId: 'x' }), {
      state: 'Available',
      auxCodeId: '0',
    });
  });
  it('when Idle comes without a reason, then it is refused on the reason field', () => {
    assert.throws(() => parseStateChoice({ state: 'Idle' }), { field: 'auxCodeId' });
    assert.throws(() => parseStateChoice({ state: 'Sleeping' }), { field: 'state' });
  });
  it('when the logout reason is too long or has control characters, then it is refused', () => {
    assert.throws(() => parseLogoutReason({ reason: 'x'.repeat(129) }), { field: 'reason' });
    assert.throws(() => parseLogoutReason({ reason: 'a\nb' }), { field: 'reason' });
    assert.equal(parseLogoutReason({}), 'Agent logged out from the desktop');
  });
});
