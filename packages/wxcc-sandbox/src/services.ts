// What one running sandbox shares below its contacts simulation. The contacts files take this
// rather than SandboxContext, which names ContactCenter and would lead back to them.
import type { FaultRegistry } from './control/faults';
import type { NotificationHub } from './agents/notification-hub';
import type { RequestLog } from './control/request-log';
import type { SandboxSeed } from './seed';
import type { SandboxState } from './state';
import type { Station } from './agents/station';
import type { Timers } from './timers';
import type { TokenService } from './identity/tokens';

export interface SandboxSettings {
  accessTokenTtlSec: number;
  refreshTokenTtlSec: number;
  eventDelayMs: number;
  keepaliveTimeoutMs: number;
}

export interface SandboxServices {
  settings: SandboxSettings;
  seed: SandboxSeed;
  state: SandboxState;
  tokens: TokenService;
  station: Station;
  hub: NotificationHub;
  log: RequestLog;
  faults: FaultRegistry;
  timers: Timers;
  /** The sandbox's own origin once it listens, e.g. http://127.0.0.1:40123. */
  origin(): string;
}
