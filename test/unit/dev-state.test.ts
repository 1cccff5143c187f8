// Development state kept across restarts: the generated session secret and the sandbox snapshot.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it, mock } from 'node:test';
import { loadConfig, withSessionSecret } from '../../src/settings/config';
import { keepDevSecret } from '../../src/settings/dev-secret';
import { persistState, restoreState, writeState } from 'wxcc-sandbox/persistence';
import { defaultSeed } from 'wxcc-sandbox/seed';
import { SandboxState } from 'wxcc-sandbox/state';

const tempDir = () => mkdtempSync(path.join(tmpdir(), 'wxcc-dev-'));

describe('development state', () => {
  it('when no SESSION_SECRET is set, then the generated one is kept (0600) and reused at the next start', () => {
    const dir = path.join(tempDir(), 'data');
    const first = keepDevSecret(dir);
    const second = keepDevSecret(dir);
    assert.equal(first.created, true);
    assert.equal(second.created, false);
    assert.equal(second.secret, first.secret);
    assert.equal(statSync(first.file).mode & 0o777, 0o600);
    const config = withSessionSecret(loadConfig({}), first.secret);
    assert.equal(config.session.secret, first.secret);
    assert.equal(config.session.encryptionKey, first.secret, 'the derived key follows it');
    assert.equal(config.session.secretGenerated, false);
    assert.ok(Object.isFrozen(config.session));
  });

  it('when the sandbox state is written and read back, then tokens, stations and states survive; expired and unknown ones do not', () => {
    const file = path.join(tempDir(), 'sandbox-state.json');
    const agent = defaultSeed.agents[0]!;
    const state = new SandboxState(defaultSeed);
    const later = Date.now() + 3_600_000;
    state.accessTokens.set('live', {
      clientId: 'c',
      agentId: agent.id,
      scopes: [],
      expiresAt: later,
    });
    state.accessTokens.set('old', { clientId: 'c', agentId: agent.id, scopes: [], expiresAt: 1 });
    state.refreshTokens.set('r', {
      clientId: 'c',
      agentId: agent.id,
      scopes: [],
      expiresAt: later,
      revoked: false,
    });
    state.refreshTokens.set('ghost', {
      clientId: 'c',
      agentId: 'no-such-agent',
      scopes: [],
      expiresAt: later,
      revoked: false,
    });
    state.sessions.set(agent.id, {
      agentSessionId: 's1',
      teamId: 't',
      dn: '+14155550100',
      deviceType: 'AGENT_DN',
      deviceId: '+14155550100',
      isExtension: false,
      roles: ['agent'],
      subStatus: 'Available',
      auxCodeId: '0',
      lastStateChangeReason: '',
      lastStateChangeTimestamp: 5,
      lastIdleCodeChangeTimestamp: 5,
      loginTimestamp: 5,
    });
    writeState(state, file);
    assert.equal(statSync(file).mode & 0o777, 0o600, 'it holds tokens');

    const restored = new SandboxState(defaultSeed);
    restoreState(restored, file);
    assert.deepEqual([...restored.accessTokens.keys()], ['live']);
    assert.deepEqual([...restored.refreshTokens.keys()], ['r']);
    assert.equal(restored.sessions.get(agent.id)?.subStatus, 'Available');
  });

  it('when the file is missing or garbage, then the sandbox starts empty', () => {
    const dir = tempDir();
    const state = new SandboxState(defaultSeed);
    assert.equal(restoreState(state, path.join(dir, 'none.json')), 0);
    assert.equal(state.sessions.size, 0);
  });

  it('when changes come in a burst, then one write follows; flush writes what is pending', () => {
    mock.timers.enable({ apis: ['setTimeout'] });
    try {
      const file = path.join(tempDir(), 'state.json');
      const state = new SandboxState(defaultSeed);
      const persistence = persistState(state, file, { debounceMs: 250 });
      persistence.schedule();
      state.interactions.set(defaultSeed.agents[0]!.id, ['i1']);
      persistence.schedule();
      assert.throws(() => readFileSync(file), 'nothing written before the debounce');
      mock.timers.tick(250);
      assert.match(readFileSync(file, 'utf8'), /"i1"/);
      state.interactions.set(defaultSeed.agents[0]!.id, ['i2']);
      persistence.schedule();
      persistence.flush();
      assert.match(readFileSync(file, 'utf8'), /"i2"/);
    } finally {
      mock.timers.reset();
    }
  });
});
