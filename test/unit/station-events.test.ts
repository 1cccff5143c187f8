// Unit tests of how notification events change the station snapshot.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyEvent, parseNotification } from '../../src/agent-session/station-events';
import { emptySnapshot } from '../../src/agent-session/snapshot';

/** The reducer's clock: injected, never read from the machine. */
const NOW = 1_700_000_000_000;

const AGENT = 'agent-1';
const frame = (outer: string, data: Record<string, unknown>) =>
  parseNotification(
    JSON.stringify({
      type: outer,
      orgId: 'o',
      data: { eventType: 'AgentDesktopMessage', ...data },
    }),
  )!;

describe('parseNotification', () => {
  it('when the frame is not JSON or has no type, then it is ignored', () => {
    assert.equal(parseNotification('not json'), undefined);
    assert.equal(parseNotification('{"keepalive":"true"}'), undefined);
    assert.equal(parseNotification('[1,2]'), undefined);
  });
  it('when the frame is an event, then outer and inner types are read', () => {
    const e = frame('StationLogin', { type: 'AgentStationLoginSuccess', trackingId: 't-1' });
    assert.equal(e.outer, 'StationLogin');
    assert.equal(e.inner, 'AgentStationLoginSuccess');
    assert.equal(e.trackingId, 't-1');
  });
});

describe('applyEvent', () => {
  const loggedIn = applyEvent(
    emptySnapshot(),
    frame('StationLogin', {
      type: 'AgentStationLoginSuccess',
      teamId: 'team-1',
      dn: '+14155550100',
      deviceType: 'AGENT_DN',
      subStatus: 'Idle',
      auxCodeId: 'idle-1',
      lastStateChangeTimestamp: 1000,
      interactionIds: [],
    }),
    AGENT,
    NOW,
  );

  it('when a station login succeeds, then the agent is logged in with that station', () => {
    assert.equal(loggedIn.known, true);
    assert.equal(loggedIn.loggedIn, true);
    assert.equal(loggedIn.dialNumber, '+14155550100');
    assert.equal(loggedIn.subStatus, 'Idle');
  });

  it('when a supervisor changes the state, then the page knows who did it', () => {
    const next = applyEvent(
      loggedIn,
      frame('AgentStateChange', {
        type: 'AgentStateChangeSuccess',
        subStatus: 'Available',
        auxCodeId: '0',
        lastStateChangeTimestamp: 2000,
        changedById: 'supervisor-9',
        changedByName: 'Sam Supervisor',
      }),
      AGENT,
      NOW,
    );
    assert.equal(next.subStatus, 'Available');
    assert.equal(next.changedByName, 'Sam Supervisor');
    assert.equal(next.lastStateChangeTimestamp, 2000);
  });

  it('when the agent changes the state, then no "changed by" is shown', () => {
    const next = applyEvent(
      loggedIn,
      frame('AgentStateChange', {
        type: 'AgentStateChangeSuccess',
        subStatus: 'Available',
        changedById: AGENT,
      }),
      AGENT,
      NOW,
    );
    assert.equal(next.changedByName, undefined);
  });

  it('when a relogin fails with AGENT_NOT_FOUND, then the agent is known to be logged out', () => {
    const next = applyEvent(
      emptySnapshot(),
      frame('AgentReloginFailed', { type: 'AgentReloginFailed', reason: 'AGENT_NOT_FOUND' }),
      AGENT,
      NOW,
    );
    assert.deepEqual([next.known, next.loggedIn], [true, false]);
  });

  it('when a relogin fails for another reason, then the state stays unknown', () => {
    const next = applyEvent(
      emptySnapshot(),
      frame('AgentReloginFailed', { type: 'AgentReloginFailed', reason: 'SERVER_ERROR' }),
      AGENT,
      NOW,
    );
    assert.equal(next.known, false);
  });

  it('when logged out by a supervisor, then who did it is kept', () => {
    const next = applyEvent(
      loggedIn,
      frame('Logout', {
        type: 'AgentLogoutSuccess',
        loggedOutBy: 'SUPERVISOR',
        changedByName: 'Sam',
      }),
      AGENT,
      NOW,
    );
    assert.equal(next.loggedIn, false);
    assert.equal(next.changedByName, 'Sam');
  });

  it('when another desktop takes over, then the snapshot says so', () => {
    const next = applyEvent(
      loggedIn,
      frame('AGENT_MULTI_LOGIN', { type: 'AGENT_MULTI_LOGIN' }),
      AGENT,
      NOW,
    );
    assert.equal(next.takenOver, true);
  });

  it('when the take-over frame carries AGENT_MULTI_LOGIN only in its outer type, then it is still detected', () => {
    const next = applyEvent(
      loggedIn,
      frame('AGENT_MULTI_LOGIN', { type: 'AgentDesktopNotification', reason: 'multi login' }),
      AGENT,
      NOW,
    );
    assert.equal(next.takenOver, true);
  });

  it('when WxCC refuses our socket for too many connections, then the session is held elsewhere', () => {
    const next = applyEvent(
      loggedIn,
      frame('AGENT_MAX_CONNECTIONS_EXCEEDED', { type: 'AGENT_MAX_CONNECTIONS_EXCEEDED' }),
      AGENT,
      NOW,
    );
    assert.equal(next.takenOver, true);
  });

  it('when state control v2 answers a reload (AgentRequestEvent / AgentChannelReloginSuccess), then the station is known', () => {
    const next = applyEvent(
      emptySnapshot(),
      frame('AgentRequestEvent', {
        type: 'AgentChannelReloginSuccess',
        teamId: 'AXCZ6mPk_di6m3ouq5cV',
        dn: '14155550100',
        deviceType: 'AGENT_DN',
        subStatus: 'Idle',
        auxCodeId: '2001',
        lastStateChangeReason: 'agent-wss-disconnect',
        interactionIds: [],
      }),
      AGENT,
      NOW,
    );
    assert.equal(next.known, true);
    assert.equal(next.loggedIn, true);
    assert.equal(next.teamId, 'AXCZ6mPk_di6m3ouq5cV');
    assert.equal(next.lastStateChangeReason, 'agent-wss-disconnect');
  });

  it('when state control v2 reports a state change (AgentChannelStateChanged), then the state follows', () => {
    const next = applyEvent(
      loggedIn,
      frame('AgentRequestEvent', {
        type: 'AgentChannelStateChanged',
        subStatus: 'Available',
        auxCodeId: '0',
        changedById: AGENT,
      }),
      AGENT,
      NOW,
    );
    assert.equal(next.subStatus, 'Available');
  });

  it('when a failure event arrives, then the snapshot is unchanged', () => {
    const next = applyEvent(
      loggedIn,
      frame('StationLogin', { type: 'AgentStationLoginFailed', reason: 'DUPLICATE_LOCATION' }),
      AGENT,
      NOW,
    );
    assert.equal(next, loggedIn);
  });
});
