// The socket holder's side of an agent: its notification channel, with everything it hears
// published (in order) on the agent's events channel and stored as the latest snapshot.
import type { EventBus, BusMessage } from '../cluster/event-bus';
import { NotificationChannel, type ChannelOptions } from './notification-channel';
import type { NotificationEvent, StationSnapshot } from './station-types';

export interface OwnedChannelOptions extends ChannelOptions {
  bus: EventBus;
  /** The last snapshot any holder published: the new holder starts from it, not from nothing. */
  stored?: StationSnapshot;
  /**
   * Whether a multi-login came from a real other desktop (publish it) or from another instance of
   * ours that has just taken the lease (bow out quietly).
   */
  isOurOwnTakeOver: () => Promise<boolean>;
  onOwnTakeOver: () => void;
}

const isMultiLogin = (e: NotificationEvent) =>
  e.inner === 'AGENT_MULTI_LOGIN' || e.outer === 'AGENT_MULTI_LOGIN';

export function createOwnedChannel(options: OwnedChannelOptions): NotificationChannel {
  const { bus, agentId } = options;
  const channel = new NotificationChannel(options);
  if (options.stored) channel.snapshot = options.stored;
  // The stored snapshot is written before the message that announces it, so whoever hears a
  // result and then reads the snapshot sees the result in it.
  let chain = Promise.resolve();
  const emit = (message: BusMessage) => {
    const snapshot = channel.snapshot;
    chain = chain
      .then(() => bus.save(agentId, snapshot))
      .then(() => bus.publish(agentId, message))
      .catch((err: unknown) => options.log?.('could not publish an agent event', { agentId, err }));
  };
  // A frame emits 'snapshot' then 'event': one message carries both. A snapshot change without an
  // event (a socket of ours open again) goes out on its own.
  let dirty = false;
  channel.on('snapshot', () => {
    // A take-over is published by the event handler once it knows whose it is.
    if (channel.status === 'taken_over' && channel.snapshot.takenOver) return;
    dirty = true;
    queueMicrotask(() => {
      if (!dirty) return;
      dirty = false;
      emit({ kind: 'snapshot', snapshot: channel.snapshot });
    });
  });
  channel.on('event', (event) => {
    dirty = false;
    if (!isMultiLogin(event)) return emit({ kind: 'event', event, snapshot: channel.snapshot });
    void options.isOurOwnTakeOver().then(
      (ours) => {
        if (ours) return options.onOwnTakeOver();
        emit({ kind: 'event', event, snapshot: channel.snapshot });
      },
      () => emit({ kind: 'event', event, snapshot: channel.snapshot }),
    );
  });
  return channel;
}
