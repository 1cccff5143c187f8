// Refusals and failures in the agent's language (issue 20): at Agent Login in Chromium, the
// desktop's own check of a dial number, WxCC's refusal of a number another agent holds, and WxCC
// answering 503 are each said in German and in Japanese, with no English catalog sentence left;
// so is the page's "Will dial …" preview.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { launchChromium, screenshotPath } from '../helpers/chromium';
import { ALICE, BRUNO } from '../helpers/contacts';
import { HttpBrowser } from '../helpers/http-browser';
import { connect, startStack, submit, type Stack } from '../helpers/stack';
import { CATALOGS, type Locale } from '../../src/i18n/locales';
import { msg, type Message } from '../../src/i18n/message';
import { inEnglish, translator } from '../../src/i18n/translate';

/** Bruno holds this number: WxCC refuses it to anyone else (DUPLICATE_LOCATION). */
const HELD_NUMBER = '+14155550470';

/**
 * English catalog sentences a page in `locale` must not show: each English text (values left
 * out) that this language says differently, long enough to be a sentence rather than a name.
 */
function englishSentences(locale: Locale): string[] {
  const own = new Set(Object.values(CATALOGS[locale]));
  const pieces = Object.entries(CATALOGS.en)
    .filter(([key, text]) => CATALOGS[locale][key] !== text && !own.has(text))
    .flatMap(([, text]) => text.split(/\{\{\s*\w+\s*\}\}/))
    .map((piece) => piece.trim());
  return [...new Set(pieces.filter((piece) => piece.length >= 24 && / \S+ /.test(piece)))];
}

describe('refusals and upstream failures in the agent language', () => {
  let stack: Stack;
  let browser: Browser;

  before(async () => {
    stack = await startStack();
    browser = await launchChromium();
    const bruno = new HttpBrowser();
    const station = await connect(bruno, stack, { agentId: BRUNO });
    const page = await submit(bruno, station, /\/station\/login/, { dialNumber: HELD_NUMBER });
    assert.match(page.text, /Agent Logout/, 'Bruno holds the number');
  });
  after(async () => {
    await browser?.close();
    await stack?.close();
  });

  for (const locale of ['de', 'ja'] as const) {
    it(`when Agent Login is refused or WxCC fails in ${locale}, then the station page says why in ${locale}`, async () => {
      const { t, say } = translator(locale);
      const context = await browser.newContext({
        viewport: { width: 1280, height: 900 },
        extraHTTPHeaders: { 'Accept-Language': locale },
      });
      const page = await context.newPage();
      const english = englishSentences(locale);
      /** The page shows `expected` in this language, and neither its English nor any English sentence. */
      const says = async (expected: Message, where: string, shot: string) => {
        const text = await page.locator(where).innerText();
        assert.ok(text.includes(say(expected)), `${where} says ${say(expected)}: ${text}`);
        assert.ok(!text.includes(inEnglish(expected)), `${where} also in English`);
        const body = await page.locator('body').innerText();
        const left = english.filter((sentence) => body.includes(sentence));
        assert.deepEqual(left, [], `English on the ${locale} page after ${shot}`);
        await page.screenshot({
          path: screenshotPath(`refusals-${locale}-${shot}`),
          fullPage: true,
        });
      };
      const login = async (dialNumber: string) => {
        await page.locator('#dialNumber').fill(dialNumber);
        await page.locator('form[action="/station/login"] button[type="submit"]').click();
        await page.waitForLoadState('load');
      };
      try {
        await page.goto(`${stack.url}/`);
        await page.locator('form[action="/connect"] button[type="submit"]').click();
        // The sandbox's consent page stays English (issue 20 allows it).
        await page.locator('select#agentId').selectOption(ALICE);
        await page.getByRole('button', { name: 'Accept' }).click();
        await page.locator('#dialNumber').waitFor();
        assert.equal(await page.getAttribute('html', 'lang'), locale);

        // The desktop's own check, before WxCC sees the number.
        await login('<14155550471>');
        await page.locator('#dialNumber-error').waitFor();
        await says(msg('dial.badCharacters'), '#dialNumber-error', '1-own-check');

        // WxCC's refusal (StationLoginFailed, DUPLICATE_LOCATION), on the dial number field.
        await login(HELD_NUMBER);
        await page
          .locator('#dialNumber-error', { hasText: t('stationFailure.DUPLICATE_LOCATION') })
          .waitFor();
        await says(msg('stationFailure.DUPLICATE_LOCATION'), '#dialNumber-error', '2-wxcc-refusal');

        // WxCC answers the login request 503: an upstream failure, said above the form.
        await stack.control.fault({ target: 'login', kind: 'status', status: 503, count: 1 });
        const trouble = msg('upstream.trouble', { service: 'Webex Contact Center' });
        // The page's own preview of a good number speaks the language too (dial-preview.js).
        await page.locator('#dialNumber').fill('+14155550471');
        await page
          .locator('#dial-preview', { hasText: t('dial.willDial', { dial: '+14155550471' }) })
          .waitFor();
        await login('+14155550471');
        await page.locator('main', { hasText: say(trouble) }).waitFor();
        await says(trouble, 'main', '3-upstream-503');
        assert.equal(await page.locator('#agent-logout').count(), 0, 'not logged in');
      } finally {
        await stack.control.clearFaults();
        await context.close();
      }
    });
  }
});
