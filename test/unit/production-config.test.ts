// Production refuses a configuration that would lose sessions or expose tokens, and names each problem.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { randomBytes } from 'node:crypto';
import { ConfigError, loadConfig } from '../../src/settings/config';

/** A configuration fit for production; each test breaks one thing. */
const GOOD: Record<string, string> = {
  NODE_ENV: 'production',
  HOST: '0.0.0.0',
  PORT: '8080',
  WEBEX_CLIENT_ID: 'C0123456789abcdef',
  WEBEX_CLIENT_SECRET: 'client-secret-from-developer-webex-com',
  WEBEX_REDIRECT_URI: 'https://desktop.example.com/oauth',
  // Realistic random values: weak ones (32 × "a") are refused on their own.
  SESSION_SECRET: 'Qm7f2Kx9pLr4Tz8WvB3nYc6HdJ1sGa5E0uRiO',
  SESSION_STORE: 'redis',
  REDIS_URL: 'rediss://sessions.example.com:6380',
  TRUST_PROXY: '1',
  SESSION_ENCRYPTION_KEY: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
};

function without(...keys: string[]): Record<string, string> {
  return Object.fromEntries(Object.entries(GOOD).filter(([k]) => !keys.includes(k)));
}

/** The problems loadConfig reports, or an empty list when it accepts. */
function problemsOf(env: Record<string, string>): readonly string[] {
  try {
    loadConfig(env);
    return [];
  } catch (error) {
    assert.ok(error instanceof ConfigError, `a ConfigError, not ${String(error)}`);
    return error.problems;
  }
}

describe('production configuration', () => {
  it('when no Webex integration is configured, then it refuses to run the embedded sandbox', () => {
    const problems = problemsOf(without('WEBEX_CLIENT_ID', 'WEBEX_CLIENT_SECRET'));
    assert.ok(problems.some((p) => /WEBEX_CLIENT_ID is required in production/.test(p)));
  });

  it('when everything production needs is set, then it is accepted', () => {
    const config = loadConfig(GOOD);
    assert.equal(config.env, 'production');
    assert.equal(config.mode, 'webex');
    assert.equal(config.session.store, 'redis');
    assert.equal(config.session.secretGenerated, false);
    assert.equal(config.session.encryptionKey, GOOD.SESSION_ENCRYPTION_KEY);
    assert.equal(config.webex.redirectUri, 'https://desktop.example.com/oauth');
  });

  it('when the session store is SQLite on disk, then it is accepted too', () => {
    const config = loadConfig({ ...without('REDIS_URL'), SESSION_STORE: 'sqlite' });
    assert.equal(config.session.store, 'sqlite');
  });

  it('when the redirect URI is http on localhost, then it is accepted (a local production run)', () => {
    for (const uri of ['http://127.0.0.1:8080/oauth', 'http://localhost:8080/oauth']) {
      assert.deepEqual(problemsOf({ ...GOOD, WEBEX_REDIRECT_URI: uri }), [], uri);
    }
  });

  const refusals = [
    { name: 'SESSION_SECRET is missing', env: without('SESSION_SECRET'), key: 'SESSION_SECRET' },
    {
      name: 'SESSION_SECRET is shorter than 32 characters',
      env: { ...GOOD, SESSION_SECRET: 'too-short-secret' },
      key: 'SESSION_SECRET',
    },
    {
      name: 'SESSION_STORE is memory',
      env: { ...without('REDIS_URL'), SESSION_STORE: 'memory' },
      key: 'SESSION_STORE',
    },
    {
      name: 'SESSION_ENCRYPTION_KEY is missing',
      env: without('SESSION_ENCRYPTION_KEY'),
      key: 'SESSION_ENCRYPTION_KEY',
    },
    {
      name: 'SESSION_ENCRYPTION_KEY is too short',
      env: { ...GOOD, SESSION_ENCRYPTION_KEY: 'abc123' },
      key: 'SESSION_ENCRYPTION_KEY',
    },
    {
      name: 'the redirect URI is http on a public host',
      env: { ...GOOD, WEBEX_REDIRECT_URI: 'http://desktop.example.com/oauth' },
      key: 'WEBEX_REDIRECT_URI',
    },
    {
      name: 'the redirect URI is http on a host that only starts with localhost',
      env: { ...GOOD, WEBEX_REDIRECT_URI: 'http://localhost.example.com/oauth' },
      key: 'WEBEX_REDIRECT_URI',
    },
  ];
  for (const refusal of refusals) {
    it(`when ${refusal.name}, then it refuses to start and names ${refusal.key}`, () => {
      const problems = problemsOf(refusal.env);
      assert.equal(problems.length, 1, `exactly one problem: ${problems.join(' | ')}`);
      assert.match(problems[0]!, new RegExp(refusal.key));
    });
  }

  const weak = [
    {
      name: 'SESSION_SECRET is 32 × "a"',
      env: { ...GOOD, SESSION_SECRET: 'a'.repeat(32) },
      key: 'SESSION_SECRET is too predictable',
    },
    {
      name: 'SESSION_ENCRYPTION_KEY repeats two hex digits',
      env: { ...GOOD, SESSION_ENCRYPTION_KEY: 'a1'.repeat(32) },
      key: 'SESSION_ENCRYPTION_KEY is too predictable',
    },
    {
      name: 'SESSION_ENCRYPTION_KEY equals SESSION_SECRET',
      env: { ...GOOD, SESSION_ENCRYPTION_KEY: GOOD.SESSION_SECRET! },
      key: 'SESSION_ENCRYPTION_KEY must differ from SESSION_SECRET',
    },
    {
      name: 'SESSION_SECRET repeats eight letters four times',
      env: { ...GOOD, SESSION_SECRET: 'abcdefgh'.repeat(4) },
      key: 'SESSION_SECRET is too predictable',
    },
    {
      name: 'SESSION_SECRET repeats the sixteen hex digits four times',
      env: { ...GOOD, SESSION_SECRET: '0123456789abcdef'.repeat(4) },
      key: 'SESSION_SECRET is too predictable',
    },
    {
      name: 'SESSION_ENCRYPTION_KEY repeats the sixteen hex digits four times',
      env: { ...GOOD, SESSION_ENCRYPTION_KEY: '0123456789abcdef'.repeat(4) },
      key: 'SESSION_ENCRYPTION_KEY is too predictable',
    },
    {
      name: 'SESSION_SECRET runs through the alphabet',
      env: { ...GOOD, SESSION_SECRET: 'Xq7abcdefghijklmnopqrstuvwxyzK2p9' },
      key: 'SESSION_SECRET is too predictable',
    },
    {
      name: 'SESSION_ENCRYPTION_KEY is SESSION_SECRET with one character changed',
      env: { ...GOOD, SESSION_ENCRYPTION_KEY: `${GOOD.SESSION_SECRET!.slice(0, -1)}X` },
      key: 'SESSION_ENCRYPTION_KEY must differ from SESSION_SECRET \\(it is a few edits away',
    },
    {
      name: 'SESSION_ENCRYPTION_KEY holds SESSION_SECRET',
      env: { ...GOOD, SESSION_ENCRYPTION_KEY: `${GOOD.SESSION_SECRET!}-tokens` },
      key: 'SESSION_ENCRYPTION_KEY must differ from SESSION_SECRET \\(one contains the other',
    },
    {
      name: 'SESSION_ENCRYPTION_KEY is SESSION_SECRET in capitals',
      env: { ...GOOD, SESSION_ENCRYPTION_KEY: GOOD.SESSION_SECRET!.toUpperCase() },
      key: 'SESSION_ENCRYPTION_KEY must differ from SESSION_SECRET',
    },
    {
      name: 'WEBEX_API_BASE is plain http on a public host',
      env: { ...GOOD, WEBEX_API_BASE: 'http://webexapis.com/v1' },
      key: 'WEBEX_API_BASE must use https in production',
    },
    {
      name: 'WXCC_API_BASE is plain http on a host that only starts with localhost',
      env: { ...GOOD, WXCC_API_BASE: 'http://localhost.example.com' },
      key: 'WXCC_API_BASE must use https in production',
    },
    { name: 'NODE_ENV is "Production"', env: { ...GOOD, NODE_ENV: 'Production' }, key: 'NODE_ENV' },
    { name: 'NODE_ENV is "prod"', env: { ...GOOD, NODE_ENV: 'prod' }, key: 'NODE_ENV' },
    {
      name: 'the app is behind https but trusts no proxy',
      env: without('TRUST_PROXY'),
      key: 'TRUST_PROXY is required in production behind https',
    },
  ];
  for (const refusal of weak) {
    it(`when ${refusal.name}, then it refuses to start and says why`, () => {
      const problems = problemsOf(refusal.env);
      assert.equal(problems.length, 1, `exactly one problem: ${problems.join(' | ')}`);
      assert.match(problems[0]!, new RegExp(refusal.key));
    });
  }

  it('when the secrets are random hex or base64url of 32 characters or more, then they pass', () => {
    for (let i = 0; i < 200; i++) {
      const env = {
        ...GOOD,
        // 16 bytes make 32 hex digits, 24 make 32 base64url characters: the shortest accepted.
        SESSION_SECRET:
          i % 2
            ? randomBytes(16 + (i % 17)).toString('hex')
            : randomBytes(24 + (i % 17)).toString('base64url'),
        SESSION_ENCRYPTION_KEY: randomBytes(32).toString(i % 3 ? 'hex' : 'base64url'),
      };
      assert.deepEqual(problemsOf(env), [], JSON.stringify(env));
    }
  });

  it('when Webex and WxCC are reached over plain http on this machine, then it is accepted', () => {
    for (const base of ['http://127.0.0.1:9000', 'http://localhost:9000/v1', 'http://[::1]:9000']) {
      const config = loadConfig({ ...GOOD, WEBEX_API_BASE: base, WXCC_API_BASE: base });
      assert.equal(config.webex.apiBase, base);
    }
  });

  it('when TRUST_PROXY=true in production, then it starts with a warning naming TRUST_PROXY', () => {
    const trusting = loadConfig({ ...GOOD, TRUST_PROXY: 'true' });
    assert.equal(trusting.trustProxy, true);
    assert.equal(trusting.warnings.length, 1);
    assert.match(
      trusting.warnings[0]!,
      /TRUST_PROXY=true trusts X-Forwarded-For from every client/,
    );
    assert.deepEqual(loadConfig(GOOD).warnings, [], 'a hop count is no cause for a warning');
    const dev = loadConfig({ ...GOOD, NODE_ENV: 'development', TRUST_PROXY: 'true' });
    assert.deepEqual(dev.warnings, [], 'development trusts its own proxy as it likes');
  });

  it('when in production over https, then the cookie is __Host- prefixed and always Secure', () => {
    const config = loadConfig(GOOD);
    assert.equal(config.session.cookieName, '__Host-wxcc_desktop.sid');
    assert.equal(config.session.cookieSecure, true);
    const local = loadConfig({ ...GOOD, WEBEX_REDIRECT_URI: 'http://127.0.0.1:8080/oauth' });
    assert.equal(local.session.cookieName, 'wxcc_desktop.sid', 'plain http on localhost');
    assert.equal(loadConfig({}).session.cookieSecure, 'auto', 'development follows the request');
  });

  it('when several things are wrong, then all of them are reported together', () => {
    const problems = problemsOf({
      ...without('SESSION_ENCRYPTION_KEY', 'REDIS_URL'),
      SESSION_SECRET: 'short',
      SESSION_STORE: 'memory',
      WEBEX_REDIRECT_URI: 'http://desktop.example.com/oauth',
    });
    for (const key of [
      'SESSION_SECRET',
      'SESSION_STORE',
      'SESSION_ENCRYPTION_KEY',
      'WEBEX_REDIRECT_URI',
    ]) {
      assert.ok(
        problems.some((p) => p.includes(key)),
        `${key} is named in: ${problems.join(' | ')}`,
      );
    }
    assert.equal(problems.length, 4);
  });

  it('when the secret is missing, then the message says how long it must be, never echoes a value', () => {
    const problems = problemsOf({ ...without('SESSION_SECRET'), SESSION_ENCRYPTION_KEY: 'abc' });
    const text = problems.join('\n');
    assert.match(text, /SESSION_SECRET is required in production \(32 characters or more\)/);
    assert.ok(!text.includes(GOOD.WEBEX_CLIENT_SECRET!), 'no secret in the message');
  });

  it('when not in production, then the same memory store and missing key are allowed', () => {
    const config = loadConfig({
      ...without('SESSION_ENCRYPTION_KEY', 'REDIS_URL'),
      NODE_ENV: 'development',
      SESSION_STORE: 'memory',
    });
    assert.equal(config.session.store, 'memory');
    assert.equal(config.session.encryptionKey, GOOD.SESSION_SECRET, 'derived from the secret');
  });
});
