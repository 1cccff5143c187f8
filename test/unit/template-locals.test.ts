// Templates without `with (locals)`: each declares, as it is loaded, the names it reads.
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import ejs from 'ejs';
import { loadTemplate, localsOf } from '../../src/rendering/template-locals';
import { PROJECT_ROOT } from '../../src/project-root';

const VIEWS = path.join(PROJECT_ROOT, 'views');

describe('template locals', () => {
  it('when a template reads names, then they are its locals, and not properties, JavaScript’s own or its own declarations', () => {
    const text = [
      '<%# A comment names nothing: ghost %>',
      '<% const total = items.length; let { first, second: other } = pair; %>',
      '<% for (var i = 0; i < total; i += 1) { %><%= t("items.count", { n: i }) %><% } %>',
      "<%- include('/partials/x', { ...extra, label: `${prefix}-${Math.max(a.b, 2)}` }) %>",
      "<% if (typeof missing === 'undefined' && user?.name) { %><%= 'plain words here' %><% } %>",
      '<%% not code %%>',
    ].join('\n');
    // Object keys come along (label, n, second): a name too many reads as undefined, harmless.
    assert.deepEqual(localsOf(text), [
      'a',
      'extra',
      'i',
      'items',
      'label',
      'missing',
      'n',
      'pair',
      'prefix',
      'second',
      't',
      'user',
    ]);
  });

  it('when a template is loaded, then it renders as it did with `with`, and its lines keep their numbers', () => {
    const text = '<p><%= name %>: <%= count > 1 ? t(count) : "one" %></p>\n<%= nowhere %>';
    const locals = { name: 'Ada', count: 3, t: (n: number) => `${n} calls` };
    const withWith = ejs.compile(text.replace('\n<%= nowhere %>', ''))(locals);
    const file = path.join(VIEWS, 'partials', 'flash.ejs');
    // The loader's first scriptlet shares the template's first line.
    const loaded = loadTemplate(file);
    assert.equal(loaded.split('\n').length, ejs.fileLoader(file).toString().split('\n').length);
    const declared = '<% var name = locals.name, count = locals.count, t = locals.t; %>';
    const without = ejs.compile(declared + text.replace('\n<%= nowhere %>', ''), {
      _with: false,
    })(locals);
    assert.equal(without, withWith);
    assert.equal(without, '<p>Ada: 3 calls</p>');
  });

  it('when every template of the desktop is loaded, then each compiles without `with`', () => {
    const files = ['', 'partials'].flatMap((dir) =>
      readdirSync(path.join(VIEWS, dir))
        .filter((f) => f.endsWith('.ejs'))
        .map((f) => path.join(VIEWS, dir, f)),
    );
    assert.ok(files.length > 20, `${files.length} templates`);
    for (const file of files) {
      assert.doesNotThrow(
        () => ejs.compile(loadTemplate(file), { _with: false, filename: file, root: VIEWS }),
        file,
      );
    }
  });
});
