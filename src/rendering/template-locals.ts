// Templates read their locals as plain variables, without EJS's `with (locals)`. Inside `with`,
// every name a template says (its locals, and EJS's own `__append` and `escapeFn` at each piece
// of output) is looked up at run time, first on the locals object: that lookup was most of each
// template's own time. Each template file is given, as it is loaded, a first line that declares
// the names it reads (`var name = locals.name`), so its text stays as it is written.
import { readFileSync } from 'node:fs';

/** Names a template never reads from its locals: JavaScript's own, and EJS's. */
const NOT_LOCALS = new Set(
  (
    'await break case catch class const continue debugger default delete do else export extends ' +
    'false finally for function if import in instanceof let new null of return super switch this ' +
    'throw true try typeof var void while with yield undefined NaN Infinity globalThis Math JSON ' +
    'Object Array String Number Boolean Date Intl RegExp Set Map Symbol Error Promise parseInt ' +
    'parseFloat isNaN isFinite encodeURIComponent decodeURIComponent encodeURI decodeURI ' +
    'console process Buffer URL URLSearchParams Reflect Proxy BigInt WeakMap WeakSet ' +
    'structuredClone setTimeout clearTimeout setInterval clearInterval queueMicrotask ' +
    'arguments ' +
    'locals escapeFn include rethrow __append __output __locals __line __lines __filename __includer $'
  ).split(' '),
);

const SCRIPTLET = /<%(?!%)([_=\-#]?)([\s\S]*?)[_-]?%>/g;
/**
 * Comments and quoted strings, whichever starts first (so a quote in a comment, or `//` in a
 * string, is read as what it is): their words are not names. Template literals are kept, for the
 * names in their `${}`.
 */
const NOT_CODE = /\/\*[\s\S]*?\*\/|\/\/[^\n]*|'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"/g;
const NAME = /(?<![\w$])[A-Za-z_$][\w$]*/g;
const DECLARED = /\b(?:const|let|function)\s+([A-Za-z_$][\w$]*)/g;
const DESTRUCTURED = /\b(?:const|let)\s*[{[]([^}\]]*)[}\]]/g;

/**
 * The names a template may read from its locals: every name its code says, less JavaScript's,
 * properties (`a.name`) and what it declares with const, let or function (declaring those again
 * with `var` would not compile). A name too many is harmless (it reads as undefined); one too few
 * would fail where the template reads it, so `test/unit/template-locals.test.ts` checks every
 * template's compiled code for names it reads and does not declare.
 */
export function localsOf(template: string): string[] {
  let code = '';
  for (const [, kind, body] of template.matchAll(SCRIPTLET)) if (kind !== '#') code += `${body};\n`;
  code = code.replace(NOT_CODE, (m) => (m.startsWith('/') ? ' ' : '""'));
  const declared = new Set<string>();
  for (const [, name] of code.matchAll(DECLARED)) declared.add(name!);
  for (const [, list] of code.matchAll(DESTRUCTURED))
    for (const part of list!.split(',')) {
      const name = part.split(':').pop()?.split('=')[0]?.replace('...', '').trim();
      if (name) declared.add(name);
    }
  const names = new Set<string>();
  for (const match of code.matchAll(NAME)) {
    const name = match[0];
    const before = code.slice(Math.max(0, match.index - 3), match.index).trimEnd();
    const isProperty = before.endsWith('.') && !before.endsWith('...');
    if (!isProperty && !NOT_LOCALS.has(name) && !declared.has(name)) names.add(name);
  }
  return [...names].sort();
}

/**
 * The local that holds the desktop's own `include` (views.ts): when a render's locals have it, a
 * template's includes go through it instead of EJS's. EJS's copies every local of the including
 * template into a new object for each include and resolves the path again: on a signed-in page
 * (about 45 locals, 20 to 30 includes) that copy alone was 7.6 % of the page's V8 profile (a
 * profile overstates such small calls: unprofiled, the page took 0 to 7 % less; MEASUREMENTS.md).
 */
export const INCLUDE_LOCAL = '__include';

/** The template file with a first scriptlet declaring its locals (EJS's `fileLoader`). */
export function loadTemplate(file: string): string {
  const text = readFileSync(file, 'utf8');
  const declared = localsOf(text).map((n) => `${n} = locals.${n}`);
  // Any mention of the name, however the call is spaced: a template left with EJS's include
  // while its includer uses the desktop's would lose the locals its parent inherits.
  const includes = /(?<![\w$.])include(?![\w$])/.test(text);
  if (includes) declared.push(`__includer = locals.${INCLUDE_LOCAL}`);
  if (declared.length === 0) return text;
  // `include` is the template function's parameter (EJS's include). It is replaced only when the
  // render's locals bring the desktop's (the app's locals do): a template rendered by EJS alone
  // (a unit test, a tool) keeps EJS's own.
  const ownInclude = includes
    ? ' if (__includer) include = function (path, data) { return __includer(path, locals, data); };'
    : '';
  // No line break added: a template error's line number stays the file's.
  return `<% var ${declared.join(', ')};${ownInclude} %>${text}`;
}
