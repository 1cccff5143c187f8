// A tenant dial plan that backtracks catastrophically must not freeze the instance (issue 16): the
// typed number is answered at once and every other request (here /healthz) keeps being served.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultContactSeed } from 'wxcc-sandbox/contact-seed';
import { defaultSeed, type SandboxSeed } from 'wxcc-sandbox/seed';
import {
  BRUNO,
  CHIARA,
  availableAgent,
  connectCall,
  contactAction,
  contactStack,
  statusText,
} from '../helpers/contacts';
import type { Page } from '../helpers/http-browser';
import type { Stack } from '../helpers/stack';

/** Nested quantifiers: JavaScript's RegExp needs ~2^31 steps to refuse ATTACK. */
const CATASTROPHIC = '^(\\+?[0-9]+)*$';
const ATTACK = `${'1'.repeat(31)}x`;

/** Bruno's US plan and Chiara's UK plan both become the catastrophic one. */
const seed: SandboxSeed = {
  ...defaultSeed,
  dialPlans: defaultSeed.dialPlans.map((plan) =>
    plan.systemDefault && plan.name !== 'US' ? plan : { ...plan, regularExpression: CATASTROPHIC },
  ),
};

/** Runs the request while /healthz is asked every 50 ms; both must answer within a second. */
async function whileProbing(stack: Stack, request: () => Promise<Page>): Promise<Page> {
  const started = Date.now();
  const probes: number[] = [];
  let done = false;
  const probing = (async () => {
    while (!done) {
      const t = Date.now();
      const res = await fetch(`${stack.url}/healthz`);
      assert.equal(res.status, 200);
      probes.push(Date.now() - t);
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
  const page = await request();
  const took = Date.now() - started;
  done = true;
  await probing;
  assert.ok(took < 1000, `the request took ${took} ms`);
  assert.ok(
    probes.length > 0 && Math.max(...probes) < 1000,
    `healthz took ${probes.join(', ')} ms`,
  );
  return page;
}

/** Chiara's profile ("Phone Agent") without outdial. */
const contactSeed = {
  ...defaultContactSeed,
  profiles: {
    ...defaultContactSeed.profiles,
    'Phone Agent': { ...defaultContactSeed.profiles['Phone Agent']!, outdialEnabled: false },
  },
};

describe('a tenant dial plan that backtracks catastrophically', () => {
  const suite = contactStack({ sandbox: { seed, contactSeed }, perTest: true });

  it('when an agent transfers to a long number that does not fit, then the refusal is immediate and the instance keeps answering', async () => {
    const bruno = await availableAgent(suite.stack, BRUNO, '+14155550322');
    await connectCall(suite.stack, bruno);
    const page = await whileProbing(suite.stack, () =>
      contactAction(bruno, /\/transfer$/, { dialNumber: ATTACK }),
    );
    assert.match(statusText(page), /does not fit your dial plan/, statusText(page));
  });

  it('when an agent dials out to it, then the refusal is immediate', async () => {
    const bruno = await availableAgent(suite.stack, BRUNO, '+14155550323');
    const page = await whileProbing(suite.stack, () =>
      contactAction(bruno, /\/contacts\/outdial$/, { destination: ATTACK }),
    );
    assert.match(statusText(page), /does not fit your dial plan/, statusText(page));
  });

  it('when the profile has no outdial, then the number is never checked and the agent is told so', async () => {
    const chiara = await availableAgent(suite.stack, CHIARA, '+442079460344');
    const page = await whileProbing(suite.stack, () =>
      chiara.browser
        .post(`${suite.stack.url}/contacts/outdial`, {
          _csrf: /name="_csrf" value="([^"]+)"/.exec(chiara.page.text)?.[1] ?? '',
          destination: ATTACK,
        })
        .then((posted) => chiara.browser.follow(posted)),
    );
    assert.match(statusText(page), /does not allow outbound calls/, statusText(page));
  });
});
