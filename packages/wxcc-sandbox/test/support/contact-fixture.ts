// Test helper for contacts: a sandbox whose long timers (RONA) fire on demand, agents logged in
// and Available, and calls placed, answered and ended through the control and tasks APIs.
import { after, afterEach, before } from 'node:test';
import type { RunningSandbox } from '../../src';
import type { Scheduler } from '../../src/timers';
import { defaultContactSeed, type ContactSeed } from '../../src/contacts/contact-seed';
import { validateNotification } from '../fixtures/notification-schemas';
import {
  call,
  control,
  openAgentSocket,
  wxcc,
  type EventSocket,
  type Frame,
} from './sandbox-client';
import { AGENTS, obtainTokens, startTestSandbox } from './sandbox-oauth';

/** Short timers (event delays) run for real; long ones wait until the test fires them. */
export class HeldScheduler implements Scheduler {
  private readonly held = new Map<symbol, { run: () => void; ms: number }>();

  constructor(private readonly thresholdMs = 1000) {}

  setTimeout(run: () => void, ms: number): unknown {
    if (ms < this.thresholdMs) return setTimeout(run, ms);
    const handle = Symbol('held');
    this.held.set(handle, { run, ms });
    return handle;
  }

  clearTimeout(handle: unknown): void {
    if (typeof handle === 'symbol') this.held.delete(handle);
    else clearTimeout(handle as NodeJS.Timeout);
  }

  /** Delays of the timers still waiting, in ms. */
  pending(): number[] {
    return [...this.held.values()].map((t) => t.ms);
  }

  /** Runs every held timer now, as if their time had come. */
  fireAll(): number {
    const due = [...this.held.entries()];
    this.held.clear();
    for (const [, t] of due) t.run();
    return due.length;
  }
}

export const [alice, bruno, chiara, dmitri] = AGENTS as [
  (typeof AGENTS)[0],
  (typeof AGENTS)[0],
  (typeof AGENTS)[0],
  (typeof AGENTS)[0],
];

// One number per agent that their desktop profile accepts: Alice is unchecked, Bruno is on the US
// dial plan, Chiara on the UK plan, Dmitri must use his provisioned number (the seed's real-tenant
// profiles refuse anything else with INVALID_DIAL_NUMBER).
const DIAL_NUMBERS = ['+14155550191', '+14155550192', '+442079460193', dmitri.defaultDialNumber];

export class ContactFixture {
  readonly scheduler = new HeldScheduler();
  private readonly sockets: EventSocket[] = [];
  private running?: { sandbox: RunningSandbox; tokens: Record<string, string> };

  constructor(private readonly contactSeed?: ContactSeed) {}

  static forSuite(contactSeed?: ContactSeed): ContactFixture {
    const fx = new ContactFixture(contactSeed);
    before(() => fx.start());
    afterEach(() => fx.reset());
    after(() => fx.sandbox.close());
    return fx;
  }

  private async start(): Promise<void> {
    const sandbox = await startTestSandbox({
      scheduler: this.scheduler,
      contactSeed: this.contactSeed,
    });
    const tokens: Record<string, string> = {};
    for (const agent of AGENTS) {
      tokens[agent.id] = (await obtainTokens(sandbox, { agentId: agent.id })).access_token;
    }
    this.running = { sandbox, tokens };
  }

  get sandbox(): RunningSandbox {
    if (!this.running) throw new Error('the suite’s sandbox has not started yet');
    return this.running.sandbox;
  }

  token(agentId: string): string {
    return this.running!.tokens[agentId]!;
  }

  async listen(agentId: string): Promise<EventSocket> {
    const socket = await openAgentSocket(this.sandbox, this.token(agentId));
    this.sockets.push(socket);
    return socket;
  }

  wxcc(agentId: string, method: string, path: string, body?: unknown) {
    return call(wxcc(this.sandbox, `/v1${path}`), { method, token: this.token(agentId), body });
  }

  task(agentId: string, interactionId: string, action: string, body: unknown = {}) {
    return this.wxcc(agentId, 'POST', `/tasks/${interactionId}/${action}`, body);
  }

  control(method: string, path: string, body?: unknown) {
    return control(this.sandbox, method, path, body);
  }

  /** Logs the agent in (AGENT_DN) and makes them Available; resolves once both events arrived. */
  async ready(agentId: string, events: EventSocket, available = true): Promise<void> {
    const index = AGENTS.findIndex((a) => a.id === agentId);
    await this.wxcc(agentId, 'POST', '/agents/login', {
      dialNumber: DIAL_NUMBERS[index],
      teamId: AGENTS[index]!.teamIds[0],
      deviceType: 'AGENT_DN',
      roles: ['agent'],
    });
    await events.inner('AgentStationLoginSuccess');
    if (!available) return;
    await this.wxcc(agentId, 'PUT', '/agents/session/state', {
      state: 'Available',
      auxCodeId: '0',
    });
    await events.inner('AgentStateChangeSuccess');
  }

  /** Places a call to the agent; resolves with its interaction id once it rings (AgentOfferContact). */
  async ring(agentId: string, events: EventSocket, body: Record<string, unknown> = {}) {
    const reply = await this.control('POST', `/agents/${agentId}/call`, body);
    if (reply.status !== 201) throw new Error(`call: ${reply.status} ${reply.text}`);
    const { interactionId } = reply.body as { interactionId: string };
    await events.next((f) => isTask(f, 'AgentOfferContact', interactionId));
    return interactionId;
  }

  /** Places a call and answers it on the phone; resolves once AgentContactAssigned arrived. */
  async connect(agentId: string, events: EventSocket, body: Record<string, unknown> = {}) {
    const interactionId = await this.ring(agentId, events, body);
    await this.control('POST', `/agents/${agentId}/answer`, { interactionId });
    await events.next((f) => isTask(f, 'AgentContactAssigned', interactionId));
    return interactionId;
  }

  /**
   * After each test: every frame any socket heard must match the event schemas (so every contact
   * path is also a contract test), then no contact, fault, station or socket is left over.
   */
  async reset(): Promise<void> {
    const issues = this.sockets.flatMap((s) =>
      s.frames.flatMap((frame) =>
        validateNotification(frame).map((i) => `${String(frame.data?.type)}: ${i.message}`),
      ),
    );
    await this.control('DELETE', '/contacts');
    await this.control('DELETE', '/faults');
    await this.control('PATCH', '/tenant', (this.contactSeed ?? defaultContactSeed).tenant);
    for (const agent of AGENTS) await this.control('POST', `/agents/${agent.id}/logout`);
    this.sockets.splice(0).forEach((s) => s.close());
    this.scheduler.fireAll();
    if (issues.length > 0) throw new Error(`events off the schemas:\n${issues.join('\n')}`);
  }
}

export function isTask(frame: Frame, inner: string, interactionId?: string): boolean {
  return (
    frame.type === 'RoutingMessage' &&
    frame.data?.type === inner &&
    (interactionId === undefined || frame.data.interactionId === interactionId)
  );
}

/** The first task event of this type (so far or still to come). */
export function taskEvent(events: EventSocket, inner: string, interactionId?: string) {
  return events.next((f) => isTask(f, inner, interactionId));
}

export interface InteractionView {
  state: string;
  media: Record<string, { mediaResourceId: string; isHold: boolean }>;
  participants: Record<string, { isWrapUp?: boolean; hasJoined?: boolean; hasLeft?: boolean }>;
  callProcessingDetails: Record<string, string>;
  callAssociatedDetails: Record<string, string>;
  callFlowParams: Record<string, { name: string; value: string }>;
  contactDirection: { type: string };
  outboundType: string | null;
  mainInteractionId: string;
  createdTimestamp: number;
}

export const interactionOf = (frame: Frame) => frame.data.interaction as InteractionView;
