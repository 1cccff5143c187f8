// Starts an HTTP server and resolves once it listens (port 0 picks a free port). Without an app
// it listens before there is one to answer: startDesktop attaches the app to it afterwards.
import http from 'node:http';
import type { RequestListener } from 'node:http';

export function listen(
  app: RequestListener | undefined,
  port: number,
  host: string,
): Promise<http.Server> {
  return new Promise((resolve, reject) => {
    const server = http.createServer(app);
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server);
    });
  });
}
