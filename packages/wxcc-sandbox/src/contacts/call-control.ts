// Control API actions for calls: what the customer and the agents' phones do, which no WxCC API covers.
import { z } from 'zod';
import type { SandboxContext } from '../context';
import { flagInput, optionalTextInput, readInput } from '../control/control-input';
import { newTrackingId } from '../ids';
import type { Outcome } from './contact-events';
import { stateFor } from './contact-events';
import { DIGITAL_MEDIA } from './contact-model';
import { offerDigital } from './digital-offers';

export interface ActionResult {
  status: number;
  body: Record<string, unknown>;
}

export const CALL_ACTIONS = ['call', 'offer', 'answer', 'decline', 'ring-out'] as const;

const bad = (error: string, status = 400): ActionResult => ({ status, body: { error } });
const PHONE = /^\+?\d{3,15}$/;
const CAD_NAME = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
const MAX_CAD = 30;

/** `name=value` lines, as the console's text area sends them. */
const cadLines = z.string().transform((value) =>
  value
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line): [string, unknown] => {
      const at = line.indexOf('=');
      return at < 0 ? [line, ''] : [line.slice(0, at).trim(), line.slice(at + 1).trim()];
    }),
);
const cadValue = z.string().max(1024);

/** CAD variables: a JSON object of strings, or (from the console) `name=value` lines. */
const cadInput = z
  .union([cadLines, z.record(z.string(), z.unknown()).transform((o) => Object.entries(o))], {
    error: 'cad must be an object of strings or name=value lines',
  })
  .check((ctx) => {
    if (ctx.value.length > MAX_CAD) {
      ctx.issues.push({
        code: 'custom',
        input: ctx.value,
        message: `cad may hold at most ${MAX_CAD} variables`,
      });
    }
    for (const [name, v] of ctx.value) {
      const problem = !CAD_NAME.test(name)
        ? `cad variable name "${name.slice(0, 40)}" is not valid`
        : !cadValue.safeParse(v).success
          ? `cad variable ${name} must be a string of at most 1024 characters`
          : undefined;
      if (problem) ctx.issues.push({ code: 'custom', input: v, message: problem });
    }
  })
  .transform((entries) => Object.fromEntries(entries) as Record<string, string>);

/** Returns the map or a sentence saying what is wrong; missing or blank is no variables. */
export function parseCad(value: unknown): Record<string, string> | string {
  if (value === undefined || value === '') return {};
  return readInput(cadInput, value);
}

const RONA = { error: 'ronaTimeoutSec must be a whole number of seconds, 1 or more' };

/** A placed call's body; the defaults (the seed's first caller and queue) are filled in later. */
const callInput = z.object({
  ani: optionalTextInput,
  customerName: optionalTextInput,
  queueId: optionalTextInput,
  // Number() as before: a form sends "30", a program 30; blank is the default.
  ronaTimeoutSec: z
    .union(
      [z.literal('').transform(() => undefined), z.coerce.number(RONA).int(RONA).min(1, RONA)],
      RONA,
    )
    .optional(),
  pauseResumeEnabled: flagInput('pauseResumeEnabled must be true or false').optional(),
});

const MEDIA_ERROR = { error: 'mediaType must be chat, email or social' };
const CHANNEL = /^[a-z][a-z0-9_-]{0,31}$/;

/** A chat, email or social offer's body; defaults are the seed's customer of that media. */
const offerInput = z.object({
  mediaType: z.enum(DIGITAL_MEDIA, MEDIA_ERROR),
  mediaChannel: optionalTextInput.refine((v) => v === undefined || CHANNEL.test(v), {
    error: 'mediaChannel must be a lower-case channel name such as web, email, facebook or sms',
  }),
  address: optionalTextInput.refine((v) => v === undefined || v.length <= 254, {
    error: 'address must be at most 254 characters',
  }),
  customerName: optionalTextInput.refine((v) => v === undefined || v.length <= 100, {
    error: 'customerName must be at most 100 characters',
  }),
  queueId: optionalTextInput,
  ronaTimeoutSec: callInput.shape.ronaTimeoutSec,
});

function result(outcome: Outcome, body: Record<string, unknown> = {}): ActionResult {
  if ('status' in outcome) return bad(outcome.message, outcome.status);
  return { status: 200, body: { ...body, events: outcome.deliveries.map((d) => d.event) } };
}

/** One of CALL_ACTIONS for an agent (the agent exists); undefined for any other action. */
export function runCallAction(
  ctx: SandboxContext,
  agentId: string,
  action: string,
  input: Record<string, unknown>,
): ActionResult | undefined {
  const center = ctx.contacts;
  const trackingId = newTrackingId('agents');
  const interactionId = optionalTextInput.parse(input.interactionId);
  switch (action) {
    case 'call': {
      const call = readInput(callInput, input);
      const ani = optionalTextInput.parse(input.ani) ?? center.seed.callers[0]?.ani ?? '';
      if (!PHONE.test(ani)) return bad('ani must be a phone number such as +14085550142');
      const cad = parseCad(input.cad);
      if (typeof cad === 'string') return bad(cad);
      if (typeof call === 'string') return bad(call);
      const customerName = call.customerName ?? '';
      if (customerName.length > 100) return bad('customerName must be at most 100 characters');
      const placed = center.placeCall(
        agentId,
        {
          ani,
          customerName,
          queueId: call.queueId ?? center.seed.queues[0]?.id ?? '',
          cad,
          ronaTimeoutSec: call.ronaTimeoutSec,
          pauseResumeEnabled: call.pauseResumeEnabled,
        },
        trackingId,
      );
      const created = result(placed, { interactionId: placed.contact?.interactionId });
      return created.status === 200 ? { ...created, status: 201 } : created;
    }
    case 'offer': {
      const offer = readInput(offerInput, input);
      if (typeof offer === 'string') return bad(offer);
      const cad = parseCad(input.cad);
      if (typeof cad === 'string') return bad(cad);
      const customer = center.seed.digitalCustomers[offer.mediaType];
      const placed = offerDigital(
        center,
        agentId,
        {
          mediaType: offer.mediaType,
          mediaChannel: offer.mediaChannel ?? customer.channel,
          address: offer.address ?? customer.address,
          customerName: offer.customerName ?? customer.customerName,
          queueId: offer.queueId,
          cad,
          ronaTimeoutSec: offer.ronaTimeoutSec,
        },
        trackingId,
      );
      const created = result(placed, { interactionId: placed.contact?.interactionId });
      return created.status === 200 ? { ...created, status: 201 } : created;
    }
    case 'answer':
      return result(center.answer(agentId, interactionId, trackingId));
    case 'decline': {
      const ringing = center.ringingFor(agentId, interactionId);
      if (!ringing || ringing.consult?.agentId !== agentId) {
        return bad('no consult is ringing at this agent', 409);
      }
      return result(center.consults.declineConsult(agentId, ringing, trackingId));
    }
    case 'ring-out':
      return result(center.endings.ringOutNow(agentId, interactionId));
    default:
      return undefined;
  }
}

const TENANT_SWITCHES = [
  'endCallEnabled',
  'endConsultEnabled',
  'outdialEnabled',
  'callVariablesSuppressed',
] as const;

const tenantInput = z.object(
  Object.fromEntries(
    TENANT_SWITCHES.map((name) => [name, flagInput(`${name} must be true or false`).optional()]),
  ) as Record<(typeof TENANT_SWITCHES)[number], z.ZodOptional<ReturnType<typeof flagInput>>>,
);

/** Flips the tenant's switches named in the body; the others stay. */
export function setTenant(ctx: SandboxContext, input: Record<string, unknown>): ActionResult {
  const unknown = Object.keys(input).find((name) => !TENANT_SWITCHES.some((s) => s === name));
  if (unknown !== undefined) {
    return bad(`${unknown.slice(0, 40)} is not one of ${TENANT_SWITCHES.join(', ')}`);
  }
  const changes = readInput(tenantInput, input);
  if (typeof changes === 'string') return bad(changes);
  for (const name of TENANT_SWITCHES) {
    if (changes[name] !== undefined) ctx.contacts.tenant[name] = changes[name];
  }
  return { status: 200, body: { ...ctx.contacts.tenant } };
}

/** The caller hangs up. */
export function hangUp(ctx: SandboxContext, interactionId: string): ActionResult {
  return result(ctx.contacts.endings.callerHangUp(interactionId, newTrackingId('agents')));
}

/** What GET /_sandbox/contacts and the console show about each open contact. */
export function describeContacts(ctx: SandboxContext) {
  return [...ctx.contacts.contacts.values()].map((c) => ({
    interactionId: c.interactionId,
    ownerId: c.ownerId,
    state: c.state,
    direction: c.direction,
    outdial: c.outdial,
    mediaType: c.mediaType,
    mediaChannel: c.mediaChannel,
    ani: c.ani,
    customerName: c.customerName,
    queueName: c.queueName,
    cad: c.cad,
    isHold: c.isHold,
    recordingPaused: c.recordingPaused,
    customerLeft: c.customerLeft,
    createdTimestamp: c.createdTimestamp,
    consult: c.consult ? { ...c.consult } : null,
    agents: [...c.legs.values()].map((l) => ({
      agentId: l.agentId,
      name: l.name,
      hasJoined: l.hasJoined,
      hasLeft: l.hasLeft,
      isConsulted: l.isConsulted,
      state: stateFor(c, l.agentId),
    })),
    pendingWrapUp: [...c.pendingWrapUp],
  }));
}
