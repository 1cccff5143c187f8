// Table tests of the contacts reducer: event sequences from TASKS.md in, contact view state out.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { inEnglish } from '../../src/i18n/translate';
import { reduceContacts } from '../../src/agent-session/contact-events';
import { emptyContactBook, type ContactBook } from '../../src/agent-session/contact-view';
import { applyEvent } from '../../src/agent-session/station-events';
import { emptySnapshot, type NotificationEvent } from '../../src/agent-session/snapshot';

const AGENT = 'agent-1';
const ID = 'int-1';
const T0 = 1_700_000_000_000;

function interaction(state: string, extra: Record<string, unknown> = {}) {
  return {
    interactionId: ID,
    mainInteractionId: ID,
    state,
    owner: AGENT,
    createdTimestamp: T0 - 5000,
    contactDirection: { type: 'INBOUND' },
    callProcessingDetails: {
      ani: '+14155550100',
      customerName: 'Ada Lovelace',
      virtualTeamName: 'Billing',
      QueueId: 'q-1',
      pauseResumeEnabled: 'true',
      isPaused: 'false',
    },
    callFlowParams: { AccountId: { name: 'AccountId', value: '42', qualifier: '' } },
    media: { [ID]: { mediaResourceId: 'main-media', isHold: false } },
    participants: { [AGENT]: { id: AGENT, pType: 'Agent', isWrapUp: false } },
    ...extra,
  };
}

function routing(type: string, data: Record<string, unknown> = {}, at = T0): NotificationEvent {
  return {
    outer: 'RoutingMessage',
    inner: type,
    data: {
      type,
      eventType: 'RoutingMessage',
      interactionId: ID,
      mediaResourceId: 'agent-media',
      agentId: AGENT,
      eventTime: at,
      ...data,
    },
  };
}

function fold(events: NotificationEvent[], start: ContactBook = emptyContactBook()): ContactBook {
  return events.reduce((book, e) => reduceContacts(book, e, AGENT, T0), start);
}

const offered = [
  routing('AgentContactReserved', { interaction: interaction('new') }),
  routing('AgentOfferContact', { ronaTimeout: 30, interaction: interaction('new') }),
];

describe('contacts reducer', () => {
  const table: {
    name: string;
    events: NotificationEvent[];
    state?: string;
    gone?: boolean;
    check?: (book: ContactBook) => void;
  }[] = [
    {
      name: 'when a contact is reserved and offered, then it is offered with caller, queue, CAD and RONA',
      events: offered,
      state: 'offered',
      check: (b) => {
        const c = b.items[ID]!;
        assert.equal(c.ani, '+14155550100');
        assert.equal(c.customerName, 'Ada Lovelace');
        assert.equal(c.queueName, 'Billing');
        assert.deepEqual(c.callVariables, [{ name: 'AccountId', value: '42' }]);
        assert.equal(c.ronaTimeoutSec, 30);
        assert.equal(c.offeredAt, T0);
        assert.equal(c.createdTimestamp, T0 - 5000);
        assert.equal(c.mediaResourceId, 'agent-media');
        assert.equal(c.mainMediaResourceId, 'main-media');
        assert.equal(c.recording.pauseResumeEnabled, true);
      },
    },
    {
      name: 'when the agent answers on the phone, then the contact is connected',
      events: [
        ...offered,
        routing('AgentContactAssigned', { interaction: interaction('connected') }),
      ],
      state: 'connected',
    },
    {
      name: 'when the call is held, then it is held; when resumed, connected again',
      events: [...offered, routing('AgentContactAssigned'), routing('AgentContactHeld')],
      state: 'held',
      check: (b) =>
        assert.equal(
          reduceContacts(b, routing('AgentContactUnheld'), AGENT, T0).items[ID]?.state,
          'connected',
        ),
    },
    {
      name: 'when a hold fails without an interaction id, then the only contact carries the reason',
      events: [
        ...offered,
        routing('AgentContactAssigned'),
        routing('AgentContactHoldFailed', { interactionId: undefined, reason: 'MEDIA_ERROR' }),
      ],
      state: 'connected',
      check: (b) =>
        assert.match(inEnglish(b.items[ID]!.note!.text), /could not be put on hold: MEDIA_ERROR/),
    },
    {
      name: 'when the agent ends the call, then wrap-up begins at the event time',
      events: [...offered, routing('AgentContactAssigned'), routing('AgentWrapup', {}, T0 + 9000)],
      state: 'wrapup',
      check: (b) => assert.equal(b.items[ID]!.wrapUpStartedAt, T0 + 9000),
    },
    {
      name: 'when the caller hangs up during hold, then wrap-up is required',
      events: [
        ...offered,
        routing('AgentContactAssigned'),
        routing('AgentContactHeld'),
        routing('ContactEnded', { agentsPendingWrapUp: [AGENT] }),
      ],
      state: 'wrapup',
      check: (b) => assert.match(inEnglish(b.items[ID]!.note!.text), /caller hung up/),
    },
    {
      // Cisco's SDK (TaskManager.ts CONTACT_ENDED) owes wrap-up only when agentsPendingWrapUp
      // names the agent, whatever a participant flag says.
      name: 'when the call ends and agentsPendingWrapUp does not name the agent, then no wrap-up is owed',
      events: [
        ...offered,
        routing('AgentContactAssigned'),
        routing('ContactEnded', {
          agentsPendingWrapUp: [],
          interaction: interaction('connected', {
            participants: { [AGENT]: { id: AGENT, pType: 'Agent', isWrapUp: true } },
          }),
        }),
      ],
      gone: true,
    },
    {
      name: 'when wrap-up is done, then the contact is gone',
      events: [
        ...offered,
        routing('AgentContactAssigned'),
        routing('AgentWrapup'),
        routing('AgentWrappedUp'),
      ],
      gone: true,
    },
    {
      name: 'when the phone rings out, then the contact is gone and a note says RONA made the agent Idle',
      events: [...offered, routing('AgentOfferContactRona', { reason: 'RONA' })],
      gone: true,
      check: (b) =>
        assert.match(inEnglish(b.notes[0]!.text), /Ada Lovelace rang out.*Idle \(RONA\)/),
    },
    {
      name: 'when the caller abandons while ringing, then the contact is gone with a note',
      events: [
        ...offered,
        routing('ContactEnded', { interaction: interaction('new'), agentsPendingWrapUp: [] }),
      ],
      gone: true,
      check: (b) =>
        assert.match(inEnglish(b.notes[0]!.text), /hung up before the call was answered/),
    },
    {
      name: 'when a consult is created and connected, then the contact is consulting; consult end returns to held',
      events: [
        ...offered,
        routing('AgentContactAssigned'),
        routing('AgentConsultCreated', { destAgentId: 'agent-2' }),
        routing('AgentConsulting', { destAgentId: 'agent-2' }),
      ],
      state: 'consulting',
      check: (b) => {
        assert.deepEqual(b.items[ID]!.consult, {
          destinationType: 'agent',
          to: 'agent-2',
          connected: true,
        });
        const ended = reduceContacts(
          b,
          routing('AgentConsultEnded', {
            interaction: interaction('connected', {
              media: { [ID]: { mediaResourceId: 'main-media', isHold: true } },
            }),
          }),
          AGENT,
          T0,
        );
        assert.equal(ended.items[ID]!.state, 'held');
        assert.equal(ended.items[ID]!.consult, undefined);
      },
    },
    {
      // Cisco's SDK services/core/Utils.ts getConsultedAgentId: the other participant of the media
      // entry with mType 'consult' is who consult transfer and conference go to.
      name: 'when a queue consult connects, then the agent who answered is read from the consult leg',
      events: [
        ...offered,
        routing('AgentContactAssigned'),
        routing('AgentConsultCreated', { destinationType: 'queue', destAgentId: AGENT }),
        routing('AgentConsulting', {
          destAgentId: 'agent-2',
          interaction: interaction('consult', {
            media: {
              [ID]: { mediaResourceId: ID, mType: 'mainCall', isHold: true },
              'consult-media': {
                mediaResourceId: 'consult-media',
                mType: 'consult',
                participants: [AGENT, 'agent-2'],
              },
            },
            participants: {
              [AGENT]: { id: AGENT, pType: 'Agent' },
              'agent-2': { id: 'agent-2', pType: 'Agent', isConsulted: true },
            },
          }),
        }),
      ],
      state: 'consulting',
      check: (b) =>
        assert.deepEqual(b.items[ID]!.consult, {
          destinationType: 'queue',
          to: undefined,
          connected: true,
          agentId: 'agent-2',
        }),
    },
    {
      name: 'when a dial-number consult connects, then the number is named as the consult leg lists its DN participant (SDK calculateDestAgentId/calculateDestType)',
      events: [
        ...offered,
        routing('AgentContactAssigned'),
        routing('AgentConsultCreated', { destinationType: 'dialNumber', destAgentId: AGENT }),
        routing('AgentConsulting', {
          interaction: interaction('consult', {
            media: {
              [ID]: { mediaResourceId: ID, mType: 'mainCall', isHold: true },
              'consult-media': {
                mediaResourceId: 'consult-media',
                mType: 'consult',
                participants: [AGENT, '+14155550123'],
              },
            },
            participants: {
              [AGENT]: { id: AGENT, pType: 'Agent' },
              '+14155550123': { id: '+14155550123', pType: 'DN', type: 'DN' },
            },
          }),
        }),
      ],
      state: 'consulting',
      check: (b) =>
        assert.deepEqual(b.items[ID]!.consult, {
          destinationType: 'dialNumber',
          to: undefined,
          connected: true,
          party: { to: '+14155550123', destinationType: 'dialNumber' },
        }),
    },
    {
      name: 'when an entry-point consult connects, then it is named by the EP-DN participant’s epId, as an entryPoint',
      events: [
        ...offered,
        routing('AgentContactAssigned'),
        routing('AgentConsultCreated', { destinationType: 'entryPoint', destAgentId: AGENT }),
        routing('AgentConsulting', {
          interaction: interaction('consult', {
            media: {
              [ID]: { mediaResourceId: ID, mType: 'mainCall', isHold: true },
              'consult-media': {
                mediaResourceId: 'consult-media',
                mType: 'consult',
                participants: [AGENT, 'ep-leg'],
              },
            },
            participants: {
              [AGENT]: { id: AGENT, pType: 'Agent' },
              'ep-leg': { id: 'ep-leg', pType: 'EP-DN', type: 'EpDn', epId: 'ep-7' },
            },
          }),
        }),
      ],
      state: 'consulting',
      check: (b) =>
        assert.deepEqual(b.items[ID]!.consult?.party, {
          to: 'ep-7',
          destinationType: 'entryPoint',
        }),
    },
    {
      name: 'when a dialled number is conferenced in, then it is a party on the call named by its number, not an agent (SDK TaskUtils.ts getIsConferenceInProgress counts it)',
      events: [
        ...offered,
        routing('AgentContactAssigned'),
        routing('AgentConsultConferenced', {
          interaction: interaction('conference', {
            media: {
              [ID]: {
                mediaResourceId: ID,
                mType: 'mainCall',
                participants: ['customer-1', AGENT, 'dn-leg'],
              },
            },
            participants: {
              'customer-1': { id: 'customer-1', pType: 'Customer' },
              [AGENT]: { id: AGENT, pType: 'Agent', name: 'Ada Agent' },
              'dn-leg': { id: 'dn-leg', pType: 'DN', type: 'DN', dn: '+14085550199' },
            },
          }),
        }),
      ],
      state: 'conference',
      check: (b) =>
        assert.deepEqual(b.items[ID]!.agentsOnCall, [
          { agentId: AGENT, name: 'Ada Agent' },
          { agentId: 'dn-leg', outside: 'number', dn: '+14085550199' },
        ]),
    },
    {
      name: 'when the consulted agent declines, then the consult fails and the call stays held',
      events: [
        ...offered,
        routing('AgentContactAssigned'),
        routing('AgentContactHeld'),
        routing('AgentConsultFailed', { reason: 'AGENT_DECLINED' }),
      ],
      state: 'held',
      check: (b) => assert.match(inEnglish(b.items[ID]!.note!.text), /other agent declined/),
    },
    {
      name: 'when a blind transfer succeeds, then the agent is in wrap-up',
      events: [...offered, routing('AgentContactAssigned'), routing('AgentBlindTransferred')],
      state: 'wrapup',
    },
    {
      name: 'when the recording is paused, then the contact says so',
      events: [...offered, routing('AgentContactAssigned'), routing('ContactRecordingPaused')],
      check: (b) => assert.equal(b.items[ID]!.recording.paused, true),
    },
    {
      name: 'when an outdial is refused, then a note says why',
      events: [
        routing('AgentOutboundFailed', { interactionId: undefined, reason: 'AGENT_NOT_AVAILABLE' }),
      ],
      check: (b) => {
        assert.deepEqual(b.items, {});
        assert.match(
          inEnglish(b.notes[0]!.text),
          /outbound call was refused: you must be Available/,
        );
      },
    },
    {
      name: 'when an outdial is offered, then the contact is outbound',
      events: [
        routing('AgentOfferContact', {
          interaction: interaction('new', {
            outboundType: 'OUTDIAL',
            contactDirection: { type: 'OUTBOUND' },
          }),
        }),
      ],
      state: 'offered',
      check: (b) => assert.equal(b.items[ID]!.direction, 'OUTBOUND'),
    },
  ];

  for (const row of table) {
    it(row.name, () => {
      const book = fold(row.events);
      if (row.gone) assert.equal(book.items[ID], undefined);
      if (row.state) assert.equal(book.items[ID]?.state, row.state);
      row.check?.(book);
    });
  }

  const snapshots: [string, Record<string, unknown>, string][] = [
    ['new', interaction('new'), 'offered'],
    ['connected', interaction('connected'), 'connected'],
    [
      'held',
      interaction('connected', { media: { [ID]: { mediaResourceId: 'm', isHold: true } } }),
      'held',
    ],
    ['consult', interaction('consult'), 'consulting'],
    ['conference', interaction('conference'), 'conference'],
    ['WRAPUP', interaction('WRAPUP'), 'wrapup'],
    ['wrapUp', interaction('wrapUp'), 'wrapup'],
    ['post_call', interaction('post_call'), 'wrapup'],
    [
      'isWrapUp participant',
      interaction('connected', { participants: { [AGENT]: { isWrapUp: true } } }),
      'wrapup',
    ],
  ];
  for (const [name, snap, expected] of snapshots) {
    it(`when a reload snapshot says ${name}, then the contact is ${expected}`, () => {
      const book = fold([routing('AgentContact', { interaction: snap })]);
      assert.equal(book.items[ID]?.state, expected);
      assert.equal(book.items[ID]?.createdTimestamp, T0 - 5000);
    });
  }

  it('when a relogin lists no interaction, then remembered contacts are dropped', () => {
    const book = fold([...offered, routing('AgentContactAssigned')]);
    const after = reduceContacts(
      book,
      { outer: 'AgentReloginSuccess', inner: 'AgentReloginSuccess', data: { interactionIds: [] } },
      AGENT,
      T0,
    );
    assert.deepEqual(after.items, {});
  });

  it('when an unknown contact ends without wrap-up, then nothing changes', () => {
    const book = emptyContactBook();
    assert.equal(reduceContacts(book, routing('ContactEnded'), AGENT, T0), book);
  });

  it('when a station event arrives, then the snapshot keeps its contacts; routing events fill them', () => {
    let snap = emptySnapshot();
    for (const e of offered) snap = applyEvent(snap, e, AGENT, T0);
    assert.equal(snap.contacts.items[ID]?.state, 'offered');
    const again = applyEvent(
      snap,
      { outer: 'AgentStateChange', inner: 'AgentStateChangeSuccess', data: { subStatus: 'Idle' } },
      AGENT,
      T0,
    );
    assert.equal(again.contacts, snap.contacts);
  });
});

describe('a participant leaves a conference', () => {
  const OTHER = 'agent-2';
  /** A three-party conference: the customer, this agent and another; `left` names who is gone. */
  function leftEvent(left: string) {
    const agent = (id: string) => ({
      id,
      pType: 'Agent',
      hasLeft: id === left,
      isWrapUp: id === left,
    });
    return routing('ParticipantLeftConference', {
      participantId: left,
      interaction: interaction('conference', {
        participants: {
          '+14155550100': { id: '+14155550100', pType: 'Customer', hasLeft: false },
          [AGENT]: agent(AGENT),
          [OTHER]: agent(OTHER),
        },
      }),
    });
  }
  const inConference = () =>
    fold([
      ...offered,
      routing('AgentContactAssigned', { interaction: interaction('connected') }),
      routing('AgentConsultConferenced', { interaction: interaction('conference') }),
    ]);

  it('when the other agent leaves, then this agent keeps the call with the customer (the event names the recipient, not who left)', () => {
    const book = fold([leftEvent(OTHER)], inConference());
    assert.equal(book.items[ID]?.state, 'connected');
    assert.match(inEnglish(book.items[ID]?.note?.text ?? ''), /A participant left/);
  });

  it('when this agent leaves, then this agent wraps up', () => {
    const book = fold([leftEvent(AGENT)], inConference());
    assert.equal(book.items[ID]?.state, 'wrapup');
  });
});

describe('a reload during a consult', () => {
  const OTHER = 'agent-2';
  /** WxCC's snapshot after a reload: the call in consult, with a consult leg to another agent. */
  const snapshot = routing('AgentContact', {
    interaction: interaction('consult', {
      media: {
        [ID]: { mediaResourceId: 'main-media', mType: 'mainCall', isHold: true },
        'consult-media': {
          mediaResourceId: 'consult-media',
          mType: 'consult',
          participants: [AGENT, OTHER],
        },
      },
      participants: {
        [AGENT]: { id: AGENT, pType: 'Agent', hasLeft: false },
        [OTHER]: { id: OTHER, pType: 'Agent', hasLeft: false },
      },
    }),
  });

  it('when only the reload snapshot is known (a new sign-in, a restart), then the consult and its controls come back', () => {
    const book = fold([snapshot]);
    assert.equal(book.items[ID]?.state, 'consulting');
    assert.deepEqual(book.items[ID]?.consult, {
      destinationType: 'agent',
      to: OTHER,
      agentId: OTHER,
      connected: true,
    });
  });
});
