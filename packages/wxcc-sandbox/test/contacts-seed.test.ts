// The contact seed merged into the org's: wrap-up codes added, the RONA code found or added.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultContactSeed, isRonaCode, withContactCodes } from '../src/contacts/contact-seed';
import { defaultSeed } from '../src/seed';

describe('contact seed', () => {
  it('when the org has a RONA system code, then it is kept and only the contact wrap-up codes are added', () => {
    const merged = withContactCodes(defaultSeed, defaultContactSeed);
    assert.equal(merged.auxCodes.filter(isRonaCode).length, 1);
    assert.equal(merged.auxCodes.length, defaultSeed.auxCodes.length + 1);
    assert.ok(merged.auxCodes.some((c) => c.id === 'AXUH3oN12eV-WekpnDpl'));
  });

  it('when the org has no RONA code, then the contact seed adds one; an id already there is not repeated', () => {
    const withoutRona = {
      ...defaultSeed,
      auxCodes: defaultSeed.auxCodes.filter((c) => !isRonaCode(c)),
    };
    const merged = withContactCodes(withoutRona, defaultContactSeed);
    assert.deepEqual(merged.auxCodes.filter(isRonaCode), [defaultContactSeed.ronaCode]);
    const twice = withContactCodes(merged, defaultContactSeed);
    assert.equal(twice.auxCodes.length, merged.auxCodes.length);
  });

  it('when a system code is described as no answer, then it counts as RONA; an agent-pickable one does not', () => {
    const code = { ...defaultContactSeed.ronaCode, name: 'Missed call', description: 'No answer' };
    assert.equal(isRonaCode(code), true);
    assert.equal(isRonaCode({ ...code, isSystemCode: false }), false);
    assert.equal(isRonaCode({ ...code, name: 'Break', description: 'Short break' }), false);
  });
});
