// WxCC configuration reads that contact handling needs beyond the desktop profile: queues, outdial ANIs.
import { configReader, type Call } from './config-reader';
import { outdialAniSchema, queueSchema, type OutdialAni, type Queue } from './config-schemas';

export type { OutdialAni, Queue };

export function contactConfigCalls(call: Call, wxccApiBase: string) {
  const { url, pages } = configReader(call, wxccApiBase);

  return {
    async listQueues(token: string, orgId: string): Promise<Queue[]> {
      const items = await pages(
        token,
        url(orgId, '/v2/contact-service-queue'),
        queueSchema,
        'queues',
      );
      return items.flatMap((q) =>
        q.active === false
          ? []
          : [
              {
                id: q.id,
                name: q.name ?? q.id,
                telephony: q.channelType === undefined || q.channelType === 'TELEPHONY',
              },
            ],
      );
    },

    async listOutdialAni(token: string, orgId: string, aniId: string): Promise<OutdialAni[]> {
      const target = url(orgId, `/v2/outdial-ani/${encodeURIComponent(aniId)}/entry`);
      const items = await pages(token, target, outdialAniSchema, 'outdial numbers');
      // An entry without a number cannot be dialled from: it is left out, not an error.
      return items.flatMap((e) =>
        e.number === undefined
          ? []
          : [{ number: e.number, name: e.name ?? e.number, isDefault: e.defaultANIEntry === true }],
      );
    },
  };
}
