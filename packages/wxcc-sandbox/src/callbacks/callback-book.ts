// The org's scheduled callbacks: created, listed (not those already due) and deleted through the API.
import { randomUUID } from '../ids';
import type { CallbackRequest } from './callback-rules';

export interface ScheduledCallback extends CallbackRequest {
  id: string;
  orgId: string;
  callbackOrigin: 'api';
  createdTimestamp: number;
  lastUpdatedTimestamp: number;
  assignedTime?: number;
  /** Epoch ms of the window's start: once passed the callback is due, unlisted and undeletable. */
  startsAt: number;
  endsAt: number;
  /** Who created it (the token's agent): the console shows it. */
  createdBy: string;
}

/** A bound on what one sandbox keeps, so a runaway client cannot grow it without end. */
const MAX_CALLBACKS = 5000;

export class CallbackBook {
  private readonly items = new Map<string, ScheduledCallback>();

  add(
    orgId: string,
    request: CallbackRequest,
    window: { start: number; end: number },
    createdBy: string,
    now: number,
  ): ScheduledCallback | undefined {
    this.prune(now);
    if (this.items.size >= MAX_CALLBACKS) return undefined;
    const callback: ScheduledCallback = {
      ...request,
      id: randomUUID(),
      orgId,
      callbackOrigin: 'api',
      createdTimestamp: now,
      lastUpdatedTimestamp: now,
      ...(request.assigneeAgent ? { assignedTime: now } : {}),
      startsAt: window.start,
      endsAt: window.end,
      createdBy,
    };
    this.items.set(callback.id, callback);
    return callback;
  }

  /** Those not yet due, as the GET lists them. */
  upcoming(now: number): ScheduledCallback[] {
    return [...this.items.values()].filter((c) => c.startsAt > now);
  }

  get(id: string): ScheduledCallback | undefined {
    return this.items.get(id);
  }

  delete(id: string): boolean {
    return this.items.delete(id);
  }

  clear(): number {
    const n = this.items.size;
    this.items.clear();
    return n;
  }

  /** Callbacks whose window has closed are the dialler's business, not the API's. */
  private prune(now: number): void {
    for (const [id, c] of this.items) if (c.endsAt < now) this.items.delete(id);
  }
}

/** The API's view of one callback (CallbackSchedule): the sandbox's own fields left out. */
export function callbackDto(c: ScheduledCallback) {
  const dto: Partial<ScheduledCallback> = { ...c };
  delete dto.startsAt;
  delete dto.endsAt;
  delete dto.createdBy;
  return dto;
}
