// The templates of `views/`, rendered with one set of EJS options: by Express for pages
// (`res.render`), and directly for the regions a live stream pushes. A push renders three or four
// regions for every WxCC event of every agent; through `app.render` each went through Express's
// option merge and view lookup, EJS's option parsing and a callback on the next tick, and its
// locals were copied three times: a quarter of the regions' share of the fan-out's V8 profile
// (15.3 -> 11.7 % of its busy time; MEASUREMENTS.md, eighth pass).
import path from 'node:path';
import ejs from 'ejs';
import type { Express } from 'express';
import { INCLUDE_LOCAL, loadTemplate } from './template-locals';

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
 * labels, numbers) has none of them, and a replace with a function costs twice a test. Templates
 * are compiled to run here, never shipped to a browser (EJS's `client` option, which would need the
 * escape's source inlined, is not used).
 */
export function escapeHtml(value: unknown): string {
  const text = value === undefined || value === null ? '' : String(value);
  return SPECIAL.test(text) ? text.replace(SPECIALS, entity) : text;
}

export interface ViewsOptions {
  /**
   * The `views/` folder. Includes are written from it (`/partials/head`): EJS resolves those
   * without looking on disk, where a relative include costs a file-system check on every render.
   */
  root: string;
  /**
   * EJS's line bookkeeping, for a template error's line: development and tests. In production it
   * and its rethrow wrapper cost about a tenth of each render.
   */
  compileDebug: boolean;
}

export type Locals = Record<string, unknown>;

export interface Views {
  /** The options every template is compiled with; Express's `view options` are these. */
  readonly options: ejs.Options;
  /** A template rendered now, named as `res.render` names it; throws what the template throws. */
  render(name: string, locals: Locals): string;
  /**
   * A template's `include(path, data)` when its locals carry this (`INCLUDE_LOCAL`,
   * template-locals.ts). The included template reads the includer's locals as they are, with
   * `data` on top, as with EJS's include, but nothing is copied: templates never change their
   * locals (each declares its own variables), so a child can read its parent's object. They read
   * each local by name (`locals.name`), never the object whole (keys, JSON) nor a name of
   * `Object.prototype`, which EJS's null-prototype copy did not have: template-locals.test.ts checks
   * both. Paths are written from `views/` ('/partials/head'), as every include of this project is.
   */
  include(file: string, parent: Locals, data?: Locals): string;
}

/**
 * The app's view settings: EJS over `views/` with these options for `res.render`, and the
 * desktop's include among the app's locals, so pages and live regions share everything.
 */
export function useViews(app: Express, options: ViewsOptions): Views {
  const views = createViews(options);
  app.set('view engine', 'ejs');
  app.set('views', options.root);
  // Compiled templates are kept in every environment: recompiling per request cost half the
  // page time in `npm run bench`. Restart to see template edits.
  app.set('view cache', true);
  app.set('view options', views.options);
  app.locals[INCLUDE_LOCAL] = views.include;
  return views;
}

export function createViews(options: ViewsOptions): Views {
  // Without `with (locals)`: each template declares the locals it reads as it is loaded
  // (template-locals.ts). EJS's loader is module-wide: every app of a process loads `views/` so.
  ejs.fileLoader = loadTemplate;
  const ejsOptions: ejs.Options = {
    root: options.root,
    compileDebug: options.compileDebug,
    // Each template declares the locals it reads (template-locals.ts, EJS's fileLoader).
    _with: false,
    escape: escapeHtml,
  };
  function compiled(name: string): ejs.TemplateFunction {
    // Named as Express names it (an absolute path), so both find the same entry.
    const filename = path.resolve(options.root, `${name}.ejs`);
    // EJS's own cache, by file name: a template Express compiled for a page is the same function,
    // and the includes of either are compiled once.
    const known = ejs.cache.get(filename) as ejs.TemplateFunction | undefined;
    if (known !== undefined) return known;
    const text = ejs
      .fileLoader(filename)
      .toString()
      .replace(/^\uFEFF/, '');
    const fn = ejs.compile(text, {
      ...ejsOptions,
      filename,
      cache: true,
      async: false,
      client: false,
    });
    ejs.cache.set(filename, fn);
    return fn;
  }
  // Templates are compiled once for the process's life (as EJS's cache keeps them with
  // `view cache`): nothing here clears them, so this map does not look again.
  const included = new Map<string, ejs.TemplateFunction>();
  return {
    options: ejsOptions,
    render: (name, locals) => compiled(name)(locals),
    include(file, parent, data) {
      let fn = included.get(file);
      if (fn === undefined) {
        if (!file.startsWith('/'))
          throw new Error(
            `include('${file}'): write includes from the views folder ('/partials/…')`,
          );
        // One entry per include written in a template (they are literals): a few dozen.
        fn = compiled(file.slice(1));
        included.set(file, fn);
      }
      return fn(data === undefined ? parent : Object.assign(Object.create(parent) as Locals, data));
    },
  };
}
