// redactText: credentials in free text are masked, ordinary text is left readable.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { redactText } from '../../src/logging';

const WEBEX_TOKEN =
  'ZDI3MGEyYzQtNmFlNS00NDNhLWFlNzAtZGVhMjE1MWU1ZDUyYTBhMjA0NjYtYTA0_PF84_1eb65fdf-9643-417f-9974-ad72cae0e10f';
const SECRET = 's3cr3tV4lue';

describe('redactText', () => {
  const cases: [string, string][] = [
    ['Authorization: Bearer abc.def-ghi', 'Authorization: Bearer [redacted]'],
    ['authorization: bearer abc', 'authorization: bearer [redacted]'],
    ['Authorization: Basic dXNlcjpwYXNz', 'Authorization: Basic [redacted]'],
    [`/callback?code=${SECRET}&state=xyz`, '/callback?code=[redacted]&state=xyz'],
    [
      `grant_type=refresh_token&refresh_token=${SECRET}&client_secret=${SECRET}`,
      'grant_type=refresh_token&refresh_token=[redacted]&client_secret=[redacted]',
    ],
    [`access_token=${SECRET} expired`, 'access_token=[redacted] expired'],
    [`code_verifier=${SECRET}`, 'code_verifier=[redacted]'],
    [
      `body {"access_token":"${SECRET}","expires_in":3600}`,
      'body {"access_token":"[redacted]","expires_in":3600}',
    ],
    [`{"refreshToken": "${SECRET}"}`, '{"refreshToken":"[redacted]"}'],
    [`token was ${WEBEX_TOKEN}.`, 'token was [redacted].'],
    ['jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl here', 'jwt [redacted] here'],
  ];
  for (const [input, expected] of cases) {
    test(`when given "${input.slice(0, 40)}", then the credential is masked`, () => {
      assert.equal(redactText(input), expected);
    });
  }

  test('when the text holds no credential, then it comes back unchanged', () => {
    const text =
      'Request failed with status code 503 (error_code=upstream_timeout) at /v1/agents/login';
    assert.equal(redactText(text), text);
  });
});
