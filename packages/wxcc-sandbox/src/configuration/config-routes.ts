// WxCC configuration API: teams, auxiliary codes, user by CI id, desktop profile (cjp:config_read).
import { Router, type Request, type Response } from 'express';
import { requireToken } from '../identity/auth';
import { ownMultimediaProfileId } from '../contacts/channel-capacity';
import {
  aiFeatureDto,
  auxCodeDto,
  desktopProfileDto,
  dialPlanDto,
  organizationDto,
  settingsDto,
  siteDto,
  teamDto,
  teamMembers,
  userDto,
} from './config-dto';
import { parseFilter } from './config-filter';
import type { SandboxContext } from '../context';
import { checkContract } from '../spec-check/run-time-checks';
import { sendConfigError } from '../errors';
import { CONFIG_READ } from '../identity/scopes';
import { addContactConfigRoutes, contactProfileFields } from '../contacts/contact-config';
import { addToolsConfigRoutes } from '../contacts/tools-config';

/** Larger requests are cut to this, as the spec says the real API does. */
const MAX_PAGE_SIZE = 1000;

type Dto = Record<string, unknown>;

export function configRoutes(ctx: SandboxContext): Router {
  const router = Router({ mergeParams: true });
  router.use('/:orgid', requireToken(ctx, 'config', CONFIG_READ), (req, res, next) => {
    // A token only reaches its own organization; any other reads as not found.
    if (req.params.orgid !== ctx.seed.organization.id) {
      return sendConfigError(
        res,
        404,
        `Organization ${String(req.params.orgid).slice(0, 64)} not found.`,
      );
    }
    next();
  });
  // Query parameters against the spec (types, unknown names ignored) before the paging rules below.
  router.use('/:orgid', checkContract);

  // Cisco's SDK reads the organization record at every sign-in (config/index.ts getOrgInfo).
  router.get('/:orgid', (_req, res) => {
    res.json(organizationDto(ctx.seed));
  });

  // The user's site, which the SDK reads at sign-in (config/index.ts getSiteInfo) for its
  // multimedia profile.
  router.get('/:orgid/site/:id', (req, res) => {
    if (req.params.id !== ctx.seed.site.id) {
      return sendConfigError(res, 404, 'No site has this id.');
    }
    res.json(siteDto(ctx.seed));
  });

  // Desktop URL mappings (the SDK looks for ACQUEON_API_URL and ACQUEON_CONSOLE_URL,
  // config/Util.ts getUrlMapping): a tenant without the campaign manager has none.
  router.get('/:orgid/v2/org-url-mapping', (req, res) => {
    sendPage(req, res, [], 'v2/org-url-mapping');
  });

  router.get('/:orgid/v2/ai-feature', (req, res) => {
    sendPage(req, res, [aiFeatureDto(ctx.seed)], 'v2/ai-feature');
  });

  router.get('/:orgid/v2/team', (req, res) => {
    const members = teamMembers(ctx.seed);
    const teams = ctx.seed.teams.map((t) => teamDto(ctx.seed, t, members));
    sendPage(req, res, teams, 'v2/team', { userId: 'userIds' });
  });

  router.get('/:orgid/v2/auxiliary-code', (req, res) => {
    const codes = ctx.seed.auxCodes.map((c) => auxCodeDto(ctx.seed, c));
    sendPage(req, res, codes, 'v2/auxiliary-code');
  });

  // v1 is the path Cisco's SDK reads (endPointMap.userByCI); v2 the one this desktop reads.
  const userByCiId = (req: Request<{ id: string }>, res: Response) => {
    const agent = ctx.state.agent(req.params.id);
    if (!agent) return sendConfigError(res, 404, 'No Contact Center user has this CI user id.');
    res.json(userDto(ctx.seed, agent, ownMultimediaProfileId(ctx.contacts.seed, agent.id)));
  };
  router.get('/:orgid/v2/user/by-ci-user-id/:id', userByCiId);
  router.get('/:orgid/user/by-ci-user-id/:id', userByCiId);

  router.get('/:orgid/agent-profile/:id', (req, res) => {
    const profile = ctx.seed.desktopProfiles.find((p) => p.id === req.params.id);
    if (!profile) return sendConfigError(res, 404, 'No desktop profile has this id.');
    res.json({ ...desktopProfileDto(ctx.seed, profile), ...contactProfileFields(ctx, profile) });
  });

  // The v1 list is a bare array (the spec; Cisco's SDK reads it with ?agentView=true), v2 is paged.
  router.get('/:orgid/dial-plan', (_req, res) => {
    res.json(ctx.seed.dialPlans.map((p) => dialPlanDto(ctx.seed, p)));
  });
  router.get('/:orgid/v2/dial-plan', (req, res) => {
    sendPage(
      req,
      res,
      ctx.seed.dialPlans.map((p) => dialPlanDto(ctx.seed, p)),
      'v2/dial-plan',
    );
  });

  // Not in Cisco's published spec, but read by Cisco's SDK at every sign-in (agentView=true).
  router.get('/:orgid/v2/organization-setting', (_req, res) => {
    res.json(settingsDto(ctx.seed, ctx.seed.organization.id, ctx.seed.organizationSettings));
  });
  router.get('/:orgid/v2/tenant-configuration', (_req, res) => {
    // The contact switches (end call, outdial…) can be flipped per sandbox by the control API.
    res.json(
      settingsDto(ctx.seed, ctx.seed.organization.id, {
        ...ctx.seed.tenantSettings,
        ...ctx.contacts.tenant,
      }),
    );
  });
  addContactConfigRoutes(router, ctx, sendPage);
  addToolsConfigRoutes(router, ctx, sendPage);

  router.use((_req, res) => sendConfigError(res, 404, 'Resource not found or URI is invalid.'));
  return router;
}

/**
 * The spec declares page and pageSize integers (checkContract has held them to that) but sets no
 * bounds; the sandbox refuses what the real API could not mean: a negative page, an empty page size.
 */
function pageParam(value: unknown, fallback: number, min: number): number | undefined {
  if (value === undefined) return fallback;
  const n = Number(value);
  return Number.isSafeInteger(n) && n >= min ? n : undefined;
}

export function sendPage(
  req: Request,
  res: Response,
  items: Dto[],
  resource: string,
  aliases: Record<string, string> = {},
): void {
  const page = pageParam(req.query.page, 0, 0);
  const requested = pageParam(req.query.pageSize, 100, 1);
  if (page === undefined) return sendConfigError(res, 400, 'page: must be an integer from 0');
  if (requested === undefined) {
    return sendConfigError(res, 400, 'pageSize: must be an integer from 1');
  }
  const filterText = typeof req.query.filter === 'string' ? req.query.filter : undefined;
  const filter = parseFilter(filterText, aliases);
  if (typeof filter === 'string') return sendConfigError(res, 400, filter);
  const matching = items.filter(filter);
  const pageSize = Math.min(requested, MAX_PAGE_SIZE);
  const totalPages = Math.ceil(matching.length / pageSize);
  const orgid = String(req.params.orgid);
  const link = (p: number) => `/organization/${orgid}/${resource}?page=${p}&pageSize=${pageSize}`;
  const last = Math.max(totalPages - 1, 0);
  const links: Record<string, string> = { self: link(page), first: link(0), last: link(last) };
  if (page < last) links.next = link(page + 1);
  if (page > 0) links.prev = link(Math.min(page - 1, last));
  res.json({
    meta: { orgid, page, pageSize, totalPages, totalRecords: matching.length, links },
    data: matching.slice(page * pageSize, (page + 1) * pageSize),
  });
}
