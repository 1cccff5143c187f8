// Wires the client and the services from the configuration; shared by server.ts and the tests.
import type { Logger } from 'pino';
import { createWebexClient } from '../clients/webex-client';
import type { Config } from '../config';
import { noteTrackingId } from '../logging/tracking-context';
import { createContactDirectory } from './contact-directory';
import { createContactService } from './contact-service';
import { createDirectoryService } from './directory-service';
import { createOAuthService } from './oauth-service';
import { createStationService } from './station-service';

export interface ServiceOptions {
  resultTimeoutMs?: number;
  reloadWaitMs?: number;
}

export function buildServices(config: Config, logger: Logger, options: ServiceOptions = {}) {
  const client = createWebexClient({
    clientId: config.webex.clientId,
    clientSecret: config.webex.clientSecret,
    redirectUri: config.webex.redirectUri,
    scopes: config.webex.scopes,
    webexApiBase: config.webex.apiBase,
    wxccApiBase: config.wxcc.apiBase,
    timeoutMs: config.httpTimeoutMs,
    log: (entry) => {
      noteTrackingId(entry.trackingId);
      const status = entry.status ?? 0;
      const failed = entry.error !== undefined || status >= 500 || status === 429;
      logger[failed ? 'warn' : 'debug'](entry, 'upstream call');
    },
  });
  const oauth = createOAuthService({ client, agentIdOverride: config.station.agentId });
  const station = createStationService({
    client,
    oauth,
    wxccApiBase: config.wxcc.apiBase,
    resultTimeoutMs: options.resultTimeoutMs,
    reloadWaitMs: options.reloadWaitMs,
    log: (event, details) => logger.info(details ?? {}, event),
  });
  const directory = createDirectoryService({ client, oauth });
  const contactDirectory = createContactDirectory({ client, oauth });
  const contacts = createContactService({
    client,
    station,
    directory: contactDirectory,
    log: (event, details) => logger.info(details ?? {}, event),
  });
  return { client, oauth, station, directory, contactDirectory, contacts };
}
