// Entry point: loads the settings, starts the sandbox when no credentials are set, starts the
// desktop (start-desktop.ts wires everything) and shuts down gracefully on SIGTERM/SIGINT.
import 'dotenv/config';
import path from 'node:path';
import type { RunningSandbox } from 'wxcc-sandbox';
import { ConfigError, loadConfig, pointAtSandbox, type Config } from './settings/config';
import { developmentState, SANDBOX_STATE_FILE, withDevSecret } from './settings/dev-secret';
import { startDesktop } from './start-desktop';

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exitCode = 1;
    return;
  }
  const state = developmentState(config);
  const secret = withDevSecret(config);
  config = secret.config;

  let sandbox: RunningSandbox | undefined;
  if (config.mode === 'sandbox') {
    // Loaded only here: with credentials, the sandbox and its spec validators never take memory.
    const { startSandbox } = await import('wxcc-sandbox');
    sandbox = await startSandbox({
      host: config.host,
      port: config.sandbox.port,
      stateFile: state.keep ? path.join(state.dataDir, SANDBOX_STATE_FILE) : undefined,
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

  const desktop = await startDesktop(config).catch(async (error: unknown) => {
    await sandbox?.close();
    throw error;
  });
  const { logger, url } = desktop;
  const keptItems = [
    secret.kept,
    'sessions',
    sandbox ? "the sandbox's sign-ins and stations" : '',
  ].filter(Boolean);
  const persistence = state.keep
    ? `Kept across restarts: ${keptItems.join(', ')} (data folder ${state.dataDir}/).`
    : '';
  if (persistence) logger.info({ dataDir: state.dataDir }, persistence);
  if (sandbox) {
    // The banner first: whoever waits for "desktop started" can then read where to go.
    console.log(
      `\n  Agent desktop on the embedded sandbox (no WEBEX_CLIENT_ID set).\n  Open ${url}\n  Supervisor console: ${sandbox.url}/_sandbox/console\n  ${persistence}\n`,
    );
    logger.info({ url, sandbox: sandbox.url }, 'desktop started on the embedded sandbox');
  } else {
    logger.info({ url, webex: config.webex.apiBase, wxcc: config.wxcc.apiBase }, 'desktop started');
  }

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    void desktop
      .close({ signal })
      .then(() => sandbox?.close())
      .finally(() => process.exit(0));
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  // Port in use, store unreachable, sandbox failed: say so plainly and exit non-zero.
  console.error('The desktop could not start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
