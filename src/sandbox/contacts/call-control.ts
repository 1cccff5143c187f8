// Control API actions for calls: what the customer and the agents' phones do, which no WxCC API covers.
import type { SandboxContext } from '../context';
import { newTrackingId } from '../ids';
import type { Outcome } from './contact-center';
import { stateFor } from './contact-events';

export interface ActionResult {
  status: number;
  body: Record<string, unknown>;
}

export const CALL_ACTIONS = ['call', 'answer', 'decline', 'ring-out'] as const;

const bad = (error: string, status = 400): ActionResult => ({ status, body: { error } });
const PHONE = /^\+?\d{3,15}$/;
const CAD_NAME = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
const MAX_CAD = 30;

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;

/**
 * CAD variables: a JSON object of strings, or (from the console) `name=value` lines.
 * Returns the map or a sentence saying what is wrong.
 */
export function parseCad(value: unknown): Record<string, string> | string {
  if (value === undefined || value === '') return {};
  let entries: [string, unknown][];
  if (typeof value === 'string') {
    entries = value
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter(Boolean)
      .map((line) => {
        const at = line.indexOf('=');
        return at < 0 ? [line, ''] : [line.slice(0, at).trim(), line.slice(at + 1).trim()];
      });
  } else if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    entries = Object.entries(value);
  } else {
    return 'cad must be an object of strings or name=value lines';
  }
  if (entries.length > MAX_CAD) return `cad may hold at most ${MAX_CAD} variables`;
  const cad: Record<string, string> = {};
  for (const [name, v] of entries) {
    if (!CAD_NAME.test(name)) return `cad variable name "${name.slice(0, 40)}" is not valid`;
    if (typeof v !== 'string' || v.length > 1024) {
      return `cad variable ${name} must be a string of at most 1024 characters`;
    }
    cad[name] = v;
  }
  return cad;
}

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
  const interactionId = text(input.interactionId);
  switch (action) {
    case 'call': {
      const caller = center.seed.callers[0];
      const ani = text(input.ani) ?? caller?.ani ?? '';
      if (!PHONE.test(ani)) return bad('ani must be a phone number such as +14085550142');
      const customerName = text(input.customerName) ?? '';
      if (customerName.length > 100) return bad('customerName must be at most 100 characters');
      const queueId = text(input.queueId) ?? center.seed.queues[0]?.id ?? '';
      const cad = parseCad(input.cad);
      if (typeof cad === 'string') return bad(cad);
      const rona = input.ronaTimeoutSec;
      const ronaNumber = rona === undefined || rona === '' ? undefined : Number(rona);
      if (ronaNumber !== undefined && !(Number.isInteger(ronaNumber) && ronaNumber >= 1)) {
        return bad('ronaTimeoutSec must be a whole number of seconds, 1 or more');
      }
      const pause = input.pauseResumeEnabled;
      if (
        pause !== undefined &&
        pause !== true &&
        pause !== false &&
        pause !== 'true' &&
        pause !== 'false'
      ) {
        return bad('pauseResumeEnabled must be true or false');
      }
      const pauseResumeEnabled =
        pause === undefined ? undefined : pause === true || pause === 'true';
      const placed = center.placeCall(
        agentId,
        { ani, customerName, queueId, cad, ronaTimeoutSec: ronaNumber, pauseResumeEnabled },
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

/** Flips the tenant's switches named in the body; the others stay. */
export function setTenant(ctx: SandboxContext, input: Record<string, unknown>): ActionResult {
  const changes: Partial<Record<(typeof TENANT_SWITCHES)[number], boolean>> = {};
  for (const [name, value] of Object.entries(input)) {
    const known = TENANT_SWITCHES.find((s) => s === name);
    if (!known) return bad(`${name.slice(0, 40)} is not one of ${TENANT_SWITCHES.join(', ')}`);
    if (value !== true && value !== false && value !== 'true' && value !== 'false') {
      return bad(`${name} must be true or false`);
    }
    changes[known] = value === true || value === 'true';
  }
  Object.assign(ctx.contacts.tenant, changes);
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
