// What contact handling offers the agent: wrap-up codes, auto wrap-up, queues, outdial, tenant switches.
import { msg, type Message } from '../i18n/message';
import type { EntryPoint, OutdialAni, Queue } from '../clients/wxcc-configuration/api';
import type { AgentCalls } from '../clients/agent-client';
import { isAppError } from '../errors';
import { createAgentCache } from '../agent-configuration/agent-cache';
import { sharedLists } from '../agent-configuration/shared-lists';
import { optional, type DirectoryOptions } from '../agent-configuration/agent-configuration';
import type { AgentContext, WrapUpCode } from '../domain/agent';

export type { WrapUpCode };

export interface ContactDirectory {
  agentProfileId?: string;
  wrapUpCodes: WrapUpCode[];
  /** The profile's default code, else the first: what auto wrap-up sends (SDK AutoWrapup). */
  defaultWrapUp?: WrapUpCode;
  /** Seconds until the desktop wraps up by itself; undefined without auto wrap-up. */
  autoWrapUpSeconds?: number;
  allowAutoWrapUpExtension: boolean;
  consultToQueue: boolean;
  /** Tenant `endCallEnabled`; true when the tenant settings could not be read (WxCC still decides). */
  endCallEnabled: boolean;
  /** Tenant `endConsultEnabled` (true when unknown): whether the agent may end a consult. */
  endConsultEnabled: boolean;
  /** Queues that route calls: transfer and consult targets of a call. */
  queues: Queue[];
  /** Queues that route chat, email or social: a conversation goes to one of its own media. */
  digitalQueues: Queue[];
  /** Entry points a call may be consulted to (telephony, inbound): the org's, read once for all. */
  entryPoints: EntryPoint[];
  outdial?: { entryPointId: string; anis: OutdialAni[] };
  /** The profile's address book, searched by the directory (Cisco's SDK AddressBook.ts). */
  addressBookId?: string;
  /** The tenant's time zone (GET /organization/{orgId}, as the SDK's orgInfo): callbacks start on it. */
  timeZone?: string;
  /** Why some of this is missing, in words for the agent. */
  problem?: Message | string;
}

/** What contact handling offers the agent, read from the tenant (cached briefly). */
export interface ContactDirectoryService {
  forAgent(ctx: AgentContext): Promise<ContactDirectory>;
  forget(agentId: string): void;
}

export function emptyContactDirectory(problem?: Message | string): ContactDirectory {
  return {
    wrapUpCodes: [],
    allowAutoWrapUpExtension: false,
    consultToQueue: false,
    endCallEnabled: true,
    endConsultEnabled: true,
    queues: [],
    digitalQueues: [],
    entryPoints: [],
    problem,
  };
}

export function createContactDirectory(options: DirectoryOptions): ContactDirectoryService {
  const { configuration } = options;
  const cache = createAgentCache<ContactDirectory>({ ...options, keep: (d) => !d.problem });
  const profileLists =
    sharedLists<Pick<ContactDirectory, 'wrapUpCodes' | 'queues' | 'digitalQueues'>>();

  async function load(ctx: AgentContext): Promise<ContactDirectory> {
    const { orgId } = ctx.agent;
    // Optional parts (not in every tenant, or not in the published spec) degrade to "unknown".
    // Both are the org's (queues, an outdial ANI's numbers): read once for all its agents.
    const maybe = <T>(what: string, call: (wxcc: AgentCalls) => Promise<T>, fallback: T) =>
      configuration
        .shared(ctx, what, call)
        .catch((error: unknown) => optional<T>(error) ?? fallback);
    try {
      const [{ user, auxCodes, profile, tenant, timeZone }, queues, entryPoints] =
        await Promise.all([
          configuration.forAgent(ctx),
          maybe('queues', (wxcc) => wxcc.listQueues(orgId), []),
          maybe('entry-points', (wxcc) => wxcc.listEntryPoints(orgId), []),
        ]);
      // The same for every agent with this profile: shared (shared-lists.ts).
      const lists = profileLists([auxCodes, profile, queues], () => {
        const allowed =
          profile?.accessWrapUpCode === 'SPECIFIC' ? new Set(profile.wrapUpCodes) : undefined;
        const allowedQueues =
          profile?.accessQueue === 'SPECIFIC' ? new Set(profile.queues) : undefined;
        return {
          wrapUpCodes: auxCodes
            .filter((c) => c.active && c.workTypeCode === 'WRAP_UP_CODE')
            .filter((c) => allowed === undefined || allowed.has(c.id))
            .map((c) => ({ id: c.id, name: c.name, isDefault: c.defaultCode })),
          queues: queues.filter((q) => q.telephony && (!allowedQueues || allowedQueues.has(q.id))),
          digitalQueues: queues.filter(
            (q) => !q.telephony && (!allowedQueues || allowedQueues.has(q.id)),
          ),
        };
      });
      const { wrapUpCodes } = lists;
      const outdialOn = profile?.outdialEnabled === true && tenant?.outdialEnabled !== false;
      const aniId = outdialOn ? profile.outdialANIId : undefined;
      const anis = aniId
        ? await maybe(`outdial-ani:${aniId}`, (wxcc) => wxcc.listOutdialAni(orgId, aniId), [])
        : [];
      return {
        agentProfileId: user.agentProfileId,
        wrapUpCodes,
        defaultWrapUp: wrapUpCodes.find((c) => c.isDefault) ?? wrapUpCodes[0],
        autoWrapUpSeconds: profile?.autoWrapUp ? profile.autoWrapAfterSeconds : undefined,
        allowAutoWrapUpExtension: profile?.allowAutoWrapUpExtension === true,
        consultToQueue: profile?.consultToQueue === true,
        endCallEnabled: tenant?.endCallEnabled !== false,
        endConsultEnabled: tenant?.endConsultEnabled !== false,
        queues: lists.queues,
        digitalQueues: lists.digitalQueues,
        entryPoints,
        outdial:
          outdialOn && profile.outdialEntryPointId
            ? { entryPointId: profile.outdialEntryPointId, anis }
            : undefined,
        addressBookId: profile?.addressBookId,
        timeZone,
        problem: wrapUpCodes.length === 0 ? msg('contacts.problem.noWrapUp') : undefined,
      };
    } catch (error) {
      if (!isAppError(error) || error.code === 'reconnect_required') throw error;
      return emptyContactDirectory(msg('contacts.problem.unavailable'));
    }
  }

  /** Forgets the agent's configuration too, so the next page view reads WxCC afresh. */
  function forget(agentId: string): void {
    cache.forget(agentId);
    configuration.forget(agentId);
  }

  return {
    forAgent: (ctx: AgentContext) => cache.get(ctx.agent.agentId, () => load(ctx)),
    forget,
  };
}

const QUEUE_CHANNEL: Record<string, string> = {
  chat: 'CHAT',
  email: 'EMAIL',
  social: 'SOCIAL_CHANNEL',
};

/**
 * The queues a contact can be transferred to: a queue routes one media (its channelType), so a
 * call goes to a telephony queue and a chat to a chat queue.
 */
export function queuesForMedia(dir: ContactDirectory, mediaType: string | undefined): Queue[] {
  const channel = QUEUE_CHANNEL[(mediaType ?? '').toLowerCase()];
  return channel === undefined
    ? dir.queues
    : dir.digitalQueues.filter((q) => q.channelType === channel);
}
