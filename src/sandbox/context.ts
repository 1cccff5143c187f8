// Everything one running sandbox shares between its routes: no module-level state anywhere.
import type { ContactCenter } from './contacts/contact-center';
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

export interface SandboxContext {
  settings: SandboxSettings;
  seed: SandboxSeed;
  state: SandboxState;
  tokens: TokenService;
  station: Station;
  hub: NotificationHub;
  log: RequestLog;
  faults: FaultRegistry;
  timers: Timers;
  /** Customer contacts: calls, their events and the tasks API's rules. */
  contacts: ContactCenter;
  /** The sandbox's own origin once it listens, e.g. http://127.0.0.1:40123. */
  origin(): string;
}
