// Entry point: loads the configuration, starts the sandbox when no credentials are set, listens.
import 'dotenv/config';
import type { Server } from 'node:http';
import pino from 'pino';
import { createApp } from './app';
import { ConfigError, loadConfig, pointAtSandbox, type Config } from './config';
import { buildServices } from './services/build-services';
import { startSandbox, type RunningSandbox } from './sandbox';

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const logger = pino({ level: config.logLevel });

  let sandbox: RunningSandbox | undefined;
  if (config.mode === 'sandbox') {
    sandbox = await startSandbox({
      host: config.host,
      port: config.sandbox.port,
      accessTokenTtlSec: config.sandbox.accessTokenTtlSec,
      clients: [
        {
          clientId: config.webex.clientId,
          clientSecret: config.webex.clientSecret,
          name: 'WxCC Agent Desktop',
          redirectUris: [config.webex.redirectUri],
        },
      ],
    });
    config = pointAtSandbox(config, sandbox);
  }

  const services = buildServices(config, logger);
  const app = createApp({ config, logger, ...services });
  const server: Server = app.listen(config.port, config.host, () => {
    const url = `http://${config.host}:${config.port}`;
    if (sandbox) {
      logger.info(
        { url, sandbox: sandbox.url, console: `${sandbox.url}/_sandbox/console` },
        `Agent desktop on the embedded sandbox (no WEBEX_CLIENT_ID set): open ${url}`,
      );
    } else {
      logger.info(
        { url, webex: config.webex.apiBase, wxcc: config.wxcc.apiBase },
        `Agent desktop: open ${url}`,
      );
    }
  });

  const shutdown = (signal: string) => {
    logger.info({ signal }, 'shutting down');
    services.station.close();
    server.close(() => {
      void (sandbox?.close() ?? Promise.resolve()).finally(() => process.exit(0));
    });
    setTimeout(() => process.exit(1), 10000).unref();
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

void main();
