// What the agents and subscribe APIs require beyond Cisco's schemas, and the station inputs read from them.
// contract-check.ts has already held each body to the spec (types, required fields, lengths, enums), so
// these functions only add the rules the spec states in prose, and the defaults it declares.
import { issue, type ContractIssue } from '../spec-check/contract-issues';
import type { DeviceType } from '../seed';
import type { LoginInput, StateInput } from './station';

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

/** Bodies as the spec defines them (LogInResourceRequest and friends): only their shape is known. */
interface LoginBody {
  dialNumber: string;
  roles: string[];
  teamId?: string;
  isExtension?: boolean;
  deviceType?: DeviceType;
  deviceId?: string;
}
type LogoutBody = LogoutInput;
type StateBody = StateInput & { auxCodeId: string; agentId?: string };
type SubscribeBody = Partial<SubscribeInput>;

const invalid = (field: string, text: string) => ({ invalid: issue('body', field, text) });

/**
 * The schemas mark these fields required but allow "" in them; the sandbox reads a blank one as
 * missing, as the spec's descriptions of them as values suggest.
 */
function firstBlank(body: object, fields: string[]): Checked<never> | undefined {
  const values = body as Record<string, unknown>;
  const blank = fields.find((field) => values[field] === undefined || values[field] === '');
  return blank === undefined ? undefined : invalid(blank, 'must not be blank');
}

export function loginInput(raw: unknown): Checked<LoginInput> {
  const body = raw as LoginBody;
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
  return {
    value: {
      dialNumber: body.dialNumber,
      roles,
      teamId: body.teamId || undefined,
      isExtension: body.isExtension ?? false,
      deviceType: body.deviceType || undefined,
      deviceId: body.deviceId || undefined,
    },
  };
}

export function logoutInput(raw: unknown): Checked<LogoutInput> {
  const { logoutReason, agentId } = raw as LogoutBody;
  return firstBlank({ logoutReason }, ['logoutReason']) ?? { value: { logoutReason, agentId } };
}

export function stateInput(raw: unknown): Checked<StateBody> {
  const { state, auxCodeId, lastStateChangeReason, agentId } = raw as StateBody;
  const value = { state, auxCodeId, lastStateChangeReason, agentId };
  return firstBlank(value, ['auxCodeId']) ?? { value };
}

/** The body is optional; absent fields take the spec's defaults. */
export function subscribeInput(raw: unknown): Checked<SubscribeInput> {
  const body = (raw ?? {}) as SubscribeBody;
  // "This cannot be used without providing clientType" (the spec, of allowMultiLogin).
  if (body.allowMultiLogin === true && !body.clientType) {
    return invalid('clientType', 'is required with allowMultiLogin');
  }
  return {
    value: {
      isKeepAliveEnabled: body.isKeepAliveEnabled ?? false,
      clientType: body.clientType || 'DefaultClient',
      allowMultiLogin: body.allowMultiLogin ?? false,
      force: body.force ?? false,
    },
  };
}
