// Configuration reads behind the agent's tools: the address book (searched, paged) and the CAD variable definitions.
import type { Request, Response, Router } from 'express';
import type { SandboxContext } from '../context';
import { sendConfigError } from '../errors';

type Dto = Record<string, unknown>;
type SendPage = (req: Request, res: Response, items: Dto[], resource: string) => void;

const CREATED = 1705311000000;
const UPDATED = 1717200000000;
const COLUMNS = ['name', 'number'] as const;
type Column = (typeof COLUMNS)[number];

/**
 * The spec's `search` forms: a bare keyword over name and number, `field=="name";value=="x"` or
 * `fields=in=("name","number");value=="x"`. Matches ignore case and may be part of the value.
 */
export function parseSearch(text: string): { columns: Column[]; keyword: string } | string {
  const one = text.match(/^field=="([^"]*)";value=="([^"]*)"$/);
  const many = text.match(/^fields=in=\(([^)]*)\);value=="([^"]*)"$/);
  const named = one
    ? [one[1]!]
    : many
      ? many[1]!.split(',').map((f) => f.trim().replace(/^"|"$/g, ''))
      : undefined;
  if (named === undefined) {
    if (/[=;]/.test(text)) return 'search: not a keyword or a field search the API understands';
    return { columns: [...COLUMNS], keyword: text.trim().toLowerCase() };
  }
  const unknown = named.find((f) => !(COLUMNS as readonly string[]).includes(f));
  if (unknown !== undefined)
    return `search: ${unknown.slice(0, 40)} is not a searchable column (name, number)`;
  return { columns: named as Column[], keyword: (one?.[2] ?? many?.[2] ?? '').toLowerCase() };
}

export function addToolsConfigRoutes(router: Router, ctx: SandboxContext, sendPage: SendPage) {
  const { seed } = ctx.contacts;
  const orgId = ctx.seed.organization.id;
  const common = (id: string) => ({
    organizationId: orgId,
    id,
    version: 1,
    createdTime: CREATED,
    lastUpdatedTime: UPDATED,
  });

  router.get('/:orgid/v2/address-book/:addressBookId/entry', (req, res) => {
    if (req.params.addressBookId !== seed.addressBook.id) {
      return sendConfigError(res, 404, 'No address book has this id.');
    }
    const text = typeof req.query.search === 'string' ? req.query.search : '';
    const search = parseSearch(text);
    if (typeof search === 'string') return sendConfigError(res, 400, search);
    const entries = seed.addressBook.entries
      .filter((e) => search.columns.some((c) => e[c].toLowerCase().includes(search.keyword)))
      .map((e) => ({ ...common(e.id), name: e.name, number: e.number }));
    sendPage(req, res, entries, `v2/address-book/${seed.addressBook.id}/entry`);
  });

  router.get('/:orgid/v2/cad-variable', (req, res) => {
    const variables = seed.cadVariables.map((v) => ({
      ...common(v.id),
      name: v.name,
      description: v.desktopLabel,
      active: true,
      agentEditable: v.agentEditable,
      agentViewable: v.agentViewable,
      variableType: v.variableType,
      defaultValue: v.defaultValue,
      reportable: false,
      sensitive: false,
      desktopLabel: v.desktopLabel,
      systemDefault: false,
    }));
    sendPage(req, res, variables, 'v2/cad-variable');
  });
}
