// The agents a contact can go to, as the transfer and consult pickers show them.
import { buddyState, type BuddyAgent } from '../contacts/buddy-list';
import { msg, type Message } from '../i18n/message';

/**
 * At most this many agents in a contact's pickers: each pushed fragment carries them, twice (transfer
 * and consult), so 1,000 buddies made every live update of a call 140 KB. The Directory searches
 * all of them, and the picker says how many it leaves to it.
 */
export const PICKER_AGENTS = 50;

/** The buddy list as options, in WxCC's order; over the cap, the Available agents first. */
export function agentOptions(buddies: readonly BuddyAgent[]) {
  const shown =
    buddies.length <= PICKER_AGENTS
      ? buddies
      : [
          ...buddies.filter((b) => b.state === 'Available'),
          ...buddies.filter((b) => b.state !== 'Available'),
        ].slice(0, PICKER_AGENTS);
  return {
    agents: shown.map((b) => ({
      value: `agent:${b.agentId}`,
      label: (b.state
        ? msg('contact.agentWithState', { name: b.name, state: buddyState(b.state) })
        : b.name) as Message | string,
    })),
    moreAgents: buddies.length - shown.length,
  };
}
