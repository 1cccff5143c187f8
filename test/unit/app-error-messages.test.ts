// What an error tells the agent is a catalog sentence, never English written in the code: AppError
// takes a Message (the type says so), and this reads the sources as i18n-views.test.ts reads the
// views, so a string slipped past the type (a cast, an `any`) is caught too. Keys chosen in an
// expression (`msg(\`cadErr.mustBe.${type}\`)`) exist in every language.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { CAD_TYPES } from '../../src/clients/wxcc-configuration/schemas';
import { CATALOGS, SHIPPED_LOCALES } from '../../src/i18n/locales';
import { translator } from '../../src/i18n/translate';
import { fromRoot } from '../../src/project-root';
import {
  describeFailure,
  EXPLAINED_REASONS,
  REFUSED_ACTIONS,
} from '../../src/station/station-failures';

function sources(dir = fromRoot('src'), prefix = 'src/'): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sources(join(dir, entry.name), `${prefix}${entry.name}/`)
      : entry.name.endsWith('.ts')
        ? [`${prefix}${entry.name}`]
        : [],
  );
}

/** The code without comments, so a comment quoting `new AppError('x', 'words')` is not a call. */
function withoutComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

/** Skips a quoted string or template literal starting at `at`; the index after its closing quote. */
function skipQuoted(code: string, at: number): number {
  const quote = code[at];
  let i = at + 1;
  while (i < code.length && code[i] !== quote) {
    if (code[i] === '\\') i += 1;
    else if (quote === '`' && code.startsWith('${', i)) i = skipBalanced(code, i + 1);
    i += 1;
  }
  return i;
}

/** From an opening bracket at `at`, the index of its closing one (strings inside skipped). */
function skipBalanced(code: string, at: number): number {
  let depth = 0;
  for (let i = at; i < code.length; i += 1) {
    const c = code[i]!;
    if (c === "'" || c === '"' || c === '`') i = skipQuoted(code, i);
    else if ('([{'.includes(c)) depth += 1;
    else if (')]}'.includes(c)) {
      depth -= 1;
      if (depth === 0) return i;
    }
  }
  return code.length;
}

/** The second argument of every `new AppError(…)` in the code, as written (trimmed). */
function appErrorMessages(source: string): string[] {
  const code = withoutComments(source);
  const found: string[] = [];
  for (const match of code.matchAll(/new\s+AppError\s*\(/g)) {
    const open = match.index + match[0].length - 1;
    const close = skipBalanced(code, open);
    // Split the arguments at top-level commas.
    const args: string[] = [];
    let start = open + 1;
    let depth = 0;
    for (let i = open + 1; i < close; i += 1) {
      const c = code[i]!;
      if (c === "'" || c === '"' || c === '`') i = skipQuoted(code, i);
      else if ('([{'.includes(c)) depth += 1;
      else if (')]}'.includes(c)) depth -= 1;
      else if (c === ',' && depth === 0) {
        args.push(code.slice(start, i));
        start = i + 1;
      }
    }
    args.push(code.slice(start, close));
    found.push((args[1] ?? '').trim());
  }
  return found;
}

/** The argument with what is inside brackets left out, and every string emptied: `a ? '' : f()`. */
function topLevel(arg: string): string {
  let out = '';
  for (let i = 0; i < arg.length; i += 1) {
    const c = arg[i]!;
    if (c === "'" || c === '"' || c === '`') {
      i = skipQuoted(arg, i);
      out += `${c}${c}`;
    } else if ('([{'.includes(c)) {
      i = skipBalanced(arg, i);
      out += '()';
    } else out += c;
  }
  return out;
}

/**
 * Written words: a string or template literal, or one chosen by a condition or a fallback
 * (`ok ? msg(…) : 'words'`, `known ?? 'words'`); strings inside msg(…)'s values are data.
 */
function isWritten(arg: string): boolean {
  return /(^|[?:|]\s*)['"`]/.test(topLevel(arg));
}

/** Every `msg(\`…${…}…\`)` key in the code, as a pattern over the catalog's keys. */
function chosenKeys(source: string): string[] {
  const code = withoutComments(source);
  return [...code.matchAll(/\bmsg\(\s*`([^`]*)`/g)].map((m) => m[1]!);
}

function patternOf(template: string): RegExp {
  const parts = template.split(/\$\{[^}]*\}/);
  return new RegExp(
    `^${parts.map((p) => p.replace(/[.*+?^$()[\]{}|\\]/g, '\\$&')).join('[^.]+')}$`,
  );
}

const PLURAL = /_(zero|one|two|few|many|other)$/;
const baseKeys = (locale: (typeof SHIPPED_LOCALES)[number]) =>
  new Set(Object.keys(CATALOGS[locale]).map((k) => k.replace(PLURAL, '')));

describe('agent-facing errors are catalog sentences', () => {
  const files = sources();

  it('when the code makes an AppError, then its message is msg(…) or a Message, never words written there', () => {
    const offenders = files.flatMap((file) =>
      appErrorMessages(readFileSync(fromRoot(file), 'utf8'))
        .filter(isWritten)
        .map((arg) => `${file}: ${arg.slice(0, 80)}`),
    );
    assert.deepEqual(offenders, []);
  });

  it('when the check reads code, then it finds literals, templates and chosen words, and lets Messages pass', () => {
    const code = [
      "throw new AppError('bad_input', 'Choose your team.');",
      'throw new AppError("x", `${service} is down`, { cause });',
      "new AppError(code, ok ? msg('a.b') : 'plain words', {});",
      "new AppError('x', known ?? 'fallback');",
      "new AppError('x', msg('a.b', { what: f('y, z'), service: 'Webex' }), { field: 'q' });",
      'new AppError(pick(a, b), message);',
      "// new AppError('x', 'in a comment')",
    ].join('\n');
    assert.deepEqual(appErrorMessages(code), [
      "'Choose your team.'",
      '`${service} is down`',
      "ok ? msg('a.b') : 'plain words'",
      "known ?? 'fallback'",
      "msg('a.b', { what: f('y, z'), service: 'Webex' })",
      'message',
    ]);
    assert.deepEqual(appErrorMessages(code).map(isWritten), [true, true, true, true, false, false]);
  });

  it('when code chooses a key in an expression, then every language has a sentence for that choice', () => {
    const templates = files.flatMap((file) => chosenKeys(readFileSync(fromRoot(file), 'utf8')));
    assert.ok(templates.includes('cadErr.mustBe.${field.type}'), 'the check finds chosen keys');
    const english = baseKeys('en');
    for (const template of templates) {
      const pattern = patternOf(template);
      const inEnglish = [...english].filter((k) => pattern.test(k)).sort();
      assert.notDeepEqual(inEnglish, [], `no English key fits ${template}`);
      for (const locale of SHIPPED_LOCALES) {
        const there = [...baseKeys(locale)].filter((k) => pattern.test(k)).sort();
        assert.deepEqual(there, inEnglish, `${locale}: ${template}`);
      }
    }
  });

  it('when a key is chosen from a fixed list (WxCC reasons, station actions, variable types, tools), then each choice is in every catalog', () => {
    const chosen = [
      ...EXPLAINED_REASONS.filter((r) => r !== 'AGENT_HAS_ACTIVE_INTERACTIONS').map(
        (r) => `stationFailure.${r}`,
      ),
      ...REFUSED_ACTIONS.map((a) => `stationFailure.action.${a}`),
      'stationFailure.action.other',
      ...CAD_TYPES.map((t) => `cadErr.mustBe.${t}`),
      'tools.noSuch.contact',
      'tools.noSuch.callback',
    ];
    for (const locale of SHIPPED_LOCALES) {
      const keys = baseKeys(locale);
      assert.deepEqual(
        chosen.filter((k) => !keys.has(k)),
        [],
        `${locale} lacks a chosen key`,
      );
    }
  });

  it("when WxCC refuses with a reason code the desktop does not explain, then the sentence is the agent's language and the code is quoted as sent", () => {
    const error = describeFailure({
      outer: 'StationLogin',
      inner: 'StationLoginFailed',
      trackingId: 't-1',
      data: { reason: 'SOMETHING_NEW' },
    });
    assert.equal(
      translator('de').say(error.said),
      'Webex Contact Center konnte Sie nicht anmelden (SOMETHING_NEW). Bitte versuchen Sie es erneut, oder geben Sie die Tracking-ID an Ihren Administrator weiter.',
    );
    assert.match(
      translator('ja').say(error.said),
      /^Webex Contact Center はログインできませんでした \(SOMETHING_NEW\)。/,
    );
    for (const reason of EXPLAINED_REASONS) {
      const known = describeFailure({
        outer: 'StationLogin',
        inner: 'StationLoginFailed',
        data: { reason },
      });
      for (const locale of SHIPPED_LOCALES.filter((l) => l !== 'en')) {
        const said = translator(locale).say(known.said);
        assert.notEqual(said, translator('en').say(known.said), `${locale} ${reason}`);
        assert.doesNotMatch(said, /stationFailure|station\./, `${locale} ${reason} is a key`);
      }
    }
  });
});
