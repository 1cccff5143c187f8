// The callback's time zone list: every IANA zone Intl knows, UTC first; the tenant's zone found in
// it even when the tenant stores an alias; dates on the zone's own calendar.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  CALLBACK_TIME_ZONES,
  dateIn,
  isOfferedTimeZone,
  listedTimeZone,
} from '../../src/agent-tools/time-zones';
import { timeZoneOptions } from '../../src/routes/time-zone-options';

describe('callback time zones', () => {
  it('when the list is read, then UTC comes first and every zone Intl supports follows once', () => {
    assert.equal(CALLBACK_TIME_ZONES[0], 'UTC');
    assert.equal(new Set(CALLBACK_TIME_ZONES).size, CALLBACK_TIME_ZONES.length);
    for (const zone of ['Europe/London', 'America/Los_Angeles', 'Asia/Tokyo']) {
      assert.ok(isOfferedTimeZone(zone), zone);
    }
    assert.equal(isOfferedTimeZone('Nowhere/Atlantis'), false);
    assert.equal(
      isOfferedTimeZone('EST5EDT'),
      false,
      'a name Intl takes but the list does not hold',
    );
    assert.equal(isOfferedTimeZone(''), false);
  });

  it('when the tenant stores a zone, then the form starts on its entry in the list (an alias by its canonical name)', () => {
    assert.equal(listedTimeZone('Europe/Berlin'), 'Europe/Berlin');
    assert.equal(listedTimeZone('US/Eastern'), 'America/New_York');
    assert.equal(listedTimeZone('Not/AZone'), undefined);
    assert.equal(listedTimeZone(undefined), undefined);
  });

  it('when it is late evening in UTC, then tomorrow in Tokyo is a day later than in Los Angeles', () => {
    const at = Date.UTC(2026, 11, 2, 23, 30);
    assert.equal(dateIn('UTC', at, 1), '2026-12-03');
    assert.equal(dateIn('Asia/Tokyo', at, 1), '2026-12-04');
    assert.equal(dateIn('America/Los_Angeles', at, 1), '2026-12-03');
  });

  it('when the form draws its options, then every zone is offered once with only the given one selected, and the same text is reused', () => {
    const html = timeZoneOptions('Europe/Berlin');
    const values = [...html.matchAll(/<option value="([^"]+)"/g)].map((m) => m[1]);
    assert.deepEqual(values, [...CALLBACK_TIME_ZONES]);
    assert.deepEqual(
      [...html.matchAll(/<option value="([^"]+)" selected>/g)].map((m) => m[1]),
      ['Europe/Berlin'],
    );
    assert.equal(timeZoneOptions('Europe/Berlin'), html, 'drawn once');
    assert.match(timeZoneOptions('UTC'), /^<option value="UTC" selected>UTC<\/option>/);
  });

  it('when the same zone’s date is asked for again, then it is the same calendar date', () => {
    const now = Date.UTC(2026, 11, 2, 23, 30);
    assert.equal(dateIn('Asia/Tokyo', now), '2026-12-03');
    assert.equal(dateIn('Asia/Tokyo', now), '2026-12-03');
    assert.equal(dateIn('America/Los_Angeles', now, 1), '2026-12-03');
    assert.equal(dateIn('UTC', now), '2026-12-02');
  });
});
