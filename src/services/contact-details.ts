// Reading a RoutingMessage event's interaction into the contact's details (TASKS.md §3).
import type { CallVariable, ContactState, ContactView } from './contact-types';

export type Json = Record<string, unknown>;

const MAX_VARIABLES = 30;

const isRecord = (v: unknown): v is Json =>
  v !== null && typeof v === 'object' && !Array.isArray(v);
export const rec = (v: unknown): Json => (isRecord(v) ? v : {});
export const str = (v: unknown): string | undefined =>
  typeof v === 'string' && v !== '' ? v.slice(0, 200) : undefined;
export const num = (v: unknown): number | undefined => {
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
  return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
};
/** callProcessingDetails holds strings: "true"/"false". */
const flag = (v: unknown): boolean => v === true || v === 'true';

export function mergeDetails(
  previous: ContactView | undefined,
  interactionId: string,
  d: Json,
  agentId: string,
): ContactView {
  const interaction = rec(d.interaction);
  const cpd = rec(interaction.callProcessingDetails);
  const cad = rec(interaction.callAssociatedDetails);
  const main = rec(rec(interaction.media)[str(interaction.mainInteractionId) ?? interactionId]);
  const direction = rec(interaction.contactDirection).type;
  const outbound = direction === 'OUTBOUND' || interaction.outboundType === 'OUTDIAL';
  const variables = callVariables(interaction.callFlowParams);
  const base: ContactView = previous ?? {
    interactionId,
    state: 'offered',
    direction: 'INBOUND',
    callVariables: [],
    recording: { pauseResumeEnabled: false, paused: false },
    consulted: false,
  };
  const hasCpd = Object.keys(cpd).length > 0;
  return {
    ...base,
    mediaResourceId: str(d.mediaResourceId) ?? base.mediaResourceId,
    mainMediaResourceId: str(main.mediaResourceId) ?? base.mainMediaResourceId,
    direction: outbound ? 'OUTBOUND' : direction === 'INBOUND' ? 'INBOUND' : base.direction,
    ani: str(cad.ani) ?? str(cpd.ani) ?? str(cpd.displayAni) ?? base.ani,
    dnis: str(cad.dnis) ?? str(cpd.dnis) ?? base.dnis,
    customerName: str(cad.customerName) ?? str(cpd.customerName) ?? base.customerName,
    queueName:
      str(cad.virtualTeamName) ?? str(cpd.virtualTeamName) ?? str(d.queueName) ?? base.queueName,
    queueId: str(cpd.QueueId) ?? str(cpd.vteamId) ?? base.queueId,
    callVariables: variables.length > 0 ? variables : base.callVariables,
    ronaTimeoutSec:
      num(d.ronaTimeout) ?? num(cad.ronaTimeout) ?? num(cpd.ronaTimeout) ?? base.ronaTimeoutSec,
    createdTimestamp: num(interaction.createdTimestamp) ?? base.createdTimestamp,
    recording: hasCpd
      ? {
          pauseResumeEnabled: flag(cpd.pauseResumeEnabled),
          paused: cpd.isPaused === undefined ? base.recording.paused : flag(cpd.isPaused),
        }
      : base.recording,
    // As the SDK: an offered consult makes this agent the consulted one; a reload snapshot says so
    // in the agent's participant entry.
    consulted:
      base.consulted ||
      str(d.type) === 'AgentOfferConsult' ||
      (str(d.type) === 'AgentContact' &&
        rec(rec(interaction.participants)[agentId]).isConsulted === true),
  };
}

export function stateFromSnapshot(d: Json, agentId: string): ContactState {
  const interaction = rec(d.interaction);
  const state = (str(interaction.state) ?? '').toLowerCase();
  if (rec(rec(interaction.participants)[agentId]).isWrapUp === true || state.startsWith('wrap')) {
    return 'wrapup';
  }
  if (state === 'new') return 'offered';
  if (state === 'consult' || state === 'consulting') return 'consulting';
  if (state === 'conference') return 'conference';
  if (state === 'held' || holdOf(d)) return 'held';
  return 'connected';
}

export function holdOf(d: Json): boolean {
  const interaction = rec(d.interaction);
  const mainId = str(interaction.mainInteractionId) ?? str(d.interactionId) ?? '';
  return rec(rec(interaction.media)[mainId]).isHold === true;
}

function callVariables(params: unknown): CallVariable[] {
  return Object.values(rec(params))
    .flatMap((p): CallVariable[] => {
      const entry = rec(p);
      const name = str(entry.name);
      const value = entry.value;
      if (name === undefined || (typeof value !== 'string' && typeof value !== 'number')) return [];
      return [{ name, value: String(value).slice(0, 200) }];
    })
    .slice(0, MAX_VARIABLES);
}

/** The consult leg as the event tells it; a queue consult's queue is known only to the sender. */
export function consultFrom(d: Json, agentId: string): NonNullable<ContactView['consult']> {
  const queue = str(d.destinationType) === 'queue';
  const dest = str(d.destAgentId);
  return {
    destinationType: queue ? 'queue' : 'agent',
    to: queue ? str(d.queueId) : dest !== agentId ? dest : undefined,
    connected: false,
  };
}
