// One agent's live session, on the instance that holds the agent's lease: it owns the WxCC socket,
// the snapshot (written only through `reduce`) and every background job of the agent (auto
// wrap-up, the repair of a lost socket). Whatever it learns is saved and published on the agent's
// bus channel, so every instance renders and waits from the same state; on fail-over the next
// holder builds a new session from the stored snapshot, deadlines included.
import { EventEmitter } from 'node:events';
import type { BusMessage, EventBus } from './event-bus';
import type { WrapUpCode } from '../domain/agent';
import { NotificationChannel, type ChannelOptions } from './wxcc-socket';
import { emptySnapshot, type NotificationEvent, type StationSnapshot } from './snapshot';
import { reduce, type SessionFact, type SessionInput } from './reduce';
import { countStep, openPeriod } from './count-step';
import type { StatisticsFact } from './session-facts';
import { currentTrackingId, runWithTrackingId } from '../logging/tracking-context';

/** WxCC moves an Available agent to Idle with this reason when its notification socket is lost. */
export const WSS_DISCONNECT_REASON = 'agent-wss-disconnect';

/** A timer that fires within this of a deadline has nothing left to wait for. */
const LATE_MS = 250;

/** What the session's jobs need from the rest of the desktop, all keyed by the agent alone. */
export interface SessionJobs {
  /** The profile's auto wrap-up, or undefined when it has none (or it cannot be read now). */
  autoWrapUp(agentId: string): Promise<{ seconds: number; code: WrapUpCode } | undefined>;
  /** True for exactly one caller across instances: a lease moving mid-send never sends twice. */
  claimWrapUp(agentId: string, interactionId: string): Promise<boolean>;
  sendWrapUp(agentId: string, interactionId: string, code: WrapUpCode): Promise<unknown>;
  /** Makes the agent Available again after WxCC idled them for a lost socket; true if confirmed. */
  restoreAvailable(agentId: string): Promise<boolean>;
  /**
   * Keeps what the counting step found (a finished contact, a state period) in the agent's
   * statistics; idempotent, so a fact counted by two overlapping owners is kept once.
   */
  countStatistics?(agentId: string, facts: StatisticsFact[]): Promise<void>;
}

/** The socket as the session uses it: NotificationChannel, or a stand-in in unit tests. */
export interface SessionChannel {
  readonly status: NotificationChannel['status'];
  start(force?: boolean): Promise<void>;
  close(): void;
  on(event: 'event', listener: (event: NotificationEvent) => void): unknown;
  on(event: 'open' | 'reconnected' | 'lost', listener: () => void): unknown;
  on(event: 'stopped', listener: (reason: unknown) => void): unknown;
}

export interface AgentSessionOptions extends ChannelOptions {
  /** Default: a NotificationChannel (the WxCC websocket). */
  createChannel?: (options: ChannelOptions) => SessionChannel;
  bus: EventBus;
  /** The last snapshot any holder published: the session starts from it, not from nothing. */
  stored?: StationSnapshot;
  now: () => number;
  jobs: SessionJobs;
  /**
   * Whether a multi-login came from a real other desktop (reduce it: the agent is taken over) or
   * from another instance of ours that has just taken the lease (bow out quietly).
   */
  isOurOwnTakeOver: () => Promise<boolean>;
  /**
   * The instance holding the agent's lease: snapshots are stored only while it still does (no
   * fence without it: tests of the session alone).
   */
  holder?: string;
}

interface SessionEvents {
  /** Every WxCC event, after it is folded into the snapshot (waiters read both). */
  event: [NotificationEvent];
  /** The socket is back after a gap: what happened meanwhile must be asked for. */
  reconnected: [];
  /** The sign-in is gone (the refresh token died while reconnecting). */
  stopped: [reason: unknown];
  /** Another instance of ours holds the agent now: this session should close. */
  superseded: [];
}

export class AgentSession extends EventEmitter<SessionEvents> {
  private current: StationSnapshot;
  private readonly channel: SessionChannel;
  /** Contacts whose auto wrap-up setting was read: asked once per contact, not per change. */
  private readonly wrapUpChecked = new Set<string>();
  private wrapUpTimer?: NodeJS.Timeout;
  private restoring = false;
  private closed = false;
  /** A save was refused because the lease moved on (said once). */
  private fenced = false;
  /** Saves then publishes, in order: whoever hears a message and reads the store sees it. */
  private chain = Promise.resolve();

  constructor(private readonly options: AgentSessionOptions) {
    super();
    this.setMaxListeners(0);
    this.current = options.stored ?? emptySnapshot();
    this.channel = (options.createChannel ?? ((o) => new NotificationChannel(o)))(options);
    // What an event sets off (its snapshot, auto wrap-up, a restore) runs under the event's
    // tracking id: WxCC echoes the id of the request that caused it, so the request's lines and its
    // follow-up job's share one id.
    this.channel.on('event', (event) =>
      runWithTrackingId(event.trackingId, () => void this.heard(event)),
    );
    this.channel.on('open', () => void this.tell({ type: 'socket-open' }));
    this.channel.on('reconnected', () => this.emit('reconnected'));
    // The page's bar shows the socket's health from the snapshot (connection badge).
    this.channel.on('lost', () => void this.tell({ type: 'socket-lost' }));
    this.channel.on('stopped', (reason) => {
      void this.tell({ type: 'socket-stopped' });
      this.emit('stopped', reason);
    });
  }

  get agentId(): string {
    return this.options.agentId;
  }

  get snapshot(): StationSnapshot {
    return this.current;
  }

  get socketStatus() {
    return this.channel.status;
  }

  /** Opens the socket unless another desktop holds the session; `force` takes it back. */
  async start(force = false): Promise<void> {
    if (this.current.takenOver && !force) return;
    await this.channel.start(force);
    this.runJobs();
  }

  /**
   * A fact the desktop learned (here or on another instance): folded in and published. Resolves
   * once the snapshot it made is stored, so a page rendered next on any instance shows it.
   */
  tell(fact: SessionFact): Promise<void> {
    return this.apply({ kind: 'fact', fact });
  }

  /** Waits for the first event that matches, registered before the caller acts so none is missed. */
  waitFor(
    matches: (event: NotificationEvent) => boolean,
    timeoutMs: number,
  ): { promise: Promise<NotificationEvent | undefined>; cancel: () => void } {
    let cancel = () => undefined as void;
    const promise = new Promise<NotificationEvent | undefined>((resolve) => {
      const onEvent = (event: NotificationEvent) => {
        if (!matches(event)) return;
        cancel();
        resolve(event);
      };
      const timer = setTimeout(() => {
        cancel();
        resolve(undefined);
      }, timeoutMs);
      timer.unref();
      cancel = () => {
        clearTimeout(timer);
        this.off('event', onEvent);
      };
      this.on('event', onEvent);
    });
    return { promise, cancel };
  }

  /**
   * Closes the socket and stops the jobs. Unless it is a crash (`checkpoint: false`, tests), the
   * state the agent is in is counted up to now first; resolves once that is kept.
   */
  close(options: { checkpoint?: boolean } = {}): Promise<void> {
    if (this.closed) return Promise.resolve();
    if (options.checkpoint !== false) this.count(openPeriod(this.current, this.options.now()));
    this.closed = true;
    clearTimeout(this.wrapUpTimer);
    this.channel.close();
    this.removeAllListeners();
    return this.chain;
  }

  private async heard(event: NotificationEvent): Promise<void> {
    if (event.outer === 'AGENT_MULTI_LOGIN' || event.inner === 'AGENT_MULTI_LOGIN') {
      // The lease moved to another instance of ours and its socket displaced ours: not another
      // desktop, nothing to tell the agent.
      const ours = await this.options.isOurOwnTakeOver().catch((err: unknown) => {
        this.log('could not tell whose the take-over is; treating it as another desktop', err);
        return false;
      });
      if (ours) return void this.emit('superseded');
    }
    this.apply({ kind: 'event', event });
  }

  private apply(input: SessionInput): Promise<void> {
    if (this.closed) return Promise.resolve();
    const before = this.current;
    const now = this.options.now();
    this.current = reduce(before, input, { agentId: this.options.agentId, now });
    const changed = this.current !== before;
    if (changed) {
      const facts = countStep(
        before,
        this.current,
        input.kind === 'event' ? input.event : undefined,
        now,
      );
      if (facts.length > 0) this.count(facts);
    }
    // Every event goes out (waiters on other instances need it, changed or not); a fact only
    // when it changed something.
    let stored = this.chain;
    if (input.kind === 'event') {
      stored = this.publish({ kind: 'event', event: input.event, snapshot: this.current });
      // Our own waiters hear it once its snapshot is stored, as other instances' waiters do: the
      // request they answer redirects to a page that may be rendered on another instance, from
      // the store (hearing it before the save showed a wrapped-up contact still there).
      const { event } = input;
      void stored.then(() => this.emit('event', event));
    } else if (changed) stored = this.publish({ kind: 'snapshot', snapshot: this.current });
    if (changed) this.runJobs();
    return stored;
  }

  /**
   * Counted before the snapshot that follows is saved: an owner that dies in between leaves the
   * old snapshot, and the next owner derives the same facts again, kept once.
   */
  private count(facts: StatisticsFact[]): void {
    const { jobs, agentId } = this.options;
    if (!jobs.countStatistics || facts.length === 0) return;
    this.chain = this.chain
      .then(() => jobs.countStatistics?.(agentId, facts))
      .catch((err: unknown) => this.log('could not count the agent statistics', err));
  }

  /** Resolves once the snapshot is stored and the message sent (or the failure logged). */
  private publish(message: BusMessage): Promise<void> {
    const { bus, agentId } = this.options;
    const snapshot = this.current;
    this.chain = this.chain
      .then(() => bus.save(agentId, snapshot, this.options.holder))
      .then((saved) => {
        if (saved) return bus.publish(agentId, message);
        // The lease moved on while this holder was late: the new holder's socket and snapshot are
        // the truth, and this session is about to be closed (ownership notices the loss).
        if (!this.fenced) this.log('the lease moved on: this holder no longer stores or publishes');
        this.fenced = true;
      })
      .catch((err: unknown) => this.log('could not publish an agent event', err));
    return this.chain;
  }

  /** The agent's background jobs, decided from the snapshot alone (so a new holder resumes them). */
  private runJobs(): void {
    if (this.closed || this.channel.status !== 'open') return;
    this.scheduleAutoWrapUps();
    this.restoreAfterDisconnect();
  }

  private scheduleAutoWrapUps(): void {
    const wrapping = Object.values(this.current.contacts.items).filter(
      (c) => c.state === 'wrapup' && !c.autoWrapUpSent,
    );
    const ids = new Set(wrapping.map((c) => c.interactionId));
    for (const id of this.wrapUpChecked) if (!ids.has(id)) this.wrapUpChecked.delete(id);
    for (const contact of wrapping) {
      const id = contact.interactionId;
      if (contact.autoWrapUpAt !== undefined || this.wrapUpChecked.has(id)) continue;
      this.wrapUpChecked.add(id);
      // Checked when the contact enters wrap-up: under the id of the event (and request) that ended it.
      const trackingId = currentTrackingId();
      this.options.jobs.autoWrapUp(this.agentId).then(
        (auto) => {
          if (!auto) return;
          const started = this.current.contacts.items[id]?.wrapUpStartedAt ?? this.options.now();
          void this.tell({
            type: 'auto-wrap-up-due',
            interactionId: id,
            at: started + auto.seconds * 1000,
            trackingId,
          });
        },
        (err: unknown) => this.log('could not read the auto wrap-up setting', err, id),
      );
    }
    const next = Math.min(
      ...wrapping.flatMap((c) => (c.autoWrapUpAt === undefined ? [] : [c.autoWrapUpAt])),
    );
    clearTimeout(this.wrapUpTimer);
    if (!Number.isFinite(next)) return;
    this.wrapUpTimer = setTimeout(
      () => void this.sendDueWrapUps(),
      Math.max(0, next - this.options.now()),
    );
    this.wrapUpTimer.unref();
  }

  /** Marked sent before it is sent: a refused wrap-up is not retried in a loop. */
  private async sendDueWrapUps(): Promise<void> {
    const { now } = this.options;
    const due = Object.values(this.current.contacts.items).filter(
      (c) =>
        c.state === 'wrapup' &&
        !c.autoWrapUpSent &&
        c.autoWrapUpAt !== undefined &&
        c.autoWrapUpAt <= now() + LATE_MS,
    );
    for (const contact of due) {
      // One timer serves every contact: each is sent and logged under its own tracking id.
      await runWithTrackingId(contact.autoWrapUpTrackingId, () => this.sendWrapUp(contact));
    }
  }

  private async sendWrapUp(contact: { interactionId: string }): Promise<void> {
    const { jobs } = this.options;
    const id = contact.interactionId;
    void this.tell({ type: 'auto-wrap-up-sent', interactionId: id });
    try {
      const auto = await jobs.autoWrapUp(this.agentId);
      if (!auto) return;
      if (!(await jobs.claimWrapUp(this.agentId, id))) return;
      this.log('auto wrap-up', undefined, id);
      await jobs.sendWrapUp(this.agentId, id, auto.code);
    } catch (err) {
      this.log('auto wrap-up failed', err, id);
    }
  }

  /**
   * WxCC moved the agent to Idle because the socket was lost: make them Available again, as
   * Cisco's SDK does (silentRelogin in @webex/contact-center src/cc.ts), once; the page says so.
   */
  private restoreAfterDisconnect(): void {
    const s = this.current;
    const idledBySocketLoss =
      s.loggedIn &&
      !s.takenOver &&
      s.subStatus === 'Idle' &&
      s.lastStateChangeReason === WSS_DISCONNECT_REASON &&
      s.idledByDisconnect !== true;
    if (!idledBySocketLoss || this.restoring) return;
    this.restoring = true;
    this.options.jobs
      .restoreAvailable(this.agentId)
      .catch((err: unknown) => {
        this.log('could not restore Available after a lost socket', err);
        return false;
      })
      .then((confirmed) =>
        this.tell({ type: confirmed ? 'restored-after-disconnect' : 'restore-failed' }),
      )
      .finally(() => (this.restoring = false));
  }

  private log(event: string, err?: unknown, interactionId?: string): void {
    this.options.log?.(event, {
      agentId: this.agentId,
      ...(interactionId ? { interactionId } : {}),
      ...(err === undefined ? {} : { err }),
    });
  }
}
