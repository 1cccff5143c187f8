// Standalone entry of `npm run sandbox`: the sandbox alone, with one demo OAuth client.
import { startSandbox } from './index';

const env = process.env;
const port = Number(env.SANDBOX_PORT ?? 10061);
const host = env.SANDBOX_HOST ?? '127.0.0.1';

if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`SANDBOX_PORT must be a port number, not ${env.SANDBOX_PORT}`);
  process.exit(1);
}

const client = {
  clientId: env.SANDBOX_CLIENT_ID ?? 'sandbox-agent-desktop',
  clientSecret: env.SANDBOX_CLIENT_SECRET ?? 'sandbox-secret',
  name: 'WxCC Agent Desktop',
  redirectUris: [env.SANDBOX_REDIRECT_URI ?? 'http://127.0.0.1:10060/oauth'],
};

const sandbox = await startSandbox({ host, port, clients: [client] });
console.log(
  [
    '',
    `  Webex + WxCC sandbox on ${sandbox.url}`,
    `  Webex API base:  ${sandbox.webexApiBase}`,
    `  WxCC API base:   ${sandbox.wxccApiBase}`,
    `  Console:         ${sandbox.url}/_sandbox/console`,
    `  Control API:     ${sandbox.url}/_sandbox`,
    `  OAuth client:    ${client.clientId} (redirect ${client.redirectUris[0]})`,
    '',
  ].join('\n'),
);

let stopping = false;
function stop(signal: string): void {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: closing the sandbox`);
  // A hung close must not keep the process alive forever.
  setTimeout(() => process.exit(1), 5000).unref();
  void sandbox.close().then(() => process.exit(0));
}
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
