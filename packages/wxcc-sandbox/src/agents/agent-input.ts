// What the agents and subscribe APIs require beyond Cisco's schemas, and the station inputs read from them.
// contract-check.ts has already held each body to the spec (types, required fields, lengths, enums), so
// these functions only add the rules the spec states in prose, and the defaults it declares.
import { z } from 'zod';
import { issue, type ContractIssue } from '../spec-check/contract-issues';
import type { LoginInput } from './station';

export type Checked<T> = { value: T } | { invalid: ContractIssue };

export interface LogoutInput {
  logoutReason: string;
  agentId?: string;
}

export interface SubscribeInput {
  isKeepAliveEnabled: boolean;
  clientType: string;
  allowMultiLogin: boolean;
  force: boolean;
}

const text = z.string().catch('');
const optionalText = z
  .string()
  .optional()
  .catch(undefined)
  .transform((v) => v || undefined);
const optionalBool = z.boolean().optional().catch(undefined);

/** Bodies as the spec defines them (LogInResourceRequest and friends), already held to it. */
const loginBody = z.object({
  dialNumber: text,
  roles: z.array(z.string()).catch([]),
  teamId: optionalText,
  isExtension: optionalBool,
  deviceType: z.enum(['AGENT_DN', 'EXTENSION', 'BROWSER']).optional().catch(undefined),
  deviceId: optionalText,
});
const logoutBody = z.object({ logoutReason: text, agentId: optionalText });
const stateBody = z.object({
  state: z.enum(['Available', 'Idle']).catch('Idle'),
  auxCodeId: text,
  lastStateChangeReason: optionalText,
  agentId: optionalText,
});
/** The body is optional; absent fields take the spec's defaults. */
const subscribeBody = z
  .object({
    isKeepAliveEnabled: optionalBool,
    clientType: optionalText,
    allowMultiLogin: optionalBool,
    force: optionalBool,
  })
  .catch({ clientType: undefined });
type StateBody = z.output<typeof stateBody>;

const invalid = (field: string, text: string) => ({ invalid: issue('body', field, text) });

/**
 * The schemas mark these fields required but allow "" in them; the sandbox reads a blank one as
 * missing, as the spec's descriptions of them as values suggest.
 */
function firstBlank<T extends object>(
  body: T,
  fields: (keyof T & string)[],
): Checked<never> | undefined {
  const blank = fields.find((field) => !body[field]);
  return blank === undefined ? undefined : invalid(blank, 'must not be blank');
}

export function loginInput(raw: unknown): Checked<LoginInput> {
  const body = loginBody.parse(raw ?? {});
  // Cisco's own Postman collection sends roles ["Agent"]: roles are read without case.
  const roles = [...new Set(body.roles.map((r) => r.toLowerCase()))];
  if (roles.length === 0) return invalid('roles', 'must name at least one role');
  const unknown = roles.findIndex((r) => r !== 'agent' && r !== 'supervisor');
  if (unknown >= 0) return invalid(`roles[${unknown}]`, 'must be one of "agent", "supervisor"');
  // "Leaving this field blank is valid for supervisor role but invalid for agent role" (the spec).
  // deviceType is not required: Cisco's Postman login sends only isExtension.
  const blank = firstBlank(
    body,
    roles.includes('agent') ? ['dialNumber', 'teamId'] : ['dialNumber'],
  );
  if (blank) return blank;
  return { value: { ...body, roles, isExtension: body.isExtension ?? false } };
}

export function logoutInput(raw: unknown): Checked<LogoutInput> {
  const body = logoutBody.parse(raw ?? {});
  return firstBlank(body, ['logoutReason']) ?? { value: body };
}

export function stateInput(raw: unknown): Checked<StateBody> {
  const body = stateBody.parse(raw ?? {});
  return firstBlank(body, ['auxCodeId']) ?? { value: body };
}

export function subscribeInput(raw: unknown): Checked<SubscribeInput> {
  const body = subscribeBody.parse(raw ?? {});
  // "This cannot be used without providing clientType" (the spec, of allowMultiLogin).
  if (body.allowMultiLogin === true && !body.clientType) {
    return invalid('clientType', 'is required with allowMultiLogin');
  }
  return {
    value: {
      isKeepAliveEnabled: body.isKeepAliveEnabled ?? false,
      clientType: body.clientType ?? 'DefaultClient',
      allowMultiLogin: body.allowMultiLogin ?? false,
      force: body.force ?? false,
    },
  };
}
