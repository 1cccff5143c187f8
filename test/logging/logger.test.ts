// The logger: planted secrets at every redacted path, and in real axios errors, never reach output.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, test } from 'node:test';
import axios, { AxiosError } from 'axios';
import { createLogger, flushLogs } from '../../src/logging';
import { captureLogs } from './capture';

const SECRET = 'PLANTED-secret-5a4b3c2d1e';

function newLogger() {
  const capture = captureLogs();
  return { capture, log: createLogger({ destination: capture.stream, level: 'trace' }) };
}

/** A real AxiosError from a token call to a local server that answers 401 and echoes a token. */
async function failedTokenCall(): Promise<AxiosError> {
  const server = createServer((_req, res) => {
    res.writeHead(401, { 'content-type': 'application/json', trackingid: 'WX_TRACK_1' });
    res.end(JSON.stringify({ error: 'invalid_grant', access_token: SECRET }));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  try {
    await axios.post(
      `http://127.0.0.1:${port}/v1/access_token?code=${SECRET}`,
      new URLSearchParams({
        grant_type: 'authorization_code',
        code: SECRET,
        client_secret: SECRET,
      }),
      { headers: { Authorization: `Bearer ${SECRET}` } },
    );
    throw new Error('expected the call to fail');
  } catch (err) {
    if (err instanceof AxiosError) return err;
    throw err;
  } finally {
    server.close();
  }
}

describe('createLogger redaction', () => {
  const secretKeys = [
    'access_token',
    'refresh_token',
    'accessToken',
    'refreshToken',
    'code',
    'client_secret',
    'clientSecret',
    'code_verifier',
    'password',
    'token',
  ];

  test('when objects hold secrets at each redacted path, then the secret appears nowhere', () => {
    const { capture, log } = newLogger();
    for (const key of secretKeys) {
      log.info({ [key]: SECRET }, 'top level');
      log.info({ body: { [key]: SECRET } }, 'one level down');
      log.info({ a: { b: { [key]: SECRET } } }, 'two levels down');
    }
    log.info({ req: { headers: { authorization: `Bearer ${SECRET}`, cookie: `s=${SECRET}` } } });
    log.info({ res: { headers: { 'set-cookie': [`s=${SECRET}; HttpOnly`] } } });
    log.info({ headers: { Authorization: `Bearer ${SECRET}` } });
    log.info({
      config: { headers: { Authorization: `Bearer ${SECRET}` }, data: `code=${SECRET}` },
    });
    log.child({ accessToken: SECRET }).info('bound');

    const entries = capture.entries();
    assert.equal(entries.length, secretKeys.length * 3 + 5);
    assert.equal(capture.text().includes(SECRET), false);
    assert.ok(capture.text().includes('[redacted]'));
  });

  test('when a real axios error with a bearer token and a form body is logged, then no secret shows', async () => {
    const err = await failedTokenCall();
    const { capture, log } = newLogger();

    log.error(err);
    log.error({ err }, 'token call failed');
    log.error({ err: err.toJSON() }, 'token call failed (toJSON)');
    log.error({ config: err.config, response: err.response }, 'token call failed (parts)');
    log.error({ error: err }, 'token call failed (error key)');

    assert.equal(capture.entries().length, 5);
    assert.equal(capture.text().includes(SECRET), false, capture.text());
    const first = capture.entries()[0]!.err as Record<string, unknown>;
    assert.equal(first.status, 401);
    assert.equal(first.trackingId, 'WX_TRACK_1');
    assert.equal(first.url, `http://127.0.0.1:${new URL(err.config!.url!).port}/v1/access_token`);
  });

  test('when an error message or stack carries a token, then message, msg and stack are masked', () => {
    const { capture, log } = newLogger();
    const err = new Error(`upstream said: Authorization: Bearer ${SECRET}`, {
      cause: new Error(`refresh_token=${SECRET}`),
    });

    log.error(err);
    log.warn({ err });
    log.info(`pasted Bearer ${SECRET} into a message`);
    log.info('interpolated access_token=%s', SECRET);

    assert.equal(capture.entries().length, 4);
    assert.equal(capture.text().includes(SECRET), false, capture.text());
  });

  test('when an error has a machine code, then it is kept while a plain `code` is redacted', () => {
    const { capture, log } = newLogger();
    const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    const appError = Object.assign(new Error('WxCC timed out'), { code: 'upstream_timeout' });

    log.error({ err: refused });
    log.error({ err: appError });
    log.info({ query: { code: 'upstream_timeout' } });

    const [first, second, third] = capture.entries();
    assert.equal((first!.err as { code: string }).code, 'ECONNREFUSED');
    assert.equal((second!.err as { code: string }).code, 'upstream_timeout');
    assert.equal((third!.query as { code: string }).code, '[redacted]');
  });

  test('when pretty output is asked for, then lines are human-readable and still redacted', () => {
    const capture = captureLogs();
    const log = createLogger({ destination: capture.stream, pretty: true });

    log.info({ token: SECRET, agent: 'a1' }, 'agent signed in');

    assert.match(capture.text(), /INFO.*agent signed in/);
    assert.equal(capture.text().includes(SECRET), false);
  });

  test('when the level is raised, then quieter lines are dropped', () => {
    const capture = captureLogs();
    const log = createLogger({ destination: capture.stream, level: 'warn' });

    log.info('hidden');
    log.warn('shown');

    assert.deepEqual(
      capture.entries().map((e) => [e.level, e.msg]),
      [['warn', 'shown']],
    );
  });

  test('when lines go to a file descriptor, then they are batched yet written within a second, and all of them by flushLogs', async (t) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'wxcc-log-'));
    const file = path.join(dir, 'out.log');
    const fd = openSync(file, 'w');
    try {
      // The flush interval is the timer under test: mocked, so a second passes on tick().
      t.mock.timers.enable({ apis: ['setInterval'] });
      const log = createLogger({ fd });
      log.info({ token: SECRET }, 'first line');
      // Batched: nothing is written on the spot.
      assert.equal(readFileSync(file, 'utf8'), '');
      t.mock.timers.tick(1000);
      // The flush writes asynchronously: poll for the file, no longer for the second to pass.
      const deadline = Date.now() + 5000;
      while (readFileSync(file, 'utf8') === '' && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      assert.match(readFileSync(file, 'utf8'), /"msg":"first line"/);
      assert.equal(readFileSync(file, 'utf8').includes(SECRET), false);
      for (let i = 0; i < 100; i += 1) log.info({ i }, 'another line');
      await flushLogs(log);
      assert.equal(readFileSync(file, 'utf8').trim().split('\n').length, 101);
    } finally {
      closeSync(fd);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
