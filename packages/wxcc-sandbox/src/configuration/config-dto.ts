// Seed records in the configuration API's shapes (TeamResponseDTO, AuxiliaryCodeDTO, ...).
import type {
  SandboxSeed,
  SeedAgent,
  SeedAuxCode,
  SeedDesktopProfile,
  SeedDialPlan,
  SeedTeam,
} from '../seed';

type Dto = Record<string, unknown>;

/** A fixed moment, so repeated reads are identical, as real configuration is. */
const CREATED = 1705311000000;
const UPDATED = 1717200000000;

function common(seed: SandboxSeed, id: string): Dto {
  return {
    organizationId: seed.organization.id,
    id,
    version: 1,
    createdTime: CREATED,
    lastUpdatedTime: UPDATED,
  };
}

/**
 * Each team's members (their user ids, in seed order), in one pass over the agents: a team list
 * asks for every team, and scanning every agent for each of them made the list cost teams × agents
 * (at 5,000 agents and 1,053 teams, most of the sandbox's time in a shift-start storm).
 */
export function teamMembers(seed: SandboxSeed): Map<string, string[]> {
  const members = new Map<string, string[]>();
  for (const agent of seed.agents) {
    for (const teamId of agent.teamIds) {
      const list = members.get(teamId);
      if (list) list.push(agent.userId);
      else members.set(teamId, [agent.userId]);
    }
  }
  return members;
}

export function teamDto(
  seed: SandboxSeed,
  team: SeedTeam,
  /** From teamMembers(seed), made once for a whole list. */
  members: Map<string, string[]>,
): Dto {
  return {
    ...common(seed, team.id),
    name: team.name,
    description: team.description,
    teamType: 'AGENT',
    teamStatus: 'IN_SERVICE',
    active: team.active,
    siteId: seed.site.id,
    siteName: seed.site.name,
    userIds: members.get(team.id) ?? [],
    systemDefault: false,
    rankQueuesForTeam: false,
  };
}

export function auxCodeDto(seed: SandboxSeed, code: SeedAuxCode): Dto {
  return {
    ...common(seed, code.id),
    name: code.name,
    description: code.description,
    defaultCode: code.defaultCode,
    active: code.active,
    isSystemCode: code.isSystemCode,
    workTypeId: seed.workTypeIds[code.workTypeCode],
    workTypeCode: code.workTypeCode,
    systemDefault: code.isSystemCode,
  };
}

/** `multimediaProfileId`: the user's own profile, when they have one (else the team's or site's). */
export function userDto(seed: SandboxSeed, agent: SeedAgent, multimediaProfileId?: string): Dto {
  return {
    ...common(seed, agent.userId),
    firstName: agent.firstName,
    lastName: agent.lastName,
    email: agent.email,
    ciUserId: agent.id,
    timezone: 'America/Los_Angeles',
    userProfileType: 'PREMIUM_AGENT',
    contactCenterEnabled: true,
    siteId: seed.site.id,
    siteName: seed.site.name,
    teamIds: agent.teamIds,
    agentProfileId: agent.agentProfileId,
    ...(multimediaProfileId ? { multimediaProfileId } : {}),
    // Sic: the real API spells it this way.
    deafultDialledNumber: agent.defaultDialNumber,
    active: true,
    imiUserCreated: false,
    systemDefault: false,
  };
}

export function desktopProfileDto(seed: SandboxSeed, profile: SeedDesktopProfile): Dto {
  return {
    ...common(seed, profile.id),
    name: profile.name,
    description: profile.description,
    parentType: 'ORGANIZATION',
    screenPopup: false,
    lastAgentRouting: false,
    autoWrapUp: false,
    autoAnswer: false,
    autoWrapAfterSeconds: 0,
    agentAvailableAfterOutdial: false,
    allowAutoWrapUpExtension: false,
    accessWrapUpCode: 'ALL',
    wrapUpCodes: [],
    accessIdleCode: profile.accessIdleCode,
    idleCodes: profile.idleCodes,
    accessQueue: 'ALL',
    queues: [],
    accessEntryPoint: 'ALL',
    entryPoints: [],
    accessBuddyTeam: 'ALL',
    buddyTeams: [],
    consultToQueue: true,
    outdialEnabled: false,
    dialPlanEnabled: profile.dialPlanEnabled ?? false,
    dialPlans: profile.dialPlans ?? [],
    timeoutDesktopInactivityCustomEnabled: true,
    timeoutDesktopInactivityMins: profile.timeoutDesktopInactivityMins,
    agentDNValidation: profile.agentDNValidation ?? 'NONE',
    loginVoiceOptions: profile.loginVoiceOptions,
    active: true,
    systemDefault: false,
  };
}

export function dialPlanDto(seed: SandboxSeed, plan: SeedDialPlan): Dto {
  return {
    ...common(seed, plan.id),
    name: plan.name,
    description: plan.systemDefault ? 'System default dial plan' : 'Dial plan of this tenant',
    regularExpression: plan.regularExpression,
    prefix: plan.prefix,
    strippedChars: plan.strippedChars,
    active: true,
    systemDefault: plan.systemDefault,
  };
}

/** Settings resources answer `{data:[record]}`; Cisco's SDK reads data[0]. */
export function settingsDto(seed: SandboxSeed, id: string, fields: object): Dto {
  return { data: [{ ...common(seed, id), ...fields }] };
}

/**
 * `GET /organization/{orgid}`: not in Cisco's published spec. Cisco's SDK reads tenantId, timezone
 * and environment from it at every sign-in (@webex/contact-center src/services/config/index.ts
 * getOrgInfo, Util.ts parseAgentConfigs → enterpriseId, tenantTimezone, environment).
 */
export function organizationDto(seed: SandboxSeed): Dto {
  return {
    ...common(seed, seed.organization.id),
    name: seed.organization.name,
    // WxCC's enterprise id: a number as a string, distinct from the organization's UUID.
    tenantId: SANDBOX_TENANT_ID,
    timezone: seed.organization.timezone ?? 'America/Los_Angeles',
    // The SDK's OrgInfo names production data centres this way (e.g. 'produs1').
    environment: 'produs1',
  };
}

/** The sandbox's one enterprise (tenant) id. */
export const SANDBOX_TENANT_ID = '100016';
/** The site's multimedia profile: the SDK falls back to it when neither user nor team names one. */
export const SITE_MULTIMEDIA_PROFILE_ID = 'AXmmp0Vo1ce0nLyPr0f1';

/** `GET /organization/{orgid}/site/{id}`: SiteDTO of Cisco's spec. */
export function siteDto(seed: SandboxSeed): Dto {
  return {
    ...common(seed, seed.site.id),
    name: seed.site.name,
    description: 'The sandbox’s one site',
    active: true,
    multimediaProfileId: SITE_MULTIMEDIA_PROFILE_ID,
    systemDefault: false,
  };
}

/**
 * `GET /organization/{orgid}/v2/ai-feature`: one record per organization, as the spec's example
 * (realtimeTranscripts, suggestedResponses, generatedSummaries, agentWellbeing, autoCSAT). The
 * sandbox has no AI services, so every feature is off; the SDK keeps data[0] (ApiAiAssistant.ts).
 */
export function aiFeatureDto(seed: SandboxSeed): Dto {
  return {
    ...common(seed, AI_FEATURE_ID),
    realtimeTranscripts: { enable: false, agentInclusionType: 'ALL', queuesInclusionType: 'ALL' },
    suggestedResponses: { enable: false },
    generatedSummaries: {
      callDropSummariesEnabled: false,
      virtualAgentTransferSummariesEnabled: false,
      consultTransferSummariesEnabled: false,
      wrapUpSummariesEnabled: false,
      queuesInclusionType: 'ALL',
    },
    agentWellbeing: {
      enable: false,
      agentInclusionType: 'ALL',
      wellnessBreakReminders: 'DISABLED',
    },
    autoCSAT: {
      enable: false,
      queuesInclusionType: 'ALL',
      surveyDataSource: 'EXPERIENCE_MANAGEMENT',
    },
    links: [],
  };
}

const AI_FEATURE_ID = 'a1f3a7e0-5b2c-4d6e-8f90-1a2b3c4d5e6f';
