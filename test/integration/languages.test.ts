// The desktop speaks the agent's language: chosen from the browser, overridden by the agent and
// remembered for them on every desktop they sign in to.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { LOCALE_COOKIE } from '../../src/middleware/locale';
import { decodeEntities, HttpBrowser, inputValue } from '../helpers/http-browser';
import { connect, startStack, submit, type Stack } from '../helpers/stack';

const htmlLang = (html: string) => /<html lang="([^"]+)"/.exec(html)?.[1];

describe('languages', () => {
  let stack: Stack;
  before(async () => {
    stack = await startStack();
  });
  after(() => stack.close());

  it('when the browser asks for German, then the Connect page is German and says so in its lang', async () => {
    const page = await new HttpBrowser({ 'Accept-Language': 'de-CH,de;q=0.9,en;q=0.5' }).get(
      `${stack.url}/`,
    );
    assert.equal(htmlLang(page.text), 'de');
    assert.match(page.text, /Mit WxCC verbinden/);
    assert.doesNotMatch(page.text, /Connect to WxCC/);
  });

  it('when the browser prefers Japanese over French, then the weights decide', async () => {
    const page = await new HttpBrowser({ 'Accept-Language': 'fr;q=0.4, ja;q=0.8' }).get(
      `${stack.url}/`,
    );
    assert.equal(htmlLang(page.text), 'ja');
    assert.match(page.text, /WxCC に接続/);
  });

  it('when the browser asks only for a language not shipped, then the page is English', async () => {
    const page = await new HttpBrowser({ 'Accept-Language': 'pt-BR, pt' }).get(`${stack.url}/`);
    assert.equal(htmlLang(page.text), 'en');
    assert.match(page.text, /Connect to WxCC/);
  });

  it('when a visitor chooses French before signing in, then this browser keeps French', async () => {
    const browser = new HttpBrowser({ 'Accept-Language': 'en' });
    const home = await browser.get(`${stack.url}/`);
    const chosen = await submit(browser, home, /\/preferences\/language/, { locale: 'fr' });
    assert.equal(htmlLang(chosen.text), 'fr');
    assert.match(chosen.text, /Se connecter à WxCC/);
    assert.equal(browser.cookie(stack.url, LOCALE_COOKIE), 'fr');
    assert.equal(htmlLang((await browser.get(`${stack.url}/`)).text), 'fr');
  });

  it('when a language that is not offered is posted, then a clear refusal and the page unchanged', async () => {
    const browser = new HttpBrowser({ 'Accept-Language': 'es' });
    const home = await browser.get(`${stack.url}/`);
    const posted = await browser.post(`${stack.url}/preferences/language`, {
      _csrf: inputValue(home.text, '_csrf') ?? '',
      locale: 'xx-<script>',
    });
    // A refused form comes back to the page it was sent from, with the reason (post/redirect/get).
    assert.equal(posted.status, 303);
    const back = await browser.follow(posted);
    assert.equal(htmlLang(back.text), 'es');
    assert.match(decodeEntities(back.text), /Este idioma no se ofrece aquí/);
    assert.equal(browser.cookie(stack.url, LOCALE_COOKIE), undefined);
  });

  it('when a signed-in agent chooses Spanish, then it follows them to another browser and wins over its header', async () => {
    const first = new HttpBrowser({ 'Accept-Language': 'en-US' });
    const station = await connect(first, stack);
    assert.equal(htmlLang(station.text), 'en');
    const chosen = await submit(first, station, /\/preferences\/language/, { locale: 'es' });
    assert.equal(htmlLang(chosen.text), 'es');
    assert.match(chosen.text, /Inicie sesión en su estación/);

    // Another browser, another language in its header, the same agent: the choice is theirs.
    const second = new HttpBrowser({ 'Accept-Language': 'de' });
    const elsewhere = await connect(second, stack);
    assert.equal(htmlLang(elsewhere.text), 'es');
    assert.match(decodeEntities(elsewhere.text), /Conectado como/);
  });

  it('when a page is not found, then the error page speaks the browser language', async () => {
    const page = await new HttpBrowser({ 'Accept-Language': 'ja' }).get(`${stack.url}/nowhere`);
    assert.equal(page.status, 404);
    assert.match(page.text, /ページが見つかりません/);
    assert.match(page.text, /このアドレスにはページがありません/);
  });

  it('when the pseudo-locale is chosen outside production, then every catalog text is marked', async () => {
    const page = await new HttpBrowser({ 'Accept-Language': 'en-XA' }).get(`${stack.url}/`);
    assert.equal(htmlLang(page.text), 'en-XA');
    assert.match(page.text, /⟦Çöññéçt tö WxÇÇ/);
  });
});
