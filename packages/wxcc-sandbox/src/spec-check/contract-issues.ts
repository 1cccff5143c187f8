// Turns ajv's errors into ContractIssues whose messages start with the field they are about.
import type { ErrorObject } from 'ajv';

export interface ContractIssue {
  where: 'path' | 'query' | 'body' | 'status';
  field: string;
  message: string;
}

export function issue(where: ContractIssue['where'], field: string, text: string): ContractIssue {
  return { where, field, message: `${field}: ${text}` };
}

/** `/data/0/name` → `data[0].name`, the way a reader would write it. */
export function fieldName(instancePath: string, child?: string): string {
  const segments = instancePath
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (child !== undefined) segments.push(child);
  let name = '';
  for (const segment of segments) {
    name += /^\d+$/.test(segment) ? `[${segment}]` : name === '' ? segment : `.${segment}`;
  }
  return name;
}

function describeError(error: ErrorObject): { child?: string; text: string } {
  const params: Record<string, unknown> = error.params;
  switch (error.keyword) {
    case 'required':
      return { child: String(params.missingProperty), text: 'is required' };
    case 'additionalProperties':
      return { child: String(params.additionalProperty), text: 'is not defined by the spec' };
    case 'const':
      return { text: `must be ${JSON.stringify(params.allowedValue)}` };
    case 'enum': {
      const allowed = Array.isArray(params.allowedValues) ? params.allowedValues : [];
      return { text: `must be one of ${allowed.map((value) => JSON.stringify(value)).join(', ')}` };
    }
    default:
      return { text: error.message ?? `fails ${error.keyword}` };
  }
}

/** `rootName` names the whole value when the error is about it rather than a field, e.g. `(body)`. */
export function issuesFromAjv(
  where: ContractIssue['where'],
  errors: readonly ErrorObject[] | null | undefined,
  rootName: string,
): ContractIssue[] {
  const issues: ContractIssue[] = [];
  const seen = new Set<string>();
  for (const error of errors ?? []) {
    // anyOf and if summaries only repeat what their branches already said (oneOf may not: it also
    // fails when several branches pass, and then no branch reports anything).
    if (error.keyword === 'anyOf' || error.keyword === 'if') continue;
    const { child, text } = describeError(error);
    const found = issue(where, fieldName(error.instancePath, child) || rootName, text);
    if (seen.has(found.message)) continue;
    seen.add(found.message);
    issues.push(found);
  }
  return issues;
}
