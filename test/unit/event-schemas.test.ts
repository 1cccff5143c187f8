// WxCC events are read through zod schemas: a field of the wrong type reads as absent, the event still counts.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { reduceContacts } from '../../src/agent-session/contact-events';
import { describeContactFailure } from '../../src/agent-session/contact-failures';
import { inEnglish, translator } from '../../src/i18n/translate';

const inEnglishOf = (event: Parameters<typeof describeContactFailure>[0]) =>
  inEnglish(describeContactFailure(event));
import { emptyContactBook } from '../../src/agent-session/contact-view';
import { applyEvent, parseNotification } from '../../src/agent-session/station-events';
import { emptySnapshot } from '../../src/agent-session/snapshot';

/** The reducer's clock: injected, never read from the machine. */
const NOW = 1_700_000_000_000;

const AGENT = 'agent-1';

describe('event schemas', () => {
  it('when data is not an object, then the event still counts with empty data', () => {
    const event = parseNotification(JSON.stringify({ type: 'AgentStateChange', data: 'odd' }));
    assert.deepEqual(event, {
      outer: 'AgentStateChange',
      inner: 'AgentStateChange',
      trackingId: undefined,
      data: {},
    });
  });

  it('when the outer type is a number, then the frame is not an event', () => {
    assert.equal(parseNotification(JSON.stringify({ type: 7, data: {} })), undefined);
  });

  it('when an event carries unknown fields, then data keeps them for the readers downstream', () => {
    const event = parseNotification(
      JSON.stringify({ type: 'X', data: { type: 'Y', orgId: 'o', nested: { a: 1 } } }),
    );
    assert.deepEqual(event?.data, { type: 'Y', orgId: 'o', nested: { a: 1 } });
  });

  it('when a login event has wrong-typed and null fields, then the good ones still count', () => {
    const event = parseNotification(
      JSON.stringify({
        type: 'StationLogin',
        data: {
          type: 'AgentStationLoginSuccess',
          teamId: 'team-1',
          dialNumber: 12345,
          dn: '+14155550100',
          auxCodeId: null,
          subStatus: 'Idle',
          lastStateChangeTimestamp: '1700000000000',
          interactionIds: ['int-1', 7, null],
        },
      }),
    )!;
    const snapshot = applyEvent(emptySnapshot(), event, AGENT, NOW);
    assert.equal(snapshot.loggedIn, true);
    assert.equal(snapshot.teamId, 'team-1');
    assert.equal(snapshot.dialNumber, '+14155550100');
    assert.equal(snapshot.auxCodeId, undefined);
    assert.equal(snapshot.lastStateChangeTimestamp, 1_700_000_000_000);
    assert.deepEqual(snapshot.interactionIds, ['int-1']);
  });

  it('when a routing event has a malformed interaction, then the contact is still offered', () => {
    const book = reduceContacts(
      emptyContactBook(),
      {
        outer: 'RoutingMessage',
        inner: 'AgentOfferContact',
        data: {
          type: 'AgentOfferContact',
          interactionId: 'int-1',
          eventTime: 'not a time',
          interaction: {
            callProcessingDetails: 'broken',
            media: { 'int-1': null },
            participants: [1, 2],
            callFlowParams: { a: { name: 'Account', value: { deep: true } } },
            callAssociatedDetails: { ani: '+14155550100', customerName: null },
          },
        },
      },
      AGENT,
      1000,
    );
    const contact = book.items['int-1'];
    assert.equal(contact?.state, 'offered');
    assert.equal(contact?.offeredAt, 1000);
    assert.equal(contact?.ani, '+14155550100');
    assert.deepEqual(contact?.callVariables, []);
  });

  it('when a failure reason is a number, then it is quoted; when an object, left out', () => {
    const failure = (reason: unknown) =>
      inEnglishOf({
        outer: 'RoutingMessage',
        inner: 'AgentContactHoldFailed',
        data: { reason },
      });
    assert.equal(failure(1001), 'The call could not be put on hold: 1001.');
    assert.equal(
      translator('de').say(
        describeContactFailure({
          outer: 'RoutingMessage',
          inner: 'AgentContactHoldFailed',
          data: { reason: 'AGENT_BUSY' },
        }),
      ),
      'Der Anruf konnte nicht gehalten werden: dieser Agent ist beschäftigt.',
    );
    assert.equal(failure({ code: 1 }), 'The call could not be put on hold.');
  });
});
