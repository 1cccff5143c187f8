// Scheduled callbacks (/v1/callbacks/organization/{orgId}/scheduled-callback): create, list, delete with cjp:user.
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { authOf } from '../identity/auth';
import type { SandboxContext } from '../context';
import { sendAgentsError } from '../errors';
import { callbackDto, type ScheduledCallback } from './callback-book';
import { checkCallback, isUuid } from './callback-rules';

const PATH = '/callbacks/organization/:orgId/scheduled-callback';
const text = z.string();
/** The spec has checked types and required fields already; this only reads them. */
const createBody = z.object({
  customerName: text,
  callbackNumber: text,
  timezone: text,
  scheduleDate: text,
  startTime: text,
  endTime: text,
  queueId: text,
  callbackReason: text.optional(),
  sourceInteraction: text.optional(),
  assigneeAgent: text.optional(),
});
const SORTS: Record<string, (c: ScheduledCallback) => string | number> = {
  customerName: (c) => c.customerName.toLowerCase(),
  scheduledTime: (c) => c.startsAt,
  assignedTime: (c) => c.assignedTime ?? 0,
};

/** Routes under the agents router, which has checked the token (cjp:user) and the spec. */
export function callbackRoutes(ctx: SandboxContext): Router {
  const router = Router();
  const book = ctx.contacts.callbacks;
  const orgId = ctx.seed.organization.id;

  /** The organization of the path, or a 404 sent: a token reaches only its own. */
  const ownOrg = (req: Request, res: Response): boolean => {
    if (req.params.orgId === orgId) return true;
    sendAgentsError(res, 404, 'orgId: no such organization for this token', 'orgId');
    return false;
  };

  router.post(PATH, (req, res) => {
    if (!ownOrg(req, res)) return;
    const body = createBody.safeParse(req.body);
    if (!body.success) {
      const field = String(body.error.issues[0]?.path[0] ?? 'body');
      return sendAgentsError(res, 400, `${field}: must be a string`, field);
    }
    const now = Date.now();
    const window = checkCallback(
      body.data,
      now,
      (id) => ctx.contacts.seed.queues.some((q) => q.id === id),
      (id) => ctx.state.agent(id) !== undefined,
    );
    if (typeof window === 'string') {
      return sendAgentsError(res, 400, window, window.split(/[: ]/)[0]);
    }
    const created = book.add(orgId, body.data, window, authOf(res).agent.id, now);
    if (!created) return sendAgentsError(res, 429, 'Too many scheduled callbacks in the sandbox.');
    res.status(201).json(callbackDto(created));
  });

  router.get(PATH, (req, res) => {
    if (!ownOrg(req, res)) return;
    const q = req.query;
    const agent = typeof q.assigneeAgent === 'string' ? q.assigneeAgent : undefined;
    const number = typeof q.callbackNumber === 'string' ? q.callbackNumber : undefined;
    if (agent === undefined && number === undefined) {
      return sendAgentsError(res, 400, 'assigneeAgent or callbackNumber is required');
    }
    if (agent !== undefined && !isUuid(agent)) {
      return sendAgentsError(res, 400, 'assigneeAgent: must be a UUID', 'assigneeAgent');
    }
    const sortBy = typeof q.sortBy === 'string' ? q.sortBy : 'scheduledTime';
    if (sortBy === 'assignedTime' && agent === undefined) {
      return sendAgentsError(res, 400, 'sortBy assignedTime needs assigneeAgent', 'sortBy');
    }
    const key = SORTS[sortBy] ?? SORTS.scheduledTime!;
    const desc = q.sortOrder === 'desc' ? -1 : 1;
    const page = Number(q.page ?? 0);
    const pageSize = Number(q.pageSize ?? 50);
    const matching = book
      .upcoming(Date.now())
      .filter((c) => agent === undefined || c.assigneeAgent === agent)
      .filter((c) => number === undefined || c.callbackNumber === number)
      .sort((a, b) => (key(a) < key(b) ? -desc : key(a) > key(b) ? desc : 0));
    const totalPages = Math.ceil(matching.length / pageSize);
    const base = `/v1/callbacks/organization/${orgId}/scheduled-callback`;
    const link = (p: number) => `${base}?page=${p}&pageSize=${pageSize}`;
    const last = Math.max(totalPages - 1, 0);
    res.json({
      meta: {
        orgId,
        page,
        pageSize,
        totalPages,
        totalRecords: matching.length,
        links: {
          self: link(page),
          first: link(0),
          last: link(last),
          ...(page < last ? { next: link(page + 1) } : {}),
          ...(page > 0 ? { prev: link(Math.min(page - 1, last)) } : {}),
        },
      },
      data: matching.slice(page * pageSize, (page + 1) * pageSize).map(callbackDto),
    });
  });

  router.delete(`${PATH}/:id`, (req, res) => {
    if (!ownOrg(req, res)) return;
    const found = book.get(String(req.params.id));
    // One already due is the dialler's now: the API no longer finds it (the spec's prose).
    if (!found || found.startsAt <= Date.now()) {
      return sendAgentsError(res, 404, 'No upcoming scheduled callback has this id.');
    }
    book.delete(found.id);
    res.status(204).end();
  });

  return router;
}
