// PATCH /v1/tasks/{taskId}: the agent changes the contact's call-associated data; WxCC confirms with ContactUpdated.
import { audienceOf, isOpenFor, type Contact } from './contact-model';
import { contactEvent, type Outcome } from './contact-events';
import type { ContactBook } from './contact-book';

/** The spec's PatchTaskRequest prose: at most 30 tuples, keys to 200 and values to 1024 characters. */
const MAX_TUPLES = 30;
const MAX_KEY = 200;
const MAX_VALUE = 1024;

/** The attributes, or a sentence saying why WxCC would answer 400. */
export function patchAttributes(body: unknown): Record<string, string> | string {
  const attributes =
    body !== null && typeof body === 'object' && 'attributes' in body
      ? (body as { attributes: unknown }).attributes
      : undefined;
  if (attributes === null || typeof attributes !== 'object' || Array.isArray(attributes)) {
    return 'attributes: must be an object';
  }
  const entries = Object.entries(attributes as Record<string, unknown>);
  if (entries.length === 0) return 'attributes: must hold at least one tuple';
  if (entries.length > MAX_TUPLES) return `attributes: at most ${MAX_TUPLES} tuples`;
  for (const [key, value] of entries) {
    if (key.trim() === '' || key.length > MAX_KEY) {
      return `attributes: keys must be 1 to ${MAX_KEY} characters`;
    }
    // The Desktop SDK's payload type is `{[key: string]: string}` (sdk-types updateCadPayLoad).
    if (typeof value !== 'string' || value.length > MAX_VALUE) {
      return `attributes.${key.slice(0, 40)}: must be a string of at most ${MAX_VALUE} characters`;
    }
  }
  return Object.fromEntries(entries) as Record<string, string>;
}

/**
 * Updates the contact's variables and tells everyone on it: `ContactUpdated`, a RoutingMessage
 * with the whole interaction (Cisco's Desktop listens for it as the dialer's `eContactUpdated`,
 * @wxcc-desktop/sdk-types agentx-services aqm-service-dialer.d.ts, after updateCadVariables).
 */
export function updateVariables(
  book: ContactBook,
  agentId: string,
  contact: Contact,
  attributes: Record<string, string>,
  trackingId: string,
): Outcome {
  if (!isOpenFor(contact, agentId)) {
    return { status: 400, message: 'taskId: the task is not open for this agent' };
  }
  contact.cad = { ...contact.cad, ...attributes };
  const ec = book.eventContext(trackingId);
  return book.send({
    deliveries: audienceOf(contact).map((id) => contactEvent(ec, 'ContactUpdated', contact, id)),
  });
}
