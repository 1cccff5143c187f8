// Configuration API reads for contacts: queues, entry points, outdial ANIs, tenant switches, profile fields.
import type { Request, Response, Router } from 'express';
import type { SandboxContext } from '../context';
import { sendConfigError } from '../errors';
import type { SeedDesktopProfile } from '../seed';
import { profileSettings } from './contact-seed';

type Dto = Record<string, unknown>;
type SendPage = (req: Request, res: Response, items: Dto[], resource: string) => void;

/** A fixed moment, so repeated reads are identical, as real configuration is. */
const CREATED = 1705311000000;
const UPDATED = 1717200000000;

/** The desktop profile's contact fields (SDK config/Util.ts reads them), by the profile's settings. */
export function contactProfileFields(ctx: SandboxContext, profile: SeedDesktopProfile): Dto {
  const settings = profileSettings(ctx.contacts.seed, profile);
  const wrapUpCodes = ctx.seed.auxCodes
    .filter((c) => c.workTypeCode === 'WRAP_UP_CODE' && settings.wrapUpCodeNames.includes(c.name))
    .map((c) => c.id);
  const { seed } = ctx.contacts;
  return {
    autoWrapUp: settings.autoWrapUp,
    autoWrapAfterSeconds: settings.autoWrapAfterSeconds,
    allowAutoWrapUpExtension: settings.allowAutoWrapUpExtension,
    agentAvailableAfterOutdial: settings.agentAvailableAfterOutdial,
    accessWrapUpCode: settings.accessWrapUpCode,
    wrapUpCodes: settings.accessWrapUpCode === 'ALL' ? [] : wrapUpCodes,
    consultToQueue: settings.consultToQueue,
    outdialEnabled: settings.outdialEnabled,
    outdialEntryPointId: seed.outdialEntryPoint.id,
    outdialANIId: seed.outdialAni.id,
    // Cisco's SDK reads it for its address book (config/Util.ts, AddressBook.ts getEntries).
    addressBookId: seed.addressBook.id,
  };
}

export function addContactConfigRoutes(router: Router, ctx: SandboxContext, sendPage: SendPage) {
  const { seed } = ctx.contacts;
  const orgId = ctx.seed.organization.id;
  const common = (id: string) => ({
    organizationId: orgId,
    id,
    version: 1,
    createdTime: CREATED,
    lastUpdatedTime: UPDATED,
  });

  router.get('/:orgid/v2/contact-service-queue', (req, res) => {
    const queues = seed.queues.map((q) => ({
      ...common(q.id),
      name: q.name,
      description: q.description,
      queueType: 'INBOUND',
      checkAgentAvailability: false,
      channelType: q.channelType ?? 'TELEPHONY',
      serviceLevelThreshold: 30,
      maxActiveContacts: 100,
      maxTimeInQueue: 600,
      defaultMusicInQueueMediaFileId: '',
      active: true,
      routingType: 'LONGEST_AVAILABLE_AGENT',
      queueRoutingType: 'TEAM_BASED',
      // Every team takes the queue's calls at once: one group, no delay.
      callDistributionGroups: [
        { agentGroups: ctx.seed.teams.map((t) => ({ teamId: t.id })), order: 1, duration: 0 },
      ],
    }));
    sendPage(req, res, queues, 'v2/contact-service-queue');
  });

  router.get('/:orgid/v2/entry-point', (req, res) => {
    const points = [seed.inboundEntryPoint, seed.outdialEntryPoint].map((ep) => ({
      ...common(ep.id),
      name: ep.name,
      description: ep.name,
      entryPointType: ep.entryPointType,
      channelType: 'TELEPHONY',
      serviceLevelThreshold: 30,
      maximumActiveContacts: 100,
      active: true,
      // The spec requires these even for telephony entry points.
      assetId: '',
      controlFlowScriptUrl: `https://sandbox.invalid/flows/${ep.id}`,
      imiOrgType: 'MIXED_MODE',
      overflowNumber: '',
      socialChannelType: 'MESSENGER',
    }));
    sendPage(req, res, points, 'v2/entry-point');
  });

  router.get('/:orgid/v2/outdial-ani/:outDialAniId/entry', (req, res) => {
    if (req.params.outDialAniId !== seed.outdialAni.id) {
      return sendConfigError(res, 404, 'No outdial ANI has this id.');
    }
    const entries = seed.outdialAni.entries.map((e) => ({
      ...common(e.id),
      name: e.name,
      number: e.number,
      links: [],
    }));
    sendPage(req, res, entries, `v2/outdial-ani/${seed.outdialAni.id}/entry`);
  });

  // The tenant configuration itself is served with the org's settings (configuration/config-routes.ts).
}
