// JSON schemas for the notification websocket's events, which Cisco's OpenAPI spec does not describe.
// Derived from CONTRACT.md's table and the typings in Cisco's Contact Center SDK (@webex/contact-center,
// services/agent/types.ts, services/config/types.ts, services/task/constants.ts). Tolerant of extra
// fields, like the response checks.
import { Ajv, type AnySchema, type ValidateFunction } from 'ajv';
import { issue, issuesFromAjv, type ContractIssue } from './contract-issues';

type Schema = Record<string, unknown>;

const text = { type: 'string' };
const nonEmpty = { type: 'string', minLength: 1 };
const textOrNull = { type: ['string', 'null'] };
const epochMillis = { type: 'number' };
const texts = { type: 'array', items: text };
const subStatus = { enum: ['Available', 'Idle'] };

/** Every agent event's `data` says who and what it is about. */
function agentData(inner: string, properties: Schema, required: string[]): Schema {
  return {
    type: 'object',
    properties: {
      type: { const: inner },
      eventType: { const: 'AgentDesktopMessage' },
      agentId: nonEmpty,
      trackingId: text,
      orgId: nonEmpty,
      ...properties,
    },
    required: ['type', 'eventType', 'agentId', 'orgId', ...required],
  };
}

const sessionFields = {
  agentSessionId: nonEmpty,
  teamId: nonEmpty,
  siteId: text,
  dn: text,
  dialNumber: text,
  deviceType: { enum: ['AGENT_DN', 'EXTENSION', 'BROWSER'] },
  deviceId: textOrNull,
  isExtension: { type: 'boolean' },
  status: { const: 'LoggedIn' },
  subStatus,
  auxCodeId: text,
  lastStateChangeTimestamp: epochMillis,
  lastIdleCodeChangeTimestamp: epochMillis,
  lastStateChangeReason: text,
  interactionIds: texts,
  roles: texts,
};
const sessionRequired = [
  'agentSessionId',
  'teamId',
  'status',
  'subStatus',
  'auxCodeId',
  'interactionIds',
];

/** Failures carry a machine reason (DUPLICATE_LOCATION, AGENT_NOT_FOUND, ...) and, per the SDK, a numeric code. */
const failure = (inner: string) =>
  agentData(inner, { reason: nonEmpty, reasonCode: { type: 'number' } }, ['reason']);

/**
 * Contact events, as far as the sandbox goes: a simplification of WxCC's. WxCC tells a contact's life
 * in many routing events (AgentOfferContact, AgentContactAssigned, AgentWrapup, ContactEnded, ...),
 * which Cisco's SDK reads as `eventType: "RoutingMessage"` and which carry the whole `interaction`.
 * The sandbox sends only the assignment and the end, under the outer type AgentContact, with what an
 * agent desktop needs: the `interactionId`, and the agent's open `interactionIds`: the list CONTRACT.md
 * puts in the session events, and that makes the agent's own logout fail while it is not empty.
 */
const contactData = (inner: string) =>
  agentData(
    inner,
    {
      eventType: { const: 'RoutingMessage' },
      interactionId: nonEmpty,
      interactionIds: texts,
      mediaType: text,
    },
    ['interactionId', 'interactionIds'],
  );

/** OUTER type → INNER type → schema of `data`. */
const DATA_SCHEMAS: Record<string, Record<string, Schema>> = {
  StationLogin: {
    AgentStationLoginSuccess: agentData('AgentStationLoginSuccess', sessionFields, sessionRequired),
    AgentStationLoginFailed: failure('AgentStationLoginFailed'),
  },
  AgentStateChange: {
    AgentStateChangeSuccess: agentData(
      'AgentStateChangeSuccess',
      {
        agentSessionId: text,
        status: text,
        subStatus,
        auxCodeId: text,
        lastStateChangeTimestamp: epochMillis,
        lastIdleCodeChangeTimestamp: epochMillis,
        lastStateChangeReason: text,
        // Who changed it: the agent, or a supervisor whose change arrives the same way (null for self, per the SDK).
        changedBy: textOrNull,
        changedById: textOrNull,
        changedByName: textOrNull,
      },
      ['subStatus', 'auxCodeId', 'lastStateChangeTimestamp'],
    ),
    AgentStateChangeFailed: failure('AgentStateChangeFailed'),
  },
  Logout: {
    AgentLogoutSuccess: agentData(
      'AgentLogoutSuccess',
      {
        agentSessionId: text,
        status: { const: 'LoggedOut' },
        subStatus: text,
        loggedOutBy: nonEmpty,
        logoutReason: text,
        eventTime: epochMillis,
        roles: texts,
      },
      ['status'],
    ),
    AgentLogoutFailed: failure('AgentLogoutFailed'),
  },
  AgentReloginSuccess: {
    AgentReloginSuccess: agentData('AgentReloginSuccess', sessionFields, sessionRequired),
  },
  AgentReloginFailed: { AgentReloginFailed: failure('AgentReloginFailed') },
  AgentContact: {
    AgentContactAssigned: contactData('AgentContactAssigned'),
    ContactEnded: contactData('ContactEnded'),
  },
  // Another desktop took the session; nothing in `data` is documented, so nothing is required of it.
  AGENT_MULTI_LOGIN: { '': { type: 'object' } },
  Welcome: { '': { type: 'object', properties: { agentId: nonEmpty }, required: ['agentId'] } },
};

/** The outer types whose events carry no `data.type` of their own. */
const UNTYPED_DATA = new Set(['AGENT_MULTI_LOGIN', 'Welcome']);

export const NOTIFICATION_TYPES: Readonly<Record<string, readonly string[]>> = Object.fromEntries(
  Object.entries(DATA_SCHEMAS).map(([outer, inner]) => [outer, Object.keys(inner).filter(Boolean)]),
);

function eventSchema(outer: string, data: Schema): Schema {
  // The first frame (Welcome) is only `{type, data}`; every agent event also names its org and tracking id.
  const envelopeRequired =
    outer === 'Welcome' ? ['type', 'data'] : ['type', 'orgId', 'trackingId', 'data'];
  return {
    type: 'object',
    properties: { type: { const: outer }, orgId: nonEmpty, trackingId: text, data },
    required: envelopeRequired,
  };
}

let ajv: Ajv | undefined;
const compiled = new Map<string, ValidateFunction>();

function validatorFor(outer: string, inner: string, data: Schema): ValidateFunction {
  const key = `${outer}/${inner}`;
  let validate = compiled.get(key);
  if (!validate) {
    ajv ??= new Ajv({ allErrors: true, allowUnionTypes: true });
    validate = ajv.compile(eventSchema(outer, data) as AnySchema);
    compiled.set(key, validate);
  }
  return validate;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** Checks one parsed websocket frame; issues use `where: 'body'` and fields like `data.reason`. */
export function validateNotification(event: unknown): ContractIssue[] {
  if (!isRecord(event)) return [issue('body', '(event)', 'must be a JSON object')];
  const outer = event.type;
  const byInner = typeof outer === 'string' ? DATA_SCHEMAS[outer] : undefined;
  if (typeof outer !== 'string' || !byInner) {
    const known = Object.keys(DATA_SCHEMAS).join(', ');
    return [issue('body', 'type', `must be one of the events this contract describes (${known})`)];
  }
  const inner = UNTYPED_DATA.has(outer) ? '' : isRecord(event.data) ? event.data.type : undefined;
  const data = typeof inner === 'string' ? byInner[inner] : undefined;
  if (!data) {
    const allowed = Object.keys(byInner).map((name) => JSON.stringify(name));
    return [
      issue('body', 'data.type', `must be one of ${allowed.join(', ')} for a ${outer} event`),
    ];
  }
  const validate = validatorFor(outer, String(inner), data);
  validate(event);
  return issuesFromAjv('body', validate.errors, '(event)');
}
