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
});
