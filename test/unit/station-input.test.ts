// Unit tests of form validation: what an agent types is checked before WxCC sees it.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  parseLogoutReason,
  parseStateChoice,
  parseStationChoice,
} from '../../src/station/station-input';
import { DEFAULT_DIAL_RULES } from '../../src/station/dial-plan';

describe('parseStationChoice', () => {
  const team = 'c1d2e3f4-0000-4000-8000-000000000001';
  it('when a dial number is typed with spaces and brackets, then what WxCC dials comes back', () => {
    assert.deepEqual(
      parseStationChoice({ teamId: team, deviceType: 'AGENT_DN', dialNumber: '+1 (415) 555 0100' }),
      { teamId: team, deviceType: 'AGENT_DN', dialNumber: '+14155550100' },
    );
  });
  it('when team ids come in older formats (20-character, numeric, with _ or -), then they are accepted', () => {
    for (const id of ['AXCZ6mPkRdi6m3ouq5cV', '4711', 'AXp9_gIt-QLx3F8hwQ2k']) {
      const offer = {
        teamIds: [id],
        loginOptions: ['AGENT_DN' as const],
        dialRules: DEFAULT_DIAL_RULES,
      };
      const choice = parseStationChoice(
        { teamId: id, deviceType: 'AGENT_DN', dialNumber: '14155550100' },
        offer,
      );
      assert.equal(choice.teamId, id);
    }
  });
  it('when the team is not one the agent was offered, then it is refused on the team field', () => {
    const offer = {
      teamIds: ['a'],
      loginOptions: ['AGENT_DN' as const],
      dialRules: DEFAULT_DIAL_RULES,
    };
    assert.throws(
      () => parseStationChoice({ teamId: 'b', deviceType: 'AGENT_DN', dialNumber: '1415' }, offer),
      { field: 'teamId' },
    );
  });
  it('when the browser is chosen, then it is refused: this desktop cannot serve a WebRTC station', () => {
    assert.throws(
      () => parseStationChoice({ teamId: team, deviceType: 'BROWSER', dialNumber: '' }),
      {
        field: 'deviceType',
      },
    );
  });
  it('when the extension has letters, then the message is on the dial number field', () => {
    assert.throws(
      () => parseStationChoice({ teamId: team, deviceType: 'EXTENSION', dialNumber: '12a' }),
      { code: 'bad_input', field: 'dialNumber' },
    );
  });
  it('when hostile values are sent, then each is refused on its own field', () => {
    const hostile = ['<script>alert(1)</script>', 'a'.repeat(5000), '../../etc/passwd', 'x\u0000y'];
    const offer = {
      teamIds: [team],
      loginOptions: ['AGENT_DN' as const],
      dialRules: DEFAULT_DIAL_RULES,
    };
    for (const value of hostile) {
      assert.throws(() => parseStationChoice({ teamId: value, deviceType: 'AGENT_DN' }, offer), {
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
  it('when the idle code is in an older id format and was offered, then it is accepted', () => {
    assert.deepEqual(parseStateChoice({ state: 'Idle', auxCodeId: '1001' }, ['1001']), {
      state: 'Idle',
      auxCodeId: '1001',
    });
    assert.throws(() => parseStateChoice({ state: 'Idle', auxCodeId: '1002' }, ['1001']), {
      field: 'auxCodeId',
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
