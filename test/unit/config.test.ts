// Unit tests of configuration parsing: defaults, sandbox mode, and every problem reported at once.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig } from '../../src/settings/config';

describe('loadConfig', () => {
  it('when nothing is set, then the sandbox mode runs with documented defaults', () => {
    const config = loadConfig({});
    assert.equal(config.mode, 'sandbox');
    assert.equal(config.port, 10060);
    assert.equal(config.host, '127.0.0.1');
    assert.equal(config.webex.redirectUri, 'http://127.0.0.1:10060/oauth');
    assert.equal(config.webex.apiBase, 'https://webexapis.com/v1');
    assert.equal(config.wxcc.apiBase, 'https://api.wxcc-us1.cisco.com');
    assert.deepEqual(config.webex.scopes, ['cjp:user', 'cjp:config_read', 'spark:people_read']);
    assert.equal(config.sandbox.port, 10061);
    assert.ok(Object.isFrozen(config.webex));
  });

  it('when credentials and a region are set, then the real hosts are used', () => {
    const config = loadConfig({
      WEBEX_CLIENT_ID: 'C123',
      WEBEX_CLIENT_SECRET: 's3cret',
      WXCC_REGION: 'eu2',
      PORT: '8080',
    });
    assert.equal(config.mode, 'webex');
    assert.equal(config.wxcc.apiBase, 'https://api.wxcc-eu2.cisco.com');
    assert.equal(config.webex.redirectUri, 'http://127.0.0.1:8080/oauth');
  });

  it('when SIGNIN_LIMIT_PER_ADDRESS is set, then the sign-in address ceiling follows it', () => {
    assert.equal(loadConfig({}).signInAddressLimit, undefined);
    assert.equal(loadConfig({ SIGNIN_LIMIT_PER_ADDRESS: '20000' }).signInAddressLimit, 20000);
    assert.throws(() => loadConfig({ SIGNIN_LIMIT_PER_ADDRESS: 'lots' }), {
      message: /SIGNIN_LIMIT_PER_ADDRESS must be a whole number from 1 to 1000000 \(got "lots"\)/,
    });
  });

  it('when WXCC_API_BASE is set, then it overrides the region', () => {
    const config = loadConfig({ WXCC_API_BASE: 'https://wxcc.example.test/' });
    assert.equal(config.wxcc.apiBase, 'https://wxcc.example.test');
  });

  it('when several keys are wrong, then all of them are reported together', () => {
    assert.throws(
      () =>
        loadConfig({
          PORT: 'eighty',
          WXCC_REGION: 'mars1',
          WEBEX_CLIENT_ID: 'C123',
          SESSION_SECRET: 'short',
          WEBEX_REDIRECT_URI: 'not a url',
          OAUTH_SCOPES: 'spark:people_read',
        }),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        const text = error.problems.join('\n');
        for (const key of [
          'PORT',
          'WXCC_REGION',
          'WEBEX_CLIENT_SECRET',
          'SESSION_SECRET',
          'WEBEX_REDIRECT_URI',
          'OAUTH_SCOPES',
        ]) {
          assert.match(text, new RegExp(key));
        }
        return true;
      },
    );
  });

  it('when in production without a session secret, then it refuses to start', () => {
    assert.throws(() => loadConfig({ NODE_ENV: 'production' }), /SESSION_SECRET is required/);
  });
});
