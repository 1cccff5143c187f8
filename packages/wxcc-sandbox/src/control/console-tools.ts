// What the console shows of the agents' tools: the address book, the CAD variable definitions, the scheduled callbacks.
import type { SandboxContext } from '../context';

export function toolsForConsole(ctx: SandboxContext, now = Date.now()) {
  const { seed, callbacks } = ctx.contacts;
  const agentName = (id: string | undefined) => {
    const agent = id ? ctx.state.agent(id) : undefined;
    return agent ? `${agent.firstName} ${agent.lastName}` : (id ?? 'anyone in the queue');
  };
  const queueName = (id: string) => seed.queues.find((q) => q.id === id)?.name ?? id;
  return {
    addressBook: { name: seed.addressBook.name, entries: seed.addressBook.entries },
    cadVariables: seed.cadVariables.map((v) => ({
      name: v.name,
      label: v.desktopLabel,
      type: v.variableType,
      rights: !v.agentViewable ? 'hidden' : v.agentEditable ? 'viewable, editable' : 'viewable',
    })),
    callbacks: callbacks.upcoming(now).map((c) => ({
      id: c.id,
      customer: `${c.customerName} (${c.callbackNumber})`,
      window: `${c.scheduleDate} ${c.startTime.slice(0, 5)}–${c.endTime.slice(0, 5)} ${c.timezone}`,
      queue: queueName(c.queueId),
      assignee: agentName(c.assigneeAgent),
      reason: c.callbackReason ?? '',
    })),
  };
}
