// The session cipher and the key derivation from SESSION_ENCRYPTION_KEY.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, test } from 'node:test';
import { createSessionCipher, deriveEncryptionKey } from '../../src/session-store/session-cipher';
import { makeSession, PLANTED_TOKEN } from './store-helpers';

describe('session cipher', () => {
  const cipher = createSessionCipher(randomBytes(32));

  test('when a session is sealed, then it opens to the same data and hides the token', () => {
    const sealed = cipher.seal(makeSession(60_000), 'sid');

    assert.equal(sealed.includes(PLANTED_TOKEN), false);
    assert.equal(JSON.stringify(cipher.open(sealed, 'sid')).includes(PLANTED_TOKEN), true);
  });

  test('when the same session is sealed twice, then the two records differ (fresh IV)', () => {
    const sess = makeSession(60_000);
    assert.notEqual(cipher.seal(sess), cipher.seal(sess));
  });

  test('when a record is garbage, truncated or sealed for another context, then open gives null', () => {
    const sealed = cipher.seal(makeSession(60_000), 'sid-a');

    for (const bad of ['', 'v1', 'v1.a.b.c', 'v2' + sealed.slice(2), sealed.slice(0, -4)]) {
      assert.equal(cipher.open(bad, 'sid-a'), null, bad);
    }
    assert.equal(cipher.open(sealed, 'sid-b'), null);
    assert.equal(createSessionCipher(randomBytes(32)).open(sealed, 'sid-a'), null);
  });

  test('when the key is not 32 bytes, then the cipher refuses it', () => {
    assert.throws(() => createSessionCipher(randomBytes(16)), /32 bytes/);
  });
});

describe('deriveEncryptionKey', () => {
  test('when given 64 hex characters, then they are the key', () => {
    const key = randomBytes(32);
    assert.deepEqual(deriveEncryptionKey(key.toString('hex')), key);
  });

  test('when given base64 or base64url of 32 bytes, then it decodes to the key', () => {
    const key = randomBytes(32);
    assert.deepEqual(deriveEncryptionKey(key.toString('base64')), key);
    assert.deepEqual(deriveEncryptionKey(key.toString('base64url')), key);
  });

  test('when given a long passphrase, then the same 32-byte key comes out every time', () => {
    const passphrase = 'correct horse battery staple, and a few more words';
    const key = deriveEncryptionKey(passphrase);

    assert.equal(key.length, 32);
    assert.deepEqual(deriveEncryptionKey(passphrase), key);
    assert.notDeepEqual(deriveEncryptionKey(passphrase + '!'), key);
  });

  test('when given a short or empty secret, then the error names the variable, not the value', () => {
    assert.throws(
      () => deriveEncryptionKey('hunter2-too-short'),
      (err: Error) =>
        /SESSION_ENCRYPTION_KEY/.test(err.message) &&
        /at least 32 characters/.test(err.message) &&
        !err.message.includes('hunter2'),
    );
    assert.throws(() => deriveEncryptionKey('   '), /SESSION_ENCRYPTION_KEY.*empty/);
  });
});
