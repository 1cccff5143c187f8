// OpenAPI 3.0 quirks the trimmed specs may not exercise today but a re-trim could bring in.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createAjv, toJsonSchema } from '../../src/spec-check/openapi-schema';
import type { SpecDocument } from '../../src/spec-check/spec-operations';

const document: SpecDocument = { id: 'wxcc', doc: { components: { schemas: {} } } };

const openApi = {
  type: 'object',
  'x-vendor': 'ignored',
  example: { name: 'example' },
  properties: {
    name: { type: 'string', nullable: true, example: 'n' },
    kind: { type: 'string', enum: ['A', 'B'], nullable: true },
    example: { type: 'integer', format: 'int32' },
    team: { $ref: '#/components/schemas/Team' },
  },
};

describe('toJsonSchema', () => {
  it('when a schema uses nullable, example and x- keys, then JSON Schema gets null types and no annotations', () => {
    assert.deepEqual(toJsonSchema(openApi, document, 'open'), {
      type: 'object',
      properties: {
        name: { type: ['string', 'null'] },
        kind: { type: ['string', 'null'], enum: ['A', 'B', null] },
        // A property may be called "example": only the keyword is dropped.
        example: { type: 'integer', format: 'int32' },
        team: { $ref: 'https://contract.invalid/wxcc/open.json#/components/schemas/Team' },
      },
    });
  });

  it('when the schema is closed, then objects are closed to fields the spec does not define', () => {
    const request = toJsonSchema(openApi, document, 'closed') as Record<string, unknown>;
    assert.equal(request.additionalProperties, false);
    const composed = toJsonSchema(
      { type: 'object', allOf: [{ properties: {} }] },
      document,
      'closed',
    );
    assert.equal((composed as Record<string, unknown>).additionalProperties, undefined);
  });

  it('when a spec uses a format no library knows, then it is accepted rather than refused', () => {
    const withFormat: SpecDocument = {
      id: 'wxcc',
      doc: { components: { schemas: { Id: { type: 'string', format: 'cisco-id' } } } },
    };
    const ajv = createAjv([withFormat]);
    const validate = ajv.compile({ type: 'string', format: 'cisco-id' });
    assert.equal(validate('anything'), true);
    assert.equal(ajv.compile({ type: 'string', format: 'uuid' })('AgentDesktop-ffff'), true);
    assert.equal(ajv.compile({ type: 'string', format: 'date-time' })('yesterday'), false);
  });
});
