// The sandbox's one organization: site, teams, agents, desktop profiles, auxiliary codes, dial plans
// and tenant settings, shaped like real tenants (ids of several formats, dial plans, many teams).
export type DeviceType = 'AGENT_DN' | 'EXTENSION' | 'BROWSER';
export type WorkTypeCode = 'IDLE_CODE' | 'WRAP_UP_CODE';

export interface SeedOrganization {
  id: string;
  name: string;
  /** The tenant's IANA time zone (the organization's `timezone`); America/Los_Angeles if unset. */
  timezone?: string;
}

export interface SeedSite {
  id: string;
  name: string;
}

export interface SeedTeam {
  id: string;
  name: string;
  description: string;
  active: boolean;
}

export interface SeedAgent {
  /** The people UUID: Webex's person id (base64-wrapped) and WxCC's agent id. */
  id: string;
  /** The Contact Center user record's own id (the configuration API's `id`, not the agent id). */
  userId: string;
  firstName: string;
  lastName: string;
  email: string;
  teamIds: string[];
  agentProfileId: string;
  defaultDialNumber: string;
}

export interface SeedDesktopProfile {
  id: string;
  name: string;
  description: string;
  loginVoiceOptions: DeviceType[];
  /** `ALL` idle codes of the org, or only the `SPECIFIC` ones listed in idleCodes. */
  accessIdleCode: 'ALL' | 'SPECIFIC';
  idleCodes: string[];
  timeoutDesktopInactivityMins: number;
  /** Dial numbers are checked against `dialPlans` (ids of SandboxSeed.dialPlans); default false. */
  dialPlanEnabled?: boolean;
  dialPlans?: string[];
  /** `PROVISIONED_VALUE`: the agent must use the provisioned number; default `NONE`. */
  agentDNValidation?: 'NONE' | 'PROVISIONED_VALUE';
}

/** A dial plan in DialPlanDTO's terms. */
export interface SeedDialPlan {
  id: string;
  name: string;
  regularExpression: string;
  prefix: string;
  strippedChars: string;
  /** WxCC's own plans (US, Any Format) are system defaults. */
  systemDefault: boolean;
}

/** `v2/organization-setting?agentView=true`: only what desktops read. */
export interface SeedOrganizationSettings {
  webRtcEnabled: boolean;
  campaignManagerEnabled: boolean;
  maskSensitiveData: boolean;
}

/** `v2/tenant-configuration?agentView=true`: only what desktops read. */
export interface SeedTenantSettings {
  forceDefaultDn: boolean;
  /** Milliseconds a lost notification socket may take to come back (WxCC default 50 000). */
  lostConnectionRecoveryTimeout: number;
  endCallEnabled: boolean;
  endConsultEnabled: boolean;
  callVariablesSuppressed: boolean;
  outdialEnabled: boolean;
  timeoutDesktopInactivityEnabled: boolean;
  timeoutDesktopInactivityMins: number;
}

export interface SeedAuxCode {
  id: string;
  name: string;
  description: string;
  workTypeCode: WorkTypeCode;
  active: boolean;
  isSystemCode: boolean;
  defaultCode: boolean;
}

export interface SeedSupervisor {
  id: string;
  name: string;
}

export interface SandboxSeed {
  organization: SeedOrganization;
  site: SeedSite;
  teams: SeedTeam[];
  agents: SeedAgent[];
  desktopProfiles: SeedDesktopProfile[];
  auxCodes: SeedAuxCode[];
  /** Who the supervisor console acts as: names appear in changedByName / loggedOutBy. */
  supervisor: SeedSupervisor;
  /** WxCC's work-type ids: one per auxiliary-code kind. */
  workTypeIds: Record<WorkTypeCode, string>;
  dialPlans: SeedDialPlan[];
  organizationSettings: SeedOrganizationSettings;
  tenantSettings: SeedTenantSettings;
}

// Ids come in several formats, as in real tenants: UUIDs in newer ones, 20-character ids of
// letters, digits, '-' and '_' (e.g. 'AXZxaC0KgHvT6JNFiA-g' in Cisco's samples) and numeric ids in
// older ones. Nothing may assume a format.
const TEAM_SUPPORT = 'f786fcf0-5b10-40da-81a7-d2b664f02243';
const TEAM_SALES = 'AXCZ6mPk_di6m3ouq5cV';
const TEAM_BILLING = '104711';
const PROFILE_FLEXIBLE = '84296e2d-b4ad-4b8f-81bb-da15103dc15a';
const PROFILE_PHONE_ONLY = 'AXlp4QeM2Ik1gk8sXy0Z';
const IDLE_BREAK = 'fdaba960-5939-4840-90d1-af712d924e53';
const IDLE_LUNCH = 'AXZq7L0KgHvT2JNFiA-g';
const IDLE_MEETING = 'AXiQ3SMWWbHEHKpTt6_D';
const IDLE_TRAINING = '2001';

// --- Dial plans and the profiles that use them (REAL-TENANTS.md finding 3) ---
const PLAN_US = 'AXdp0US7aQ2b9LmN4kZ1';
const PLAN_ANY_FORMAT = 'AXdp1AnyFmT8qP3rS6uV';
const PLAN_UK = 'c0b4a1f2-3d5e-4f60-8a7b-9c0d1e2f3a4b';
const PROFILE_US_PLAN = '3317';
const PROFILE_PROVISIONED = 'AXpr0v1s10n3dDnAg3nt';

// --- Many teams: more than one page of the configuration API (finding 8) ---
/** More than the API's largest page (1000), so an org-wide listing cannot hold every team. */
export const FILLER_TEAM_COUNT = 1050;
/** A team of Bruno's that an org-wide listing reaches only after every filler team. */
const TEAM_NIGHT = 'AXnight0Shift_Team01';

function fillerTeams(count: number): SeedTeam[] {
  return Array.from({ length: count }, (_, i) => ({
    // Alternate formats, as an org that grew over years has them.
    id: i % 2 === 0 ? String(500000 + i) : `AXfill${String(i).padStart(14, '0')}`,
    name: `Team ${String(i + 1).padStart(4, '0')}`,
    description: 'Another team of this organization',
    active: true,
  }));
}

/** WxCC's RONA code: it puts an agent in it after a missed offer; agents cannot pick it. */
export const SYSTEM_RONA = 'AXc5RoNa8sYsC0de_q1Z';

export const defaultSeed: SandboxSeed = {
  organization: { id: '50fc362d-bb05-4884-8d16-ab9207d7444c', name: 'Sandbox Contact Center' },
  site: { id: 'AXsite7Hs2yZpQ1tL4aB', name: 'Sandbox Site' },
  teams: [
    { id: TEAM_SUPPORT, name: 'Customer Support', description: 'First line', active: true },
    { id: TEAM_SALES, name: 'Sales', description: 'Inbound sales', active: true },
    { id: TEAM_BILLING, name: 'Billing', description: 'Invoices and refunds', active: true },
    ...fillerTeams(FILLER_TEAM_COUNT),
    { id: TEAM_NIGHT, name: 'Night Shift', description: 'Created last', active: true },
  ],
  agents: [
    {
      id: '57ef21f1-50e0-4dd4-988a-c5478b725e00',
      userId: '77c17306-523f-4a75-b828-00cb4c2ecb7e',
      firstName: 'Alice',
      lastName: 'Anderson',
      email: 'alice.anderson@sandbox.example.com',
      teamIds: [TEAM_SUPPORT, TEAM_SALES],
      agentProfileId: PROFILE_FLEXIBLE,
      defaultDialNumber: '+14155550101',
    },
    {
      id: '3e0543e5-51d4-4d0a-bd5f-b5350352fc7d',
      userId: '12dcd8ef-c163-489e-9ba8-a6d6df2d1c64',
      firstName: 'Bruno',
      lastName: 'Becker',
      email: 'bruno.becker@sandbox.example.com',
      teamIds: [TEAM_SUPPORT, TEAM_NIGHT],
      // On the US dial plan.
      agentProfileId: PROFILE_US_PLAN,
      defaultDialNumber: '+14155550102',
    },
    {
      id: '122883f8-f3cf-4e95-b8cd-7a3a1ff47431',
      userId: '1ac0f8df-8049-4cfa-b2c7-4584a8f09451',
      firstName: 'Chiara',
      lastName: 'Costa',
      email: 'chiara.costa@sandbox.example.com',
      teamIds: [TEAM_SALES, TEAM_BILLING],
      // On a UK dial plan.
      agentProfileId: PROFILE_PHONE_ONLY,
      defaultDialNumber: '+442079460103',
    },
    {
      id: '76b8bc22-4055-4ea4-956d-4a3ad6e21b2e',
      userId: 'fca69e3e-964b-4d85-9684-2e09811e4aed',
      firstName: 'Dmitri',
      lastName: 'Dahl',
      email: 'dmitri.dahl@sandbox.example.com',
      teamIds: [TEAM_BILLING],
      // Must use the provisioned number (agentDNValidation PROVISIONED_VALUE).
      agentProfileId: PROFILE_PROVISIONED,
      defaultDialNumber: '+4930901820104',
    },
  ],
  desktopProfiles: [
    {
      id: PROFILE_FLEXIBLE,
      name: 'Flexible Agent',
      description: 'Phone number, extension or browser; every idle code',
      loginVoiceOptions: ['AGENT_DN', 'EXTENSION', 'BROWSER'],
      accessIdleCode: 'ALL',
      idleCodes: [],
      timeoutDesktopInactivityMins: 30,
    },
    {
      id: PROFILE_PHONE_ONLY,
      name: 'Phone Agent',
      description: 'Phone number only; Break and Lunch only',
      loginVoiceOptions: ['AGENT_DN'],
      accessIdleCode: 'SPECIFIC',
      idleCodes: [IDLE_BREAK, IDLE_LUNCH],
      timeoutDesktopInactivityMins: 15,
      dialPlanEnabled: true,
      dialPlans: [PLAN_UK],
    },
    {
      id: PROFILE_US_PLAN,
      name: 'US Dial Plan Agent',
      description: 'Dial number or extension, checked against the US dial plan',
      loginVoiceOptions: ['AGENT_DN', 'EXTENSION'],
      accessIdleCode: 'ALL',
      idleCodes: [],
      timeoutDesktopInactivityMins: 30,
      dialPlanEnabled: true,
      dialPlans: [PLAN_US],
    },
    {
      id: PROFILE_PROVISIONED,
      name: 'Provisioned Number Agent',
      description: 'The provisioned dial number only',
      loginVoiceOptions: ['AGENT_DN'],
      accessIdleCode: 'ALL',
      idleCodes: [],
      timeoutDesktopInactivityMins: 30,
      agentDNValidation: 'PROVISIONED_VALUE',
    },
  ],
  auxCodes: [
    idle(IDLE_BREAK, 'Break', 'Short break', { defaultCode: true }),
    idle(IDLE_LUNCH, 'Lunch', 'Lunch break'),
    idle(IDLE_MEETING, 'Meeting', 'Team meeting'),
    idle(IDLE_TRAINING, 'Training', 'Training session'),
    idle('322f7efc-0a19-4c52-a79d-db84350806c7', 'Coaching', 'Retired: no longer offered', {
      active: false,
    }),
    // WxCC's own code, set by the system (e.g. after a missed call); agents may not pick it.
    idle(SYSTEM_RONA, 'RONA', 'Redirection on no answer', { isSystemCode: true }),
    idle('9001', 'Not Responding', 'Set by the system when the desktop stops answering', {
      isSystemCode: true,
    }),
    wrapUp('8de61794-a454-4f87-a586-4fe2b0768215', 'Resolved', 'Customer issue resolved', true),
    wrapUp('AXsD19QbCsCfPjzFZ-7T', 'Escalated', 'Passed to second line', false),
    wrapUp('3001', 'Sale', 'Order placed', false),
  ],
  supervisor: { id: '036a45c9-34c4-4760-8d82-89fe1e567289', name: 'Sam Supervisor' },
  workTypeIds: {
    IDLE_CODE: '9efb98cf-f501-4a4a-9cae-55a555c75ad5',
    WRAP_UP_CODE: '66d99324-830d-4baa-9c1c-4158f28e9eb3',
  },
  // WxCC's two default plans (Cisco's admin help; the US regex is the SDK's fallback) and a
  // tenant's own plan, anchored as an administrator would write it.
  dialPlans: [
    dialPlan(PLAN_US, 'US', '1[0-9]{3}[2-9][0-9]{6}([,]{1,10}[0-9]+){0,1}', '1', true),
    dialPlan(PLAN_ANY_FORMAT, 'Any Format', '([0-9a-zA-Z]+[-._])*[0-9a-zA-Z]+', '', true),
    dialPlan(PLAN_UK, 'UK', '^(0[1-9][0-9]{8,9}|\\+44[1-9][0-9]{8,9})$', '', false),
  ],
  organizationSettings: {
    webRtcEnabled: true,
    campaignManagerEnabled: false,
    maskSensitiveData: false,
  },
  tenantSettings: {
    forceDefaultDn: false,
    lostConnectionRecoveryTimeout: 50000,
    endCallEnabled: true,
    endConsultEnabled: true,
    callVariablesSuppressed: false,
    outdialEnabled: false,
    timeoutDesktopInactivityEnabled: false,
    timeoutDesktopInactivityMins: 30,
  },
};

function dialPlan(
  id: string,
  name: string,
  regularExpression: string,
  prefix: string,
  systemDefault: boolean,
): SeedDialPlan {
  return { id, name, regularExpression, prefix, strippedChars: '() -', systemDefault };
}

function idle(
  id: string,
  name: string,
  description: string,
  flags: Partial<Pick<SeedAuxCode, 'active' | 'isSystemCode' | 'defaultCode'>> = {},
): SeedAuxCode {
  return {
    id,
    name,
    description,
    workTypeCode: 'IDLE_CODE',
    active: flags.active ?? true,
    isSystemCode: flags.isSystemCode ?? false,
    defaultCode: flags.defaultCode ?? false,
  };
}

function wrapUp(id: string, name: string, description: string, defaultCode: boolean) {
  const code: SeedAuxCode = {
    id,
    name,
    description,
    workTypeCode: 'WRAP_UP_CODE',
    active: true,
    isSystemCode: false,
    defaultCode,
  };
  return code;
}

export function displayName(agent: SeedAgent): string {
  return `${agent.firstName} ${agent.lastName}`;
}
