// The sandbox's one organization: site, teams, agents, desktop profiles and auxiliary codes.
export type DeviceType = 'AGENT_DN' | 'EXTENSION' | 'BROWSER';
export type WorkTypeCode = 'IDLE_CODE' | 'WRAP_UP_CODE';

export interface SeedOrganization {
  id: string;
  name: string;
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
}

const TEAM_SUPPORT = 'f786fcf0-5b10-40da-81a7-d2b664f02243';
const TEAM_SALES = '9d5e2c4e-9546-4701-b574-53809b661d25';
const TEAM_BILLING = 'a1bbf502-5d5d-4aef-aa56-5fdeaffc9a45';
const PROFILE_FLEXIBLE = '84296e2d-b4ad-4b8f-81bb-da15103dc15a';
const PROFILE_PHONE_ONLY = '9059e22c-3267-40b2-8dc4-c38002d4cd76';
const IDLE_BREAK = 'fdaba960-5939-4840-90d1-af712d924e53';
const IDLE_LUNCH = 'd6c2223d-2deb-446b-bd42-8c9de03ac92b';
const IDLE_MEETING = 'e6dd092e-a073-4c19-96af-5437b187c11b';
const IDLE_TRAINING = '6bc7a5c5-ba4c-4b9d-97e9-9dcd3a8efec3';

export const defaultSeed: SandboxSeed = {
  organization: { id: '50fc362d-bb05-4884-8d16-ab9207d7444c', name: 'Sandbox Contact Center' },
  site: { id: '33c36f65-d5f8-4b03-8538-cc5737a28b0d', name: 'Sandbox Site' },
  teams: [
    { id: TEAM_SUPPORT, name: 'Customer Support', description: 'First line', active: true },
    { id: TEAM_SALES, name: 'Sales', description: 'Inbound sales', active: true },
    { id: TEAM_BILLING, name: 'Billing', description: 'Invoices and refunds', active: true },
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
      teamIds: [TEAM_SUPPORT],
      agentProfileId: PROFILE_FLEXIBLE,
      defaultDialNumber: '+14155550102',
    },
    {
      id: '122883f8-f3cf-4e95-b8cd-7a3a1ff47431',
      userId: '1ac0f8df-8049-4cfa-b2c7-4584a8f09451',
      firstName: 'Chiara',
      lastName: 'Costa',
      email: 'chiara.costa@sandbox.example.com',
      teamIds: [TEAM_SALES, TEAM_BILLING],
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
      agentProfileId: PROFILE_PHONE_ONLY,
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
    idle('ffa811cf-45db-4053-92c9-f6faa4df69c7', 'RONA', 'Redirection on no answer', {
      isSystemCode: true,
    }),
    wrapUp('8de61794-a454-4f87-a586-4fe2b0768215', 'Resolved', 'Customer issue resolved', true),
    wrapUp('62a145a4-52b7-4ecb-8259-2261e9c17cce', 'Escalated', 'Passed to second line', false),
    wrapUp('97c071af-5f89-4973-acc5-d29596bbde9f', 'Sale', 'Order placed', false),
  ],
  supervisor: { id: '036a45c9-34c4-4760-8d82-89fe1e567289', name: 'Sam Supervisor' },
  workTypeIds: {
    IDLE_CODE: '9efb98cf-f501-4a4a-9cae-55a555c75ad5',
    WRAP_UP_CODE: '66d99324-830d-4baa-9c1c-4158f28e9eb3',
  },
};

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
