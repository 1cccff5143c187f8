// zod schemas for the tasks API bodies the sandbox reads. contract-check.ts has already held each
// body to Cisco's spec; these only give the routes typed values (a blank string still reads as missing).
import { z } from 'zod';

const textOrBlank = z.string().catch('');

/** The fields the contact actions read; each action names the ones it requires. */
const taskFields = z.object({
  mediaResourceId: textOrBlank,
  wrapUpReason: textOrBlank,
  auxCodeId: textOrBlank,
  to: textOrBlank,
  destinationType: textOrBlank,
  queueId: textOrBlank,
  holdParticipants: z.boolean().optional().catch(undefined),
});
/** A body that is not an object reads as an empty one: every required field is then missing. */
export const taskBody = taskFields.catch(() => taskFields.parse({}));
export type TaskBody = z.output<typeof taskFields>;
export type TaskTextField =
  'mediaResourceId' | 'wrapUpReason' | 'auxCodeId' | 'to' | 'destinationType';

/** `POST /v1/tasks`: an outdial (the spec requires destination and entryPointId). */
export const outdialBody = z.object({
  destination: z.string(),
  entryPointId: z.string(),
  origin: z.string().optional(),
  outboundType: z.string().optional(),
  attributes: z.record(z.string(), z.unknown()).optional(),
});
