// Templates without `with (locals)`: each declares, as it is loaded, the names it reads.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import ejs from 'ejs';
import ts from 'typescript';
import { loadTemplate, localsOf } from '../../src/rendering/template-locals';
import { PROJECT_ROOT } from '../../src/project-root';

const VIEWS = path.join(PROJECT_ROOT, 'views');
const TEMPLATES = ['', 'partials'].flatMap((dir) =>
  readdirSync(path.join(VIEWS, dir))
    .filter((f) => f.endsWith('.ejs'))
    .map((f) => path.join(VIEWS, dir, f)),
);

/**
 * The names a compiled template reads that nothing declares (its locals, had it `with`), and the
 * names it declares that JavaScript already has: found by TypeScript's checker over the function
 * EJS makes of it, every branch included.
 */
function undeclaredNames(file: string) {
  const fn = ejs.compile(loadTemplate(file), {
    _with: false,
    filename: file,
    root: VIEWS,
    client: true,
    compileDebug: false,
  });
  const source = `function template(locals, escapeFn, include, rethrow) {${fn.toString()}}`;
  const sourceFile = ts.createSourceFile(
    't.js',
    source,
    ts.ScriptTarget.ES2022,
    true,
    ts.ScriptKind.JS,
  );
  const options = { allowJs: true, noEmit: true, lib: ['lib.es2022.d.ts'], types: [] };
  const host = ts.createCompilerHost(options);
  const read = host.getSourceFile.bind(host);
  host.getSourceFile = (name, ...rest) => (name === 't.js' ? sourceFile : read(name, ...rest));
  const checker = ts.createProgram(['t.js'], options, host).getTypeChecker();
  const free = new Set<string>();
  const visit = (node: ts.Node): void => {
    const p = node.parent;
    const isName =
      p !== undefined &&
      ((ts.isPropertyAccessExpression(p) && p.name === node) ||
        (ts.isPropertyAssignment(p) && p.name === node) ||
        (ts.isMethodDeclaration(p) && p.name === node));
    if (ts.isIdentifier(node) && !isName && node.text !== 'undefined')
      if (checker.getSymbolAtLocation(node) === undefined) free.add(node.text);
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  const globals = localsOf(readFileSync(file, 'utf8')).filter(
    (name) => checker.resolveName(name, undefined, ts.SymbolFlags.Value, false) !== undefined,
  );
  return { free: [...free], globals };
}

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

  it('when every template of the desktop is loaded, then each compiles without `with`, reads no name it does not declare, and hides no global', () => {
    assert.ok(TEMPLATES.length > 20, `${TEMPLATES.length} templates`);
    for (const file of TEMPLATES) {
      const { free, globals } = undeclaredNames(file);
      assert.deepEqual({ free, globals }, { free: [], globals: [] }, path.relative(VIEWS, file));
    }
  });

  it('when a template reads a name only in a branch, or after a quote in a comment, then the check finds it', () => {
    const text = "<% /* don't */ if (shown) { %><%= hidden %><% } %><%= 'it' %>";
    assert.deepEqual(localsOf(text), ['hidden', 'shown']);
  });

  it('when a template includes another, then it includes through the desktop’s include, however the call is spaced', () => {
    const includers = TEMPLATES.filter((file) => /include\s*\(/.test(readFileSync(file, 'utf8')));
    assert.ok(includers.length > 5, `${includers.length} templates include others`);
    for (const file of includers)
      assert.match(loadTemplate(file), /include = function \(path, data\)/, file);
    const dir = mkdtempSync(path.join(tmpdir(), 'locals-'));
    try {
      const spaced = path.join(dir, 'spaced.ejs');
      writeFileSync(spaced, "<%- include\n  ('/partials/x') %>");
      assert.match(loadTemplate(spaced), /include = function \(path, data\)/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('when a template reads its locals, then by name, never the object whole nor a name Object.prototype has', () => {
    // The desktop's include hands a child its parent's object (views.ts): only `locals.name` reads
    // are the same as on EJS's null-prototype copy.
    const inherited = new Set(Object.getOwnPropertyNames(Object.prototype));
    for (const file of TEMPLATES) {
      const text = readFileSync(file, 'utf8');
      const name = path.relative(VIEWS, file);
      assert.deepEqual(
        localsOf(text).filter((n) => inherited.has(n)),
        [],
        `${name} reads a name of Object.prototype`,
      );
      const whole = [...text.matchAll(/(?<![\w$.])locals(?![\w$])(?!\.[A-Za-z_$])/g)];
      assert.equal(whole.length, 0, `${name} reads its locals object other than by name`);
    }
  });
});
