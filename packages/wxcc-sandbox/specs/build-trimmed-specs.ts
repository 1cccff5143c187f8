// Builds the two trimmed specs from Cisco's full ones; trim-specs.ts writes them, a test re-checks them.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ADDED_BY_PROJECT, addProseConstraints } from './prose-constraints';
import {
  cloneJson,
  getObject,
  isJsonObject,
  trimOpenApi,
  type JsonObject,
  type OperationRef,
} from './trim-openapi';

/** Unmodified copies of Cisco's full specs, committed so that nothing reads outside the repository. */
export const DEFAULT_SPEC_DIR = fileURLToPath(new URL('./upstream/', import.meta.url));
export const CONTRACT_DIR = fileURLToPath(new URL('./', import.meta.url));
export const WXCC_FILE = 'wxcc-openapi.json';
export const PEOPLE_FILE = 'webex-people-openapi.json';

const REPOSITORY = 'https://github.com/webex/webex-openapi-specs';
const COMMIT = '1be8332652c7c3dd34ea8148848c44ddf109a200';
const LICENSE = { name: 'CC BY 4.0', url: 'https://creativecommons.org/licenses/by/4.0/' };

export const WXCC_OPERATIONS: readonly OperationRef[] = [
  { method: 'post', path: '/v1/agents/login' },
  { method: 'put', path: '/v1/agents/logout' },
  { method: 'put', path: '/v1/agents/session/state' },
  { method: 'post', path: '/v1/agents/reload' },
  { method: 'post', path: '/v1/notification/subscribe' },
  { method: 'post', path: '/v1/agents/buddyList' },
  { method: 'post', path: '/v1/tasks' },
  { method: 'post', path: '/v1/tasks/{taskId}/accept' },
  { method: 'post', path: '/v1/tasks/{taskId}/reject' },
  { method: 'post', path: '/v1/tasks/{taskId}/hold' },
  { method: 'post', path: '/v1/tasks/{taskId}/unhold' },
  { method: 'post', path: '/v1/tasks/{taskId}/end' },
  { method: 'post', path: '/v1/tasks/{taskId}/wrapup' },
  { method: 'post', path: '/v1/tasks/{taskId}/record/pause' },
  { method: 'post', path: '/v1/tasks/{taskId}/record/resume' },
  { method: 'post', path: '/v1/tasks/{taskId}/transfer' },
  { method: 'post', path: '/v1/tasks/{taskId}/consult' },
  { method: 'post', path: '/v1/tasks/{taskId}/consult/accept' },
  { method: 'post', path: '/v1/tasks/{taskId}/consult/end' },
  { method: 'post', path: '/v1/tasks/{taskId}/consult/transfer' },
  { method: 'post', path: '/v1/tasks/{taskId}/consult/conference' },
  { method: 'post', path: '/v1/tasks/{taskId}/conference/exit' },
  { method: 'get', path: '/organization/{orgid}/v2/team' },
  { method: 'get', path: '/organization/{orgid}/v2/auxiliary-code' },
  { method: 'get', path: '/organization/{orgid}/v2/user/by-ci-user-id/{id}' },
  // The v1 form Cisco's SDK reads; served so the sandbox answers Cisco's clients too.
  { method: 'get', path: '/organization/{orgid}/user/by-ci-user-id/{id}' },
  { method: 'get', path: '/organization/{orgid}/agent-profile/{id}' },
  // Dial plans: Cisco's SDK reads the v1 list (?agentView=true); v2 is the paged form.
  { method: 'get', path: '/organization/{orgid}/dial-plan' },
  { method: 'get', path: '/organization/{orgid}/v2/dial-plan' },
  { method: 'get', path: '/organization/{orgid}/v2/contact-service-queue' },
  { method: 'get', path: '/organization/{orgid}/v2/entry-point' },
  { method: 'get', path: '/organization/{orgid}/v2/outdial-ani/{outDialAniId}/entry' },
  // The agent's tools (issue 21): address book search, CAD variable definitions, the task's
  // call-associated data, and personal scheduled callbacks (cjp:user).
  { method: 'get', path: '/organization/{orgid}/v2/address-book/{addressBookId}/entry' },
  { method: 'get', path: '/organization/{orgid}/v2/cad-variable' },
  { method: 'patch', path: '/v1/tasks/{taskId}' },
  { method: 'post', path: '/v1/callbacks/organization/{orgId}/scheduled-callback' },
  { method: 'get', path: '/v1/callbacks/organization/{orgId}/scheduled-callback' },
  { method: 'delete', path: '/v1/callbacks/organization/{orgId}/scheduled-callback/{id}' },
];

export const PEOPLE_OPERATIONS: readonly OperationRef[] = [{ method: 'get', path: '/people/me' }];

const POST_LOGOUT_NOTE =
  "Added by this project: Cisco documents only PUT /v1/agents/logout, but Cisco's own Contact Center SDK " +
  '(webex/webex-js-sdk, packages/@webex/contact-center/src/services/agent/index.ts: logout sets no method, ' +
  'and core/aqm-reqs.ts then sends POST because a body is present) and samples send POST. ' +
  'Copied from the PUT operation so the sandbox serves both and the app may use either.';

interface SourceFile {
  doc: JsonObject;
  sha256: string;
  name: string;
}

function readSpec(specDir: string, name: string): SourceFile {
  const bytes = readFileSync(join(specDir, name));
  const doc: unknown = JSON.parse(bytes.toString('utf8'));
  if (!isJsonObject(doc)) throw new Error(`${name} is not a JSON object`);
  return { doc, name, sha256: createHash('sha256').update(bytes).digest('hex') };
}

function describe(
  trimmed: JsonObject,
  source: SourceFile,
  operations: readonly OperationRef[],
): JsonObject {
  const info = getObject(source.doc, 'info', source.name);
  const list = operations.map((op) => `${op.method.toUpperCase()} ${op.path}`).join(', ');
  trimmed.info = {
    title: `${String(info.title)} (trimmed)`,
    version: info.version ?? '1.0.0',
    description:
      `Trimmed by specs/trim-specs.ts to the operations this project uses (${list}) ` +
      `and the components they reference. Source: "Webex OpenAPI Specifications", (c) Cisco Systems, Inc., ` +
      `CC BY 4.0, ${REPOSITORY} public-spec/${source.name} at commit ${COMMIT}. ` +
      `Every change beyond trimming carries an "${ADDED_BY_PROJECT}" note.`,
    license: LICENSE,
  };
  trimmed['x-source'] = {
    repository: REPOSITORY,
    path: `public-spec/${source.name}`,
    commit: COMMIT,
    sha256: source.sha256,
  };
  return trimmed;
}

/** Serves the SDK's POST beside the spec's PUT (see CONTRACT.md, "logout"). */
function addPostLogout(doc: JsonObject): void {
  const item = getObject(getObject(doc, 'paths', 'doc'), '/v1/agents/logout', 'paths');
  const put = getObject(item, 'put', '/v1/agents/logout');
  item.post = {
    ...cloneJson(put),
    operationId: 'logoutRoutePost',
    [ADDED_BY_PROJECT]: POST_LOGOUT_NOTE,
  };
}

const CONFERENCE_TRANSFER_NOTE =
  "Added by this project: Cisco's spec omits it, but Cisco's own Contact Center SDK sends it " +
  '(@webex/contact-center 3.12.0 src/services/task/constants.ts CONFERENCE_TRANSFER, ' +
  'services/task/contact.ts conferenceTransfer: POST {} to /v1/tasks/{taskId}/conference/transfer) and its ' +
  "widgets' Transfer button calls it while a conference is in progress (@webex/cc-task useCallControl). " +
  'Copied from conference/exit, which takes the same empty body.';

/** Serves the SDK's conference transfer, shaped as conference/exit (see TASKS.md §4.4). */
function addConferenceTransfer(doc: JsonObject): void {
  const paths = getObject(doc, 'paths', 'doc');
  const exit = getObject(
    getObject(paths, '/v1/tasks/{taskId}/conference/exit', 'paths'),
    'post',
    'exit',
  );
  paths['/v1/tasks/{taskId}/conference/transfer'] = {
    post: {
      ...cloneJson(exit),
      summary: 'Transfer Conference Task',
      operationId: 'conferenceTransferRoute',
      [ADDED_BY_PROJECT]: CONFERENCE_TRANSFER_NOTE,
    },
  };
}

export interface TrimmedSpecs {
  wxcc: JsonObject;
  people: JsonObject;
}

export function buildTrimmedSpecs(specDir: string = DEFAULT_SPEC_DIR): TrimmedSpecs {
  const wxccSource = readSpec(specDir, 'webex-contact-center.json');
  const peopleSource = readSpec(specDir, 'webex-messaging.json');

  const wxcc = describe(trimOpenApi(wxccSource.doc, WXCC_OPERATIONS), wxccSource, WXCC_OPERATIONS);
  addPostLogout(wxcc);
  addConferenceTransfer(wxcc);
  addProseConstraints(wxcc);

  const people = describe(
    trimOpenApi(peopleSource.doc, PEOPLE_OPERATIONS),
    peopleSource,
    PEOPLE_OPERATIONS,
  );
  return { wxcc, people };
}
