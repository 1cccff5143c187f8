// The templates of `views/`, rendered with one set of EJS options: by Express for pages
// (`res.render`), and directly for the regions a live stream pushes. A push renders three or four
// regions for every WxCC event of every agent; through `app.render` each went through Express's
// option merge and view lookup, EJS's option parsing and a callback on the next tick, and its
// locals were copied three times: about a sixth of the regions' cost in the fan-out bench.
import path from 'node:path';
import ejs from 'ejs';

const SPECIAL = /[&<>'"]/;
const SPECIALS = /[&<>'"]/g;
const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&#34;',
  "'": '&#39;',
};
const entity = (c: string) => ENTITIES[c]!;

/**
 * `<%= %>`'s escape: EJS's own (`utils.escapeXML`: the same five characters, the same entities,
 * null and undefined as nothing), looking before it replaces. Most of what a page prints (ids,
 * labels, numbers) has none of them, and a replace with a function costs twice a test.
 */
export function escapeHtml(value: unknown): string {
  const text = value === undefined || value === null ? '' : String(value);
  return SPECIAL.test(text) ? text.replace(SPECIALS, entity) : text;
}

export interface ViewsOptions {
  /** The `views/` folder: includes are written from it (`/partials/head`). */
  root: string;
  /**
   * EJS's line bookkeeping, for a template error's line: development and tests. In production it
   * and its rethrow wrapper cost about a tenth of each render.
   */
  compileDebug: boolean;
}

export interface Views {
  /** The options every template is compiled with; Express's `view options` are these. */
  readonly options: ejs.Options;
  /** A template rendered now, named as `res.render` names it; throws what the template throws. */
  render(name: string, locals: Record<string, unknown>): string;
}

export function createViews(options: ViewsOptions): Views {
  const ejsOptions: ejs.Options = {
    root: options.root,
    compileDebug: options.compileDebug,
    // Each template declares the locals it reads (template-locals.ts, EJS's fileLoader).
    _with: false,
    escape: escapeHtml,
  };
  function compiled(name: string): ejs.TemplateFunction {
    const filename = path.join(options.root, `${name}.ejs`);
    // EJS's own cache, by file name: a template Express compiled for a page is the same function,
    // and the includes of either are compiled once.
    const known = ejs.cache.get(filename) as ejs.TemplateFunction | undefined;
    if (known !== undefined) return known;
    const fn = ejs.compile(ejs.fileLoader(filename).toString(), {
      ...ejsOptions,
      filename,
      cache: true,
      async: false,
      client: false,
    });
    ejs.cache.set(filename, fn);
    return fn;
  }
  return {
    options: ejsOptions,
    render: (name, locals) => compiled(name)(locals),
  };
}
