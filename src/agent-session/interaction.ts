// Reading a RoutingMessage event's interaction into the contact's details (TASKS.md §3).
import type { RoutingFields } from '../clients/wxcc-event-schemas';
import type { CallVariable, ConsultDestination, ContactState, ContactView } from './contact-view';

const MAX_VARIABLES = 30;

type Interaction = NonNullable<RoutingFields['interaction']>;

export function mergeDetails(
  previous: ContactView | undefined,
  interactionId: string,
  d: RoutingFields,
  agentId: string,
): ContactView {
  const interaction: Interaction = d.interaction ?? {};
  const cpd = interaction.callProcessingDetails ?? {};
  const cad = interaction.callAssociatedDetails ?? {};
  const main = interaction.media?.[interaction.mainInteractionId ?? interactionId] ?? {};
  const direction = interaction.contactDirection?.type;
  const outbound = direction === 'OUTBOUND' || interaction.outboundType === 'OUTDIAL';
  const labelled = associatedData(interaction.callAssociatedData);
  const variables = labelled.length > 0 ? labelled : callVariables(interaction.callFlowParams);
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
    mediaType: interaction.mediaType ?? base.mediaType,
    mediaChannel: interaction.mediaChannel ?? base.mediaChannel,
    mediaResourceId: d.mediaResourceId ?? base.mediaResourceId,
    mainMediaResourceId: main.mediaResourceId ?? base.mainMediaResourceId,
    direction: outbound ? 'OUTBOUND' : direction === 'INBOUND' ? 'INBOUND' : base.direction,
    ani: cad.ani ?? cpd.ani ?? cpd.displayAni ?? cpd.fromAddress ?? base.ani,
    dnis: cad.dnis ?? cpd.dnis ?? base.dnis,
    customerName: cad.customerName ?? cpd.customerName ?? base.customerName,
    queueName: cad.virtualTeamName ?? cpd.virtualTeamName ?? d.queueName ?? base.queueName,
    queueId: cpd.QueueId ?? cpd.vteamId ?? base.queueId,
    callVariables: variables.length > 0 ? variables : base.callVariables,
    ronaTimeoutSec: d.ronaTimeout ?? cad.ronaTimeout ?? cpd.ronaTimeout ?? base.ronaTimeoutSec,
    createdTimestamp: interaction.createdTimestamp ?? base.createdTimestamp,
    // When this agent joined: Cisco's widgets time the call from it (@webex/cc-task
    // useCallControl startTimestamp = participants[agentId].joinTimestamp); kept across reloads.
    answeredAt: interaction.participants?.[agentId]?.joinTimestamp ?? base.answeredAt,
    recording: hasCpd
      ? {
          pauseResumeEnabled: cpd.pauseResumeEnabled === true,
          paused: cpd.isPaused ?? base.recording.paused,
        }
      : base.recording,
    agentsOnCall: interaction.media ? agentsOnMainCall(interaction, main) : base.agentsOnCall,
    mainHeld: interaction.media ? main.isHold === true : base.mainHeld,
    // As the SDK: an offered consult makes this agent the consulted one; a reload snapshot says so
    // in the agent's participant entry.
    // A reload snapshot is the truth either way: after a transfer the consulted agent owns it.
    consulted:
      d.type === 'AgentContact'
        ? (participant(d, agentId)?.isConsulted ?? base.consulted)
        : base.consulted || d.type === 'AgentOfferConsult',
  };
}

/**
 * Agents on the main call's media leg who have not left, with their names (cc-store
 * getConferenceParticipantsCount: EXCLUDED_PARTICIPANT_TYPES Customer, Supervisor, VVA).
 */
function agentsOnMainCall(
  interaction: Interaction,
  main: { participants?: string[] },
): NonNullable<ContactView['agentsOnCall']> {
  const excluded = new Set(['customer', 'supervisor', 'vva']);
  return (main.participants ?? []).flatMap((id) => {
    const p = interaction.participants?.[id];
    if (p === undefined || p.hasLeft === true || excluded.has((p.pType ?? '').toLowerCase())) {
      return [];
    }
    // A number or an entry point in the conference counts as a party (SDK TaskUtils.ts
    // getIsConferenceInProgress) but is named by its number, not as an agent.
    const pType = (p.pType ?? '').toUpperCase();
    const outside =
      pType === 'DN' ? 'number' : pType === 'EP-DN' || pType === 'EPDN' ? 'entryPoint' : undefined;
    return [
      {
        agentId: id,
        ...(p.name === undefined ? {} : { name: p.name.slice(0, 100) }),
        ...(outside === undefined ? {} : { outside }),
        ...(outside === undefined || p.dn === undefined ? {} : { dn: p.dn.slice(0, 40) }),
      },
    ];
  });
}

/** A conference is in progress: two or more agents on the main call (SDK getIsConferenceInProgress). */
export function conferenceInProgress(contact: ContactView): boolean {
  return (contact.agentsOnCall?.length ?? 0) >= 2;
}

/** The agent's own entry in the interaction's participants. */
export function participant(d: RoutingFields, agentId: string) {
  return d.interaction?.participants?.[agentId];
}

export function stateFromSnapshot(d: RoutingFields, agentId: string): ContactState {
  const state = (d.interaction?.state ?? '').toLowerCase();
  // WxCC spells it 'wrapUp' or 'post_call' (@webex/cc-store constants INTERACTION_STATE_WRAPUP and
  // INTERACTION_STATE_POST_CALL); the agent's own flag too.
  if (
    participant(d, agentId)?.isWrapUp === true ||
    state.startsWith('wrap') ||
    state === 'post_call'
  ) {
    return 'wrapup';
  }
  if (state === 'new') return 'offered';
  if (state === 'consult' || state === 'consulting') return 'consulting';
  if (state === 'conference') return 'conference';
  if (state === 'held' || holdOf(d)) return 'held';
  return 'connected';
}

export function holdOf(d: RoutingFields): boolean {
  const mainId = d.interaction?.mainInteractionId ?? d.interactionId ?? '';
  return d.interaction?.media?.[mainId]?.isHold === true;
}

function callVariables(params: Interaction['callFlowParams']): CallVariable[] {
  return Object.values(params ?? {})
    .flatMap((p): CallVariable[] =>
      p?.name === undefined || p.value === undefined
        ? []
        : [
            {
              name: p.name,
              value: String(p.value).slice(0, 200),
              // A description that only repeats the name is no label: the page humanises the name.
              ...(p.description?.trim() && p.description.trim() !== p.name
                ? { label: p.description.trim().slice(0, 80) }
                : {}),
            },
          ],
    )
    .slice(0, MAX_VARIABLES);
}

/**
 * `callAssociatedData`: each variable with its label and whether the agent may edit it; those the
 * tenant marks not agent-viewable are not shown.
 */
function associatedData(data: Interaction['callAssociatedData']): CallVariable[] {
  return Object.entries(data ?? {})
    .flatMap(([key, v]): CallVariable[] => {
      if (v === undefined || v.agentViewable === false || v.value === undefined) return [];
      const name = v.name ?? key;
      return [
        {
          name,
          value: String(v.value).slice(0, 1024),
          label: v.displayName || name,
          editable: v.agentEditable === true,
          type: v.type,
        },
      ];
    })
    .slice(0, MAX_VARIABLES);
}

/**
 * The party on the other end of the consult leg, and what a consult transfer or conference names
 * it: Cisco's SDK services/task/index.ts consultTransfer / consultConference send
 * `{to: calculateDestAgentId(...), destinationType: calculateDestType(...)}`
 * (services/core/Utils.ts): the other participant of the media entry with mType 'consult'; its
 * `id`, or `epId` for an entry point's leg (type 'EpDn'); 'dialNumber' for pType 'DN',
 * 'entryPoint' for 'EP-DN', else its pType lower-cased ('agent'). A capacity-based team's agent is
 * listed by its dn (getDestAgentIdForCBT).
 */
export function consultedPartyFrom(
  d: RoutingFields,
  agentId: string,
): { to: string; destinationType: ConsultDestination } | undefined {
  const interaction = d.interaction ?? {};
  const leg = Object.values(interaction.media ?? {}).find((m) => m?.mType === 'consult');
  const ids = leg?.participants ?? [];
  if (!ids.includes(agentId)) return undefined;
  const other = ids.find((id) => id !== agentId);
  if (other === undefined) return undefined;
  const participants = interaction.participants ?? {};
  const cbt = Object.hasOwn(participants, other)
    ? undefined
    : Object.entries(participants).find(
        ([, p]) => p?.pType?.toLowerCase() === 'dn' && p.type === 'Agent' && p.dn === other,
      );
  const key = cbt?.[0] ?? other;
  const entry = Object.hasOwn(participants, key) ? participants[key] : undefined;
  if (entry === undefined) return undefined;
  const to = entry.type === 'EpDn' ? entry.epId : (entry.id ?? key);
  if (to === undefined) return undefined;
  // Cisco's calculateDestType compares pType exactly ('DN', 'EP-DN') and otherwise sends it
  // lower-cased; the API takes only agent, dialNumber, entryPoint and queue, so a lower-case 'dn'
  // (not a capacity-based team's agent) is sent as the dialNumber it is, and type 'EpDn' alone
  // as an entryPoint.
  const pType = (entry.pType ?? '').toLowerCase();
  const destinationType: ConsultDestination | undefined =
    cbt !== undefined || pType === 'agent'
      ? 'agent'
      : pType === 'dn'
        ? 'dialNumber'
        : pType === 'ep-dn' || entry.type === 'EpDn'
          ? 'entryPoint'
          : undefined;
  return destinationType === undefined ? undefined : { to, destinationType };
}

/** The other agent on the consult leg (an agent consult, or the one who took a queue consult). */
export function consultedAgentFrom(d: RoutingFields, agentId: string): string | undefined {
  const party = consultedPartyFrom(d, agentId);
  return party?.destinationType === 'agent' ? party.to : undefined;
}

const CONSULT_TYPES: readonly ConsultDestination[] = ['queue', 'dialNumber', 'entryPoint'];

/** The consult leg as the event tells it; a queue consult's queue is known only to the sender. */
export function consultFrom(
  d: RoutingFields,
  agentId: string,
): NonNullable<ContactView['consult']> {
  const type = CONSULT_TYPES.find((t) => t === d.destinationType) ?? 'agent';
  const dest = d.destAgentId;
  return {
    destinationType: type,
    to: type === 'queue' ? d.queueId : type === 'agent' && dest !== agentId ? dest : undefined,
    connected: false,
  };
}
