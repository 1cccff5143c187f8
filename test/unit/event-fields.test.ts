// The event field types read a value in one step (src/clients/event-fields.ts); they must take and
// refuse exactly what the chained zod checks they replaced did. Those chains are kept here as the
// reference and both are run over values WxCC sends and values it should not.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { z } from 'zod';
import {
  eventBool,
  eventIdList,
  eventNumber,
  eventScalar,
  eventStringFlag,
  eventText,
  eventValue,
} from '../../src/clients/event-fields';
import { routingFields } from '../../src/clients/wxcc-event-schemas';

const chained = {
  eventText: z
    .string()
    .min(1)
    .transform((v) => v.slice(0, 200))
    .optional()
    .catch(undefined),
  eventNumber: z
    .union([z.number(), z.string().trim().min(1).transform(Number).pipe(z.number())])
    .optional()
    .catch(undefined),
  eventBool: z.boolean().optional().catch(undefined),
  eventStringFlag: z
    .union([z.boolean(), z.string()])
    .transform((v) => v === true || v === 'true')
    .optional()
    .catch(undefined),
  eventIdList: z
    .array(z.string().nullable().catch(null))
    .transform((list) => list.filter((v): v is string => v !== null).slice(0, 50))
    .optional()
    .catch(undefined),
  eventScalar: z.union([z.string(), z.number()]).optional().catch(undefined),
  eventValue: z.union([z.string(), z.number(), z.boolean()]).optional().catch(undefined),
};

const VALUES: unknown[] = [
  undefined,
  null,
  '',
  ' ',
  'abc',
  'é’…',
  'x'.repeat(300),
  '30',
  ' 30 ',
  '\t12\n',
  '3e2',
  '-4.5',
  '0x10',
  '1_000',
  '30abc',
  'Infinity',
  '-Infinity',
  'NaN',
  'true',
  'false',
  'TRUE',
  0,
  -0,
  1.5,
  -7,
  1_700_000_000_123,
  Number.MAX_SAFE_INTEGER * 4,
  NaN,
  Infinity,
  -Infinity,
  true,
  false,
  [],
  ['a', 'b'],
  ['a', 1, null, '', { id: 'x' }, 'b'],
  Array.from({ length: 60 }, (_, i) => `id-${i}`),
  {},
  { a: 1 },
  () => 'x',
];

describe('event field types', () => {
  for (const [name, reference] of Object.entries(chained)) {
    const current = {
      eventText,
      eventNumber,
      eventBool,
      eventStringFlag,
      eventIdList,
      eventScalar,
      eventValue,
    }[name as keyof typeof chained];
    it(`${name} reads every value as the chained checks did`, () => {
      for (const value of VALUES) {
        assert.deepEqual(
          current.parse(value),
          reference.parse(value),
          `${name}(${typeof value === 'string' ? JSON.stringify(value) : String(value)})`,
        );
      }
    });
  }

  it('a routing event reads the same through both, wrong types and all', () => {
    const inObject = (fields: Record<string, z.ZodType>) => z.object(fields);
    const t = chained.eventText;
    const reference = inObject({
      eventTime: chained.eventNumber,
      interactionId: t,
      interactionIds: chained.eventIdList,
      ronaTimeout: chained.eventNumber,
    });
    const event = {
      eventTime: '1700000000000',
      interactionId: 'int-1',
      interactionIds: ['int-1', 7, 'int-2'],
      ronaTimeout: 'soon',
      interaction: { callProcessingDetails: { isPaused: 'true', ani: 5 } },
    };
    const parsed = routingFields.parse(event);
    assert.deepEqual(
      {
        eventTime: parsed.eventTime,
        interactionId: parsed.interactionId,
        interactionIds: parsed.interactionIds,
        ronaTimeout: parsed.ronaTimeout,
      },
      reference.parse(event),
    );
    assert.equal(parsed.interaction?.callProcessingDetails?.isPaused, true);
    assert.equal(parsed.interaction?.callProcessingDetails?.ani, undefined);
  });
});
