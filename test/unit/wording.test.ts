// Words the agent reads: no "1 seconds".
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AxiosResponse } from 'axios';
import { statusFailure } from '../../src/clients/http-errors';

function busy(retryAfter: string) {
  const response = { status: 429, headers: { 'retry-after': retryAfter } };
  return statusFailure(response as unknown as AxiosResponse<string>, {}, 'Webex', undefined);
}

describe('wording', () => {
  it('when WxCC asks to retry after 1 second, then the message says "1 second"', () => {
    assert.match(busy('1').userMessage, /try again in 1 second\./);
  });

  it('when WxCC asks to retry after 7 seconds, then the message says "7 seconds"', () => {
    assert.match(busy('7').userMessage, /try again in 7 seconds\./);
  });
});
