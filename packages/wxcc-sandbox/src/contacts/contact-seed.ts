// Contact-center data the contacts simulation needs (queues, entry points, outdial ANIs, wrap-up codes,
// profile and tenant switches), merged into the org's seed at start so seed.ts stays as it is.
import type { SandboxSeed, SeedAuxCode, SeedDesktopProfile } from '../seed';
import { SITE_MULTIMEDIA_PROFILE_ID } from '../configuration/config-dto';

export interface SeedQueue {
  id: string;
  name: string;
  description: string;
  /** The media it routes (ContactServiceQueueDTO channelType); absent: TELEPHONY. */
  channelType?: QueueChannel;
}

export type QueueChannel = 'TELEPHONY' | 'CHAT' | 'EMAIL' | 'SOCIAL_CHANNEL';

export interface SeedEntryPoint {
  id: string;
  name: string;
  entryPointType: 'INBOUND' | 'OUTBOUND';
  /** The number customers dial (inbound) or the flow's dialled number (dnis). */
  dialNumber: string;
}

export interface SeedOutdialAniEntry {
  id: string;
  name: string;
  number: string;
}

/** An address book the desktop profile names (`addressBookId`): people agents call or transfer to. */
export interface SeedAddressBook {
  id: string;
  name: string;
  entries: SeedOutdialAniEntry[];
}

/** A global (CAD) variable's definition, as `GET /v2/cad-variable` lists it (CadVariableDTO). */
export interface SeedCadVariable {
  id: string;
  name: string;
  desktopLabel: string;
  variableType: 'STRING' | 'INTEGER' | 'DATE_TIME' | 'BOOLEAN' | 'DECIMAL';
  agentViewable: boolean;
  agentEditable: boolean;
  defaultValue: string;
}

export interface SeedOutdialAni {
  id: string;
  name: string;
  entries: SeedOutdialAniEntry[];
}

/** The desktop-profile fields that govern contacts (SDK config/Util.ts reads each of them). */
export interface ContactProfileSettings {
  autoWrapUp: boolean;
  autoWrapAfterSeconds: number;
  allowAutoWrapUpExtension: boolean;
  agentAvailableAfterOutdial: boolean;
  accessWrapUpCode: 'ALL' | 'SPECIFIC';
  /** Names of the wrap-up codes a SPECIFIC profile may use (names, because ids are the seed's). */
  wrapUpCodeNames: string[];
  outdialEnabled: boolean;
  consultToQueue: boolean;
}

/**
 * A multimedia profile: how many contacts of each media type an agent holds at once (the
 * configuration API's MultimediaProfileDTO; Cisco's SDK MultimediaProfileResponse). WxCC offers
 * chat, email and social only to agents whose profile gives that media a slot.
 */
export interface SeedMultimediaProfile {
  id: string;
  name: string;
  telephony: number;
  chat: number;
  email: number;
  social: number;
  blendingModeEnabled: boolean;
}

export interface TenantSettings {
  endCallEnabled: boolean;
  endConsultEnabled: boolean;
  outdialEnabled: boolean;
  callVariablesSuppressed: boolean;
}

export interface ContactSeed {
  queues: SeedQueue[];
  inboundEntryPoint: SeedEntryPoint;
  outdialEntryPoint: SeedEntryPoint;
  outdialAni: SeedOutdialAni;
  addressBook: SeedAddressBook;
  cadVariables: SeedCadVariable[];
  /** Added to the org's codes unless a code with the same id is already there. */
  wrapUpCodes: SeedAuxCode[];
  /** Added only when the org has no active system idle code named RONA. */
  ronaCode: SeedAuxCode;
  /** By desktop profile name; profiles not named here get `defaultProfile`. */
  profiles: Record<string, ContactProfileSettings>;
  defaultProfile: ContactProfileSettings;
  tenant: TenantSettings;
  /** Seconds an offered call rings before WxCC redirects it (RONA). */
  ronaTimeoutSec: number;
  /**
   * Agents one conference may hold; default 7, the limit Cisco's widgets enforce (@webex/cc-task
   * MAX_PARTICIPANTS_IN_MULTIPARTY_CONFERENCE). A tenant's own cap can be lower.
   */
  conferenceMaxAgents?: number;
  /** Customers the console offers to call in as. */
  callers: { ani: string; customerName: string }[];
  /** The site's profile comes first: agents not named in `agentMultimediaProfiles` get it. */
  multimediaProfiles: [SeedMultimediaProfile, ...SeedMultimediaProfile[]];
  /** Agent id → multimedia profile id (the user record's multimediaProfileId). */
  agentMultimediaProfiles: Record<string, string>;
  /** Where customers write to the tenant, per digital media type (the interaction's dnis). */
  digitalAddresses: { chat: string; email: string; social: string };
  /** Customers the console offers to write in as, per digital media type. */
  digitalCustomers: {
    chat: DigitalCustomer;
    email: DigitalCustomer;
    social: DigitalCustomer;
  };
}

export interface DigitalCustomer {
  address: string;
  customerName: string;
  channel: string;
}

/** The site's multimedia profile (SDK config/index.ts falls back to it): one call, nothing else. */
export const SITE_MULTIMEDIA_PROFILE = SITE_MULTIMEDIA_PROFILE_ID;
export const BLENDED_MULTIMEDIA_PROFILE = '6f1d0c3a-8b2e-4a9d-9c47-2e5b7a1d3f80';

const wrapUp = (id: string, name: string, description: string): SeedAuxCode => ({
  id,
  name,
  description,
  workTypeCode: 'WRAP_UP_CODE',
  active: true,
  isSystemCode: false,
  defaultCode: false,
});

function cad(
  id: string,
  name: string,
  desktopLabel: string,
  variableType: SeedCadVariable['variableType'],
  agentEditable: boolean,
): SeedCadVariable {
  return {
    id,
    name,
    desktopLabel,
    variableType,
    agentViewable: true,
    agentEditable,
    defaultValue: '',
  };
}

const manualWrapUp: ContactProfileSettings = {
  autoWrapUp: false,
  autoWrapAfterSeconds: 0,
  allowAutoWrapUpExtension: false,
  agentAvailableAfterOutdial: true,
  accessWrapUpCode: 'ALL',
  wrapUpCodeNames: [],
  outdialEnabled: true,
  consultToQueue: true,
};

export const defaultContactSeed: ContactSeed = {
  queues: [
    {
      id: '5a4e1d36-40c5-4f5b-9a0f-8f0e1e6a3b11',
      name: 'Support Queue',
      description: 'First line',
    },
    {
      id: 'c0b8f0e2-7d3a-4c6e-b1d9-2f4a6c8e0a22',
      name: 'Sales Queue',
      description: 'Inbound sales',
    },
    { id: 'e7d2a9c4-1b6f-4e8a-9c3d-5f7b9d1e3c33', name: 'Billing Queue', description: 'Invoices' },
    // A queue routes one media: a chat goes to a chat queue, never to a telephony one.
    {
      id: '0d3f5b7a-9c1e-4a2b-8d4f-6e8a0c2e4a01',
      name: 'Chat Queue',
      description: 'Web chat',
      channelType: 'CHAT',
    },
    {
      id: '1e4a6c8b-0d2f-4b3c-9e5a-7f9b1d3f5b02',
      name: 'Email Queue',
      description: 'Support mailbox',
      channelType: 'EMAIL',
    },
    {
      id: '2f5b7d9c-1e3a-4c4d-8f6b-8a0c2e4a6c03',
      name: 'Social Queue',
      description: 'Facebook, WhatsApp, SMS',
      channelType: 'SOCIAL_CHANNEL',
    },
  ],
  inboundEntryPoint: {
    id: '2f6b9e1a-3c5d-4e7f-8a9b-0c1d2e3f4a44',
    name: 'Main Line',
    entryPointType: 'INBOUND',
    dialNumber: '+18005550100',
  },
  outdialEntryPoint: {
    id: '8c7d6e5f-4a3b-4c2d-9e1f-0a9b8c7d6e55',
    name: 'Outdial Entry Point',
    entryPointType: 'OUTBOUND',
    dialNumber: '+18005550199',
  },
  outdialAni: {
    id: '4b3c2d1e-0f9a-4b8c-8d7e-6f5a4b3c2d66',
    name: 'Sandbox ANIs',
    entries: [
      { id: '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c77', name: 'Main line', number: '+18005550100' },
      { id: '1d2c3b4a-5f6e-4d7c-8b9a-0f1e2d3c4b88', name: 'Sales line', number: '+18005550111' },
    ],
  },
  addressBook: {
    id: '6e5d4c3b-2a19-4f8e-9d7c-6b5a4f3e2d10',
    name: 'Sandbox Contacts',
    entries: [
      ['3f1a2b3c-4d5e-4f60-8a71-92b3c4d5e601', 'Billing Desk', '+14155550160'],
      ['3f1a2b3c-4d5e-4f60-8a71-92b3c4d5e602', 'Claims Team', '+14155550161'],
      ['3f1a2b3c-4d5e-4f60-8a71-92b3c4d5e603', 'Field Service', '+14155550162'],
      ['3f1a2b3c-4d5e-4f60-8a71-92b3c4d5e604', 'Fraud Hotline', '+14155550163'],
      ['3f1a2b3c-4d5e-4f60-8a71-92b3c4d5e605', 'Legal', '+14155550164'],
      ['3f1a2b3c-4d5e-4f60-8a71-92b3c4d5e606', 'London Office', '+442071838751'],
      ['3f1a2b3c-4d5e-4f60-8a71-92b3c4d5e607', 'Partner Support', '+14155550165'],
      ['3f1a2b3c-4d5e-4f60-8a71-92b3c4d5e608', 'Returns', '+14155550166'],
      ['3f1a2b3c-4d5e-4f60-8a71-92b3c4d5e609', 'Technical Escalation', '+14155550167'],
      ['3f1a2b3c-4d5e-4f60-8a71-92b3c4d5e610', 'Warehouse', '+14155550168'],
      ['3f1a2b3c-4d5e-4f60-8a71-92b3c4d5e611', 'Grace Hopper', '+14085550142'],
      ['3f1a2b3c-4d5e-4f60-8a71-92b3c4d5e612', 'Ada Lovelace', '+442071838750'],
    ].map(([id, name, number]) => ({ id: id!, name: name!, number: number! })),
  },
  cadVariables: [
    cad('7c1e0a01-0000-4000-8000-00000000c001', 'customerTier', 'Customer tier', 'STRING', false),
    cad('7c1e0a01-0000-4000-8000-00000000c002', 'accountNumber', 'Account number', 'STRING', true),
    cad('7c1e0a01-0000-4000-8000-00000000c003', 'visitCount', 'Visits', 'INTEGER', true),
    cad('7c1e0a01-0000-4000-8000-00000000c004', 'orderTotal', 'Order total', 'DECIMAL', true),
    cad('7c1e0a01-0000-4000-8000-00000000c005', 'vip', 'VIP', 'BOOLEAN', true),
    cad('7c1e0a01-0000-4000-8000-00000000c006', 'followUpAt', 'Follow up at', 'DATE_TIME', true),
    // Defined for the flow only: never shown to agents.
    {
      ...cad('7c1e0a01-0000-4000-8000-00000000c007', 'riskScore', 'Risk score', 'INTEGER', false),
      agentViewable: false,
    },
  ],
  wrapUpCodes: [
    // An id in WxCC's older 20-character format, as long-lived tenants still have (the spec's example).
    wrapUp('AXUH3oN12eV-WekpnDpl', 'Call back later', 'Customer asked for a call back'),
  ],
  ronaCode: {
    id: 'b5c8e2f1-6a4d-4e9b-8c7a-3d1f5e9b2c99',
    name: 'RONA',
    description: 'Redirection on no answer',
    workTypeCode: 'IDLE_CODE',
    active: true,
    isSystemCode: true,
    defaultCode: false,
  },
  profiles: {
    'Flexible Agent': manualWrapUp,
    'Phone Agent': {
      ...manualWrapUp,
      autoWrapUp: true,
      autoWrapAfterSeconds: 60,
      allowAutoWrapUpExtension: true,
      agentAvailableAfterOutdial: false,
      consultToQueue: false,
    },
  },
  defaultProfile: manualWrapUp,
  tenant: {
    endCallEnabled: true,
    endConsultEnabled: true,
    outdialEnabled: true,
    callVariablesSuppressed: false,
  },
  ronaTimeoutSec: 30,
  callers: [
    { ani: '+14085550142', customerName: 'Grace Hopper' },
    { ani: '+442071838750', customerName: 'Ada Lovelace' },
  ],
  multimediaProfiles: [
    {
      id: SITE_MULTIMEDIA_PROFILE,
      name: 'Voice Only',
      telephony: 1,
      chat: 0,
      email: 0,
      social: 0,
      blendingModeEnabled: false,
    },
    {
      id: BLENDED_MULTIMEDIA_PROFILE,
      name: 'Blended',
      telephony: 1,
      chat: 3,
      email: 2,
      social: 2,
      blendingModeEnabled: true,
    },
  ],
  // Alice (Flexible Agent) and Dmitri are blended, so a chat has an agent to go to; everyone else
  // keeps the site's voice-only profile.
  agentMultimediaProfiles: {
    '57ef21f1-50e0-4dd4-988a-c5478b725e00': BLENDED_MULTIMEDIA_PROFILE,
    '76b8bc22-4055-4ea4-956d-4a3ad6e21b2e': BLENDED_MULTIMEDIA_PROFILE,
  },
  digitalAddresses: {
    chat: 'https://sandbox.example.com/support-chat',
    email: 'support@sandbox.example.com',
    social: 'Sandbox Contact Center (Facebook page)',
  },
  digitalCustomers: {
    chat: { address: 'grace.hopper@example.com', customerName: 'Grace Hopper', channel: 'web' },
    email: { address: 'ada.lovelace@example.com', customerName: 'Ada Lovelace', channel: 'email' },
    social: { address: 'fb-4815162342', customerName: 'Alan Turing', channel: 'facebook' },
  },
};

/** The org's seed with the contact codes added; the org's own codes win on an id clash. */
export function withContactCodes(seed: SandboxSeed, contacts: ContactSeed): SandboxSeed {
  const ids = new Set(seed.auxCodes.map((c) => c.id));
  const added = contacts.wrapUpCodes.filter((c) => !ids.has(c.id));
  const hasRona = seed.auxCodes.some((c) => isRonaCode(c));
  if (!hasRona && !ids.has(contacts.ronaCode.id)) added.push(contacts.ronaCode);
  return added.length === 0 ? seed : { ...seed, auxCodes: [...seed.auxCodes, ...added] };
}

/** WxCC's RONA code: an active system idle code named or described as such (tenants word it freely). */
export function isRonaCode(code: SeedAuxCode): boolean {
  const named = /\bRONA\b|no answer/i.test(`${code.name} ${code.description}`);
  return code.workTypeCode === 'IDLE_CODE' && code.isSystemCode && code.active && named;
}

export function profileSettings(
  contacts: ContactSeed,
  profile: SeedDesktopProfile | undefined,
): ContactProfileSettings {
  return (profile && contacts.profiles[profile.name]) ?? contacts.defaultProfile;
}
