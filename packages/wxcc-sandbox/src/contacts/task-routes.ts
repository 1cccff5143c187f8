// WxCC tasks API (/v1/tasks...): check, answer 202 (201 for outdial), then the outcome by websocket.
import { Router, type Request, type Response } from 'express';
import { authOf } from '../identity/auth';
import type { SandboxContext } from '../context';
import { sendAgentsError, trackingIdOf } from '../errors';
import type { Contact } from './contact-model';
import { taskFailure } from './contact-events';
import type { ContactCenter } from './contact-center';
import type { Outcome } from './contact-events';
import { startOutdial } from './contact-outdial';
import { refuseForMedia } from './digital-offers';
import { outdialBody, taskBody, type TaskBody, type TaskTextField } from './task-input';
import type { TransferInput } from './contact-parties';
import { patchAttributes, updateVariables } from './contact-variables';

type Body = Record<string, unknown>;

/** Routes under the agents router, which has already checked the token and the spec. */
export function taskRoutes(ctx: SandboxContext, center: ContactCenter): Router {
  const router = Router();

  const answer = (res: Response, outcome: Outcome, status = 202, body?: Body) => {
    if ('status' in outcome) return sendAgentsError(res, outcome.status, outcome.message);
    res.status(status).json(body ?? { trackingId: trackingIdOf(res) });
  };

  /** The route's contact, or a 404 in the agents-API shape once sent. */
  const task = (req: Request, res: Response): Contact | undefined => {
    const id = String(req.params.taskId);
    const contact = center.find(authOf(res).agent.id, id);
    if (!contact) sendAgentsError(res, 404, `taskId: no task ${id.slice(0, 64)} for this agent`);
    return contact;
  };

  /** POST /tasks/:taskId/<path>: the action runs only for a known task and a complete body. */
  const action = (
    path: string,
    required: TaskTextField[],
    run: (agentId: string, contact: Contact, body: TaskBody, trackingId: string) => Outcome,
  ) => {
    router.post(`/tasks/:taskId/${path}`, (req, res) => {
      const body = taskBody.parse(req.body);
      // The spec has already checked types and required fields; a blank one still reads as missing.
      const missing = required.find((field) => body[field] === '');
      if (missing) return sendAgentsError(res, 400, `${missing}: must not be blank`, missing);
      const contact = task(req, res);
      if (!contact) return;
      const agentId = authOf(res).agent.id;
      // A conversation refuses what only a call has, by the action's own failure event.
      const refused = refuseForMedia(center, agentId, contact, path, trackingIdOf(res), {
        to: body.to,
        destinationType: body.destinationType,
      });
      answer(res, refused ?? run(agentId, contact, body, trackingIdOf(res)));
    });
  };

  const transferInput = (body: TaskBody): TransferInput => ({
    to: body.to,
    destinationType: body.destinationType,
  });

  router.post('/tasks', (req, res) => {
    const { agent } = authOf(res);
    const body = outdialBody.safeParse(req.body);
    if (!body.success) {
      const field = String(body.error.issues[0]?.path[0] ?? 'body');
      return sendAgentsError(res, 400, `${field}: must be a string`, field);
    }
    const started = startOutdial(center, agent.id, body.data, trackingIdOf(res));
    answer(res, started.outcome, 201, {
      meta: { orgId: ctx.seed.organization.id },
      data: { id: started.taskId },
    });
  });

  // Update Task: the call-associated data; the change arrives as ContactUpdated.
  router.patch('/tasks/:taskId', (req, res) => {
    const attributes = patchAttributes(req.body);
    if (typeof attributes === 'string') return sendAgentsError(res, 400, attributes, 'attributes');
    const contact = task(req, res);
    if (!contact) return;
    const agentId = authOf(res).agent.id;
    answer(res, updateVariables(center, agentId, contact, attributes, trackingIdOf(res)));
  });

  // Chat, email and social are accepted here (AgentContactAssigned); telephony is answered on the
  // phone, but DSK's Postman still posts accept, so it answers the call too.
  action('accept', [], (agentId, contact, _body, trackingId) =>
    center.ringingFor(agentId, contact.interactionId)
      ? center.accept(agentId, center.ringingFor(agentId, contact.interactionId)!, trackingId)
      : center.send({
          deliveries: [
            taskFailure(
              center.eventContext(trackingId),
              'AgentContactAssignFailed',
              agentId,
              'INVALID_STATE',
              contact.interactionId,
            ),
          ],
        }),
  );
  action('reject', ['mediaResourceId'], (agentId, contact, _body, trackingId) =>
    center.endings.reject(agentId, contact, trackingId),
  );
  action('hold', ['mediaResourceId'], (agentId, contact, body, trackingId) =>
    center.media.hold(agentId, contact, body.mediaResourceId, trackingId),
  );
  action('unhold', ['mediaResourceId'], (agentId, contact, body, trackingId) =>
    center.media.unhold(agentId, contact, body.mediaResourceId, trackingId),
  );
  action('end', [], (agentId, contact, _body, trackingId) =>
    center.endings.end(agentId, contact, trackingId),
  );
  action('wrapup', ['wrapUpReason', 'auxCodeId'], (agentId, contact, body, trackingId) =>
    center.endings.wrapUp(
      agentId,
      contact,
      { wrapUpReason: body.wrapUpReason, auxCodeId: body.auxCodeId },
      trackingId,
    ),
  );
  action('record/pause', [], (agentId, contact, _body, trackingId) =>
    center.media.recording(agentId, contact, true, trackingId),
  );
  action('record/resume', [], (agentId, contact, _body, trackingId) =>
    center.media.recording(agentId, contact, false, trackingId),
  );
  action('transfer', ['to', 'destinationType'], (agentId, contact, body, trackingId) =>
    center.transfers.transfer(agentId, contact, transferInput(body), trackingId),
  );
  action('consult', ['to', 'destinationType'], (agentId, contact, body, trackingId) =>
    center.consults.consult(
      agentId,
      contact,
      {
        ...transferInput(body),
        holdParticipants: body.holdParticipants,
      },
      trackingId,
    ),
  );
  action('consult/accept', [], (agentId, contact, _body, trackingId) =>
    center.consults.acceptConsult(agentId, contact, trackingId),
  );
  action('consult/end', [], (agentId, contact, body, trackingId) =>
    center.consults.consultEnd(agentId, contact, body.queueId, trackingId),
  );
  action('consult/transfer', ['to', 'destinationType'], (agentId, contact, body, trackingId) =>
    center.consults.consultTransfer(agentId, contact, transferInput(body), trackingId),
  );
  action('consult/conference', ['to'], (agentId, contact, body, trackingId) =>
    center.conferences.conference(agentId, contact, transferInput(body), trackingId),
  );
  action('conference/exit', [], (agentId, contact, _body, trackingId) =>
    center.conferences.exitConference(agentId, contact, trackingId),
  );
  action('conference/transfer', [], (agentId, contact, _body, trackingId) =>
    center.conferences.conferenceTransfer(agentId, contact, trackingId),
  );

  return router;
}
