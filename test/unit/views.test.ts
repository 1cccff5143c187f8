// Templates rendered directly (the live stream's regions) and by Express (pages): one set of
// options, one compiled function, the same HTML, and EJS's own escaping.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import ejs from 'ejs';
import express from 'express';
import { INCLUDE_LOCAL, loadTemplate } from '../../src/rendering/template-locals';
import { createViews, escapeHtml } from '../../src/rendering/views';
import { PROJECT_ROOT } from '../../src/project-root';

const VIEWS = path.join(PROJECT_ROOT, 'views');

describe('views', () => {
  it('escapes exactly as EJS does', () => {
    const values: unknown[] = [
      '',
      'Available',
      `<script>alert("x" & 'y')</script>`,
      '&&&<<>>""\'\'',
      'Tom & Jerry',
      'émile ☎ 日本',
      0,
      42.5,
      -1,
      true,
      false,
      null,
      undefined,
      { toString: () => '<b>' },
      ['a<b', 'c'],
    ];
    for (let code = 0; code < 128; code += 1) values.push(`a${String.fromCharCode(code)}b`);
    for (const value of values)
      assert.equal(escapeHtml(value), ejs.escapeXML(value), String(value));
  });

  it('renders a template as Express does, with the same compiled function', async () => {
    ejs.fileLoader = loadTemplate;
    const views = createViews({ root: VIEWS, compileDebug: true });
    const app = express();
    app.set('views', VIEWS);
    app.set('view engine', 'ejs');
    app.set('view cache', true);
    app.set('view options', views.options);
    const locals = {
      flash: {
        kind: 'error',
        message: 'Say <this> & "that"',
        trackingId: `t<1>'`,
      },
      fieldError: undefined,
      t: (key: string) => `[${key}]`,
      say: (text: unknown) => String(text),
    };
    const byExpress = await new Promise<string>((resolve, reject) =>
      app.render('partials/flash', locals, (error, html) =>
        error ? reject(error) : resolve(html ?? ''),
      ),
    );
    const direct = views.render('partials/flash', locals);
    assert.equal(direct, byExpress);
    assert.match(direct, /Say &lt;this&gt; &amp; &#34;that&#34;/);
    assert.match(direct, /<code>t&lt;1&gt;&#39;<\/code>/);
    assert.equal(
      typeof ejs.cache.get(path.join(VIEWS, 'partials/flash.ejs')),
      'function',
      'compiled once, in EJS cache',
    );
  });

  it('throws what a template throws', () => {
    const views = createViews({ root: VIEWS, compileDebug: true });
    assert.throws(() => views.render('partials/flash', { flash: { kind: 'error' } }));
    assert.throws(() => views.render('partials/no-such-template', {}), /ENOENT/);
  });

  it("includes through the desktop's include: what EJS's gives, nothing copied", () => {
    const root = mkdtempSync(path.join(tmpdir(), 'views-'));
    try {
      mkdirSync(path.join(root, 'partials'));
      writeFileSync(
        path.join(root, 'page.ejs'),
        [
          `<h1><%= title %></h1>`,
          `<%- include('/partials/item', { label: 'one & only' }) %>`,
          `<%- include('/partials/item', { label: 'two', title: 'Inner <title>' }) %>`,
          `<%- include('/partials/item') %>`,
          `<p><%= title %> <%= typeof label %></p>`,
        ].join('\n'),
      );
      writeFileSync(
        path.join(root, 'partials/item.ejs'),
        `<li><%= title %>: <%= locals.label ?? 'none' %> <%- include('/partials/leaf', { depth: 2 }) %></li>\n`,
      );
      writeFileSync(path.join(root, 'partials/leaf.ejs'), `[<%= depth %> <%= title %>]`);
      ejs.fileLoader = loadTemplate;
      const views = createViews({ root, compileDebug: true });
      const base = { title: 'Page', label: undefined, depth: undefined };
      const withEjs = views.render('page', base);
      const calls: string[] = [];
      const counted = (file: string, parent: Record<string, unknown>, data?: object) => {
        calls.push(file);
        return views.include(file, parent, data as Record<string, unknown>);
      };
      const ours = views.render('page', { ...base, [INCLUDE_LOCAL]: counted });
      assert.equal(ours, withEjs);
      assert.match(ours, /<li>Page: one &amp; only \[2 Page\]<\/li>/);
      assert.match(ours, /<li>Inner &lt;title&gt;: two \[2 Inner &lt;title&gt;\]<\/li>/);
      assert.match(ours, /<li>Page: none \[2 Page\]<\/li>/);
      assert.match(ours, /<p>Page undefined<\/p>/);
      assert.deepEqual(calls, [
        '/partials/item',
        '/partials/leaf',
        '/partials/item',
        '/partials/leaf',
        '/partials/item',
        '/partials/leaf',
      ]);
      assert.throws(
        () => views.include('partials/leaf', base),
        /write includes from the views folder/,
      );
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
