// Notification events have no OpenAPI schema; these check the ones derived from CONTRACT.md catch bad frames.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validateNotification } from '../fixtures/notification-schemas';
import { notificationSamples, type NotificationSample } from '../fixtures/variants';

function sample(name: string): NotificationSample {
  const found = notificationSamples.find((candidate) => candidate.name === name);
  assert.ok(found, name);
  return structuredClone(found);
}

function withData(
  name: string,
  change: (data: Record<string, unknown>) => void,
): Record<string, unknown> {
  const { event } = sample(name);
  change(event.data as Record<string, unknown>);
  return event;
}

const messages = (event: unknown) => validateNotification(event).map((found) => found.message);

describe('validateNotification', () => {
  it('when a station login succeeds without its session id, then data.agentSessionId is named', () => {
    const event = withData(
      'StationLogin/AgentStationLoginSuccess',
      (data) => delete data.agentSessionId,
    );
    assert.deepEqual(messages(event), ['data.agentSessionId: is required']);
  });

  it('when a failure has no reason, then data.reason is named', () => {
    const event = withData(
      'StationLogin/AgentStationLoginFailed DUPLICATE_LOCATION',
      (data) => delete data.reason,
    );
    assert.deepEqual(messages(event), ['data.reason: is required']);
  });

  it('when subStatus or a timestamp has the wrong value, then each field is named', () => {
    const event = withData('StationLogin/AgentStationLoginSuccess', (data) => {
      data.subStatus = 'Busy';
      data.lastStateChangeTimestamp = '2025-01-01';
    });
    assert.deepEqual(messages(event), [
      'data.subStatus: must be one of "Available", "Idle"',
      'data.lastStateChangeTimestamp: must be number',
    ]);
  });

  it('when an inner type does not belong to its outer type, then data.type lists the ones that do', () => {
    const event = withData(
      'Logout/AgentLogoutSuccess',
      (data) => (data.type = 'AgentStationLoginSuccess'),
    );
    assert.deepEqual(messages(event), [
      'data.type: must be one of "AgentLogoutSuccess", "AgentLogoutFailed" for a Logout event',
    ]);
  });

  it('when an agent event lacks the envelope’s orgId and trackingId, then both are named', () => {
    const { event } = sample('AgentReloginFailed/AgentReloginFailed AGENT_NOT_FOUND');
    delete event.orgId;
    delete event.trackingId;
    assert.deepEqual(messages(event), ['orgId: is required', 'trackingId: is required']);
  });

  it('when the frame is not an event this contract describes, then it says so', () => {
    assert.match(
      messages({ type: 'AgentContactReserved', data: {} })[0] ?? '',
      /^type: must be one of/,
    );
    assert.deepEqual(messages({ keepalive: 'true' }).length, 1);
    assert.deepEqual(messages('Welcome'), ['(event): must be a JSON object']);
  });

  it('when a contact event lacks its interaction id or calls itself a desktop message, then each is named', () => {
    const ended = withData('RoutingMessage/ContactEnded', (data) => {
      delete data.agentsPendingWrapUp;
      data.eventType = 'AgentDesktopMessage';
    });
    assert.deepEqual(messages(ended), [
      'data.agentsPendingWrapUp: is required',
      'data.eventType: must be "RoutingMessage"',
    ]);
    const assigned = withData('RoutingMessage/AgentContactAssigned', (data) => {
      data.interactionId = '';
    });
    assert.deepEqual(messages(assigned), [
      'data.interactionId: must NOT have fewer than 1 characters',
    ]);
  });

  it('when an interaction has an unknown state or a hold flag that is not a boolean, then each is named', () => {
    const held = withData('RoutingMessage/AgentContactHeld', (data) => {
      const interaction = data.interaction as Record<string, unknown>;
      interaction.state = 'onHold';
      const media = interaction.media as Record<string, Record<string, unknown>>;
      for (const item of Object.values(media)) item.isHold = 'true';
    });
    assert.deepEqual(
      messages(held).map((m) => m.replace(/media\.[^.]+\./, 'media.<id>.')),
      [
        'data.interaction.state: must be one of "new", "connected", "held", "consult", "conference", "WRAPUP", "merged"',
        'data.interaction.media.<id>.isHold: must be boolean',
      ],
    );
  });

  it('when a task failure has no reason, then data.reason is named', () => {
    const failed = withData('RoutingMessage/AgentWrapupFailed', (data) => delete data.reason);
    assert.deepEqual(messages(failed), ['data.reason: is required']);
  });

  it('when the service adds fields to an event, then that is tolerated', () => {
    const event = withData('AgentReloginSuccess/AgentReloginSuccess', (data) => {
      data.channelsMap = { telephony: ['t1'] };
      data.profileType = 'BLENDED';
    });
    assert.deepEqual(messages(event), []);
  });

  it('when Welcome carries only the agent id, then there is no issue, and without it there is one', () => {
    assert.deepEqual(messages({ type: 'Welcome', data: { agentId: 'a1' } }), []);
    assert.deepEqual(messages({ type: 'Welcome', data: {} }), ['data.agentId: is required']);
  });
});
