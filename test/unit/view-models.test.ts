// Unit tests of what the pages show for real-tenant cases: a browser station logged in elsewhere,
// system idle codes, a provisioned number, a field error said once.
import { inEnglish, translator } from '../../src/i18n/translate';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadConfig } from '../../src/settings/config';
import { agentPageModel, stationFormModel, withoutRepeat } from '../../src/routes/view-models';
import { msg } from '../../src/i18n/message';
import { unavailableDirectory } from '../../src/station/station-directory';
import { emptySnapshot } from '../../src/agent-session/snapshot';

const agent = { personId: 'p', agentId: 'a', orgId: 'o', displayName: 'Alice' };
const loggedIn = { ...emptySnapshot(), known: true, loggedIn: true, subStatus: 'Idle' };

describe('view models for real tenants', () => {
  it('when another desktop logged the agent in on a browser station, then the page says so', () => {
    const model = agentPageModel(
      agent,
      { ...loggedIn, deviceType: 'BROWSER', dialNumber: 'a' },
      unavailableDirectory(),
    );
    assert.equal(inEnglish(model.station.device), 'Browser (WebRTC), from another desktop');
    assert.equal(model.station.dialNumber, undefined);
  });

  it('when WxCC set a system idle code, then its name is shown though it is not offered', () => {
    const directory = {
      ...unavailableDirectory(),
      idleCodes: [],
      idleNames: { AXc5RoNa8sYsC0de_q1Z: 'RONA' },
    };
    const model = agentPageModel(
      agent,
      { ...loggedIn, auxCodeId: 'AXc5RoNa8sYsC0de_q1Z' },
      directory,
    );
    assert.equal(inEnglish(model.state.label), 'Idle · RONA');
    // The tenant's name stays as written in every language; the words around it are translated.
    assert.equal(translator('de').say(model.state.label), 'Pause · RONA');
    assert.deepEqual(model.idleOptions, []);
  });

  it('when a field is refused, then the message is on the field only, and a provisioned number is locked', () => {
    const config = loadConfig({ SESSION_STORE: 'memory' });
    const directory = {
      ...unavailableDirectory(),
      dialRules: { mode: 'provisioned' as const, entries: [], provisioned: '+4930901820104' },
    };
    const flash = {
      kind: 'error' as const,
      message:
        'Your administrator set your dial number to +4930901820104; it cannot be changed here.',
      field: 'dialNumber',
      values: { dialNumber: '+49301' },
    };
    const model = stationFormModel(agent, undefined, undefined, config, directory, flash);
    assert.equal(model.flash, undefined);
    assert.equal(model.fieldError?.field, 'dialNumber');
    assert.equal(model.dial.locked, true);
    assert.equal(model.values.dialNumber, '+4930901820104');
  });

  it('when the page already explains a refusal in place, then the status line does not say it again, in any form', () => {
    const page = { takenOver: true, busy: true };
    const takenOver = msg('station.takenOverRefusal', { button: msg('bar.takenOver.button') });
    for (const message of [takenOver, msg('station.busyNote')]) {
      assert.equal(withoutRepeat({ kind: 'error', message }, page), undefined);
    }
    // A flash stored as plain English before the catalogs is recognised by its words.
    const stored = { kind: 'error' as const, message: 'Another desktop has your session.' };
    assert.equal(withoutRepeat(stored, page), undefined);
    const other = { kind: 'error' as const, message: msg('stationFailure.INVALID_TEAM') };
    assert.equal(withoutRepeat(other, page), other);
    assert.equal(withoutRepeat(other, { takenOver: false, busy: false }), other);
    assert.equal(
      withoutRepeat({ kind: 'error', message: takenOver }, { takenOver: false, busy: false })
        ?.message,
      takenOver,
    );
  });
});
