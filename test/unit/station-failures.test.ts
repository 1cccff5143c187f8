// Unit tests of WxCC failure events turned into plain words on the right field.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatSince } from '../../src/routes/view-models';
import { describeFailure } from '../../src/station/station-failures';

const failed = (outer: string, reason?: string) => ({
  outer,
  inner: `${outer}Failed`,
  trackingId: 'track-1',
  data: reason ? { reason } : {},
});

describe('describeFailure', () => {
  it('when the number is in use (DUPLICATE_LOCATION), then the dial number field says so', () => {
    const error = describeFailure(failed('StationLogin', 'DUPLICATE_LOCATION'));
    assert.equal(error.field, 'dialNumber');
    assert.match(error.userMessage, /already in use by another agent/);
    assert.equal(error.trackingId, 'track-1');
  });

  it('when the number is invalid (INVALID_DIAL_NUMBER), then the dial number field says so', () => {
    const error = describeFailure(failed('StationLogin', 'INVALID_DIAL_NUMBER'));
    assert.equal(error.field, 'dialNumber');
    assert.match(error.userMessage, /does not accept this number/);
  });

  it('when the reason is unknown, then a generic message names the action, the reason and asks for the tracking id', () => {
    const error = describeFailure(failed('AgentStateChange', 'SOMETHING_NEW'));
    assert.equal(error.field, undefined);
    assert.match(error.userMessage, /could not change your state \(SOMETHING_NEW\)/);
    assert.match(error.userMessage, /tracking id/);
  });

  it('when there is no reason at all, then the message still reads well', () => {
    assert.match(describeFailure(failed('Logout')).userMessage, /could not log you out\. /);
  });
});

describe('formatSince', () => {
  it('when minutes or hours have passed, then it reads like a clock', () => {
    assert.equal(formatSince(0, 65_000), '1:05');
    assert.equal(formatSince(0, 3_723_000), '1:02:03');
    assert.equal(formatSince(undefined), '');
    assert.equal(formatSince(10_000, 0), '0:00');
  });
});
