// Development without SESSION_SECRET: one generated secret kept in the data folder, so a restart
// of `npm start` keeps every session (and the sandbox's sign-ins) instead of silently losing them.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { withSessionSecret, type Config } from './config';

export const DEV_SECRET_FILE = 'session-secret';
export const SANDBOX_STATE_FILE = 'sandbox-state.json';

/** Reads the kept secret, or makes and keeps one (mode 0600); `created` says which. */
export function keepDevSecret(dataDir: string): { secret: string; file: string; created: boolean } {
  const file = path.join(dataDir, DEV_SECRET_FILE);
  try {
    const kept = readFileSync(file, 'utf8').trim();
    if (kept.length >= 32) return { secret: kept, file, created: false };
  } catch {
    // none yet: made below
  }
  const secret = randomBytes(32).toString('hex');
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return { secret, file, created: true };
}

/**
 * Development keeps its state in the data folder, so a restart keeps agents connected; with the
 * memory store the sessions are gone at restart anyway, so nothing is kept (tests).
 */
export function developmentState(config: Config): { dataDir: string; keep: boolean } {
  return {
    dataDir: path.dirname(config.session.sqliteFile),
    keep: config.env === 'development' && config.session.store !== 'memory',
  };
}

/**
 * The settings with the kept development secret when no SESSION_SECRET was set and development
 * keeps its state; `kept` says where it came from (empty when nothing was kept).
 */
export function withDevSecret(config: Config): { config: Config; kept: string } {
  const state = developmentState(config);
  if (!config.session.secretGenerated || !state.keep) return { config, kept: '' };
  const dev = keepDevSecret(state.dataDir);
  const where = dev.created ? 'a new session secret saved in' : 'the session secret from';
  return { config: withSessionSecret(config, dev.secret), kept: `${where} ${dev.file}` };
}
