// REDIS_SENTINELS and its companions: parsed into the sentinel address, refused with a clear
// message when malformed or mixed with REDIS_URL.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig, redisAddress } from '../../src/settings/config';

function problemsOf(env: Record<string, string>): readonly string[] {
  try {
    loadConfig(env);
    return [];
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
}

describe('Redis Sentinel settings', () => {
  it('when only sentinels are set, then the store is redis on the sentinels with the default master name', () => {
    const config = loadConfig({
      REDIS_SENTINELS: '10.0.0.5:26379, 10.0.0.6:26380,[::1]:26381',
      REDIS_PASSWORD: 'data-secret',
    });
    assert.equal(config.session.store, 'redis');
    assert.equal(config.session.redisUrl, undefined);
    assert.deepEqual(redisAddress(config), {
      sentinel: {
        sentinels: [
          { host: '10.0.0.5', port: 26379 },
          { host: '10.0.0.6', port: 26380 },
          { host: '::1', port: 26381 },
        ],
        masterName: 'mymaster',
        sentinelPassword: undefined,
        username: undefined,
        password: 'data-secret',
      },
    });
  });

  it('when the master name and passwords are set, then they are used', () => {
    const config = loadConfig({
      REDIS_SENTINELS: '127.0.0.1:26379',
      REDIS_SENTINEL_MASTER: 'desktop-main',
      REDIS_SENTINEL_PASSWORD: 'sentinel-secret',
      REDIS_USERNAME: 'desktop',
    });
    assert.deepEqual(config.session.redisSentinel, {
      sentinels: [{ host: '127.0.0.1', port: 26379 }],
      masterName: 'desktop-main',
      sentinelPassword: 'sentinel-secret',
      username: 'desktop',
      password: undefined,
    });
  });

  it('when an entry is not host:port, then the message names it', () => {
    for (const bad of ['10.0.0.5', '10.0.0.5:0', 'a:1,,b:2', '10.0.0.5:99999']) {
      const problems = problemsOf({ REDIS_SENTINELS: bad });
      assert.ok(
        problems.some((p) => /REDIS_SENTINELS must be host:port pairs/.test(p)),
        `${bad}: ${problems.join('; ')}`,
      );
    }
  });

  it('when both REDIS_URL and REDIS_SENTINELS are set, then it is refused', () => {
    const problems = problemsOf({
      REDIS_URL: 'redis://127.0.0.1:6379',
      REDIS_SENTINELS: '127.0.0.1:26379',
    });
    assert.ok(problems.some((p) => /Set REDIS_URL or REDIS_SENTINELS, not both/.test(p)));
  });

  it('when a sentinel setting comes without REDIS_SENTINELS, then it is refused rather than ignored', () => {
    const problems = problemsOf({ REDIS_URL: 'redis://127.0.0.1:6379', REDIS_PASSWORD: 'x' });
    assert.ok(problems.some((p) => /REDIS_PASSWORD is only read with REDIS_SENTINELS/.test(p)));
    assert.ok(
      problemsOf({ SESSION_STORE: 'redis' }).some((p) =>
        /needs REDIS_URL or REDIS_SENTINELS/.test(p),
      ),
    );
  });

  it('when the master name has spaces, then it is refused', () => {
    const problems = problemsOf({
      REDIS_SENTINELS: '127.0.0.1:26379',
      REDIS_SENTINEL_MASTER: 'a b',
    });
    assert.ok(problems.some((p) => /REDIS_SENTINEL_MASTER/.test(p)));
  });
});
