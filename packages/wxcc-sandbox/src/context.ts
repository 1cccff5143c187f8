// Everything one running sandbox shares between its routes: no module-level state anywhere.
import type { ContactCenter } from './contacts/contact-center';
import type { SandboxServices } from './services';

export type { SandboxSettings } from './services';

export interface SandboxContext extends SandboxServices {
  /** Customer contacts: calls, their events and the tasks API's rules. */
  contacts: ContactCenter;
}
