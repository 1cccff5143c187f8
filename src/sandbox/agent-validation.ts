// Request-body checks of the agents and subscribe APIs, per the spec's required fields and limits.
import type { DeviceType } from './seed';
import type { LoginInput, StateInput } from './station';

export interface Invalid {
  field: string;
  message: string;
}

export type Checked<T> = { value: T } | { invalid: Invalid };

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

const DEVICE_TYPES: readonly DeviceType[] = ['AGENT_DN', 'EXTENSION', 'BROWSER'];
const ROLES = ['agent', 'supervisor'];

class BodyError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/** Reads fields of an untrusted JSON body, throwing BodyError at the first bad one. */
class Fields {
  constructor(private readonly body: Record<string, unknown>) {}

  string(key: string, max: number, required: boolean): string | undefined {
    const value = this.body[key];
    if (value === undefined || value === null || value === '') {
      if (required) throw new BodyError(key, `${key} is required`);
      return undefined;
    }
    if (typeof value !== 'string') throw new BodyError(key, `${key} must be a string`);
    if (value.length > max) throw new BodyError(key, `${key} must be at most ${max} characters`);
    return value;
  }

  /** The spec's examples send booleans as "false"; accept both spellings. */
  boolean(key: string, fallback: boolean): boolean {
    const value = this.body[key];
    if (value === undefined || value === null) return fallback;
    if (value === true || value === 'true') return true;
    if (value === false || value === 'false') return false;
    throw new BodyError(key, `${key} must be true or false`);
  }

  oneOf<T extends string>(key: string, allowed: readonly T[], required: boolean): T | undefined {
    const value = this.string(key, 100, required);
    if (value === undefined) return undefined;
    if (!allowed.includes(value as T)) {
      throw new BodyError(key, `${key} must be one of ${allowed.join(', ')}`);
    }
    return value as T;
  }
}

function check<T>(body: unknown, read: (f: Fields) => T, optional = false): Checked<T> {
  if (optional && (body === undefined || body === null)) body = {};
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    return { invalid: { field: 'body', message: 'the request body must be a JSON object' } };
  }
  try {
    return { value: read(new Fields(body as Record<string, unknown>)) };
  } catch (error) {
    if (error instanceof BodyError)
      return { invalid: { field: error.field, message: error.message } };
    throw error;
  }
}

export function checkLogin(body: unknown): Checked<LoginInput> {
  return check(body, (f) => {
    const dialNumber = f.string('dialNumber', 43, true) ?? '';
    const rolesValue = (body as Record<string, unknown>).roles;
    if (rolesValue === undefined || rolesValue === null) {
      throw new BodyError('roles', 'roles is required');
    }
    if (
      !Array.isArray(rolesValue) ||
      rolesValue.length === 0 ||
      !rolesValue.every((r) => typeof r === 'string' && ROLES.includes(r))
    ) {
      throw new BodyError('roles', 'roles must be a non-empty list of agent, supervisor');
    }
    const roles = [...new Set(rolesValue as string[])];
    const isAgent = roles.includes('agent');
    // Blank teamId and deviceType are valid for supervisors only, as the spec says.
    const teamId = f.string('teamId', 36, isAgent);
    const isExtension = f.boolean('isExtension', false);
    const deviceType = f.oneOf('deviceType', DEVICE_TYPES, isAgent);
    const deviceId = f.string('deviceId', 43, false);
    return { dialNumber, roles, teamId, isExtension, deviceType, deviceId };
  });
}

export function checkLogout(body: unknown): Checked<LogoutInput> {
  return check(body, (f) => ({
    logoutReason: f.string('logoutReason', 128, true) ?? '',
    agentId: f.string('agentId', 36, false),
  }));
}

export function checkState(body: unknown): Checked<StateInput & { agentId?: string }> {
  return check(body, (f) => ({
    state: f.oneOf('state', ['Available', 'Idle'] as const, true) ?? 'Idle',
    auxCodeId: f.string('auxCodeId', 36, true),
    lastStateChangeReason: f.string('lastStateChangeReason', 128, false),
    agentId: f.string('agentId', 36, false),
  }));
}

export function checkSubscribe(body: unknown): Checked<SubscribeInput> {
  return check(
    body,
    (f) => {
      const clientType = f.string('clientType', 20, false);
      const allowMultiLogin = f.boolean('allowMultiLogin', false);
      if (allowMultiLogin && clientType === undefined) {
        throw new BodyError('clientType', 'clientType is required with allowMultiLogin');
      }
      return {
        isKeepAliveEnabled: f.boolean('isKeepAliveEnabled', false),
        clientType: clientType ?? 'DefaultClient',
        allowMultiLogin,
        force: f.boolean('force', false),
      };
    },
    true,
  );
}
