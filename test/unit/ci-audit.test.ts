// The CI audit verdict (.ci/run): known vulnerabilities fail the run, an unreachable registry warns.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';

/** The node program .ci/run pipes `npm audit --json` into, as written there. */
function verdictProgram(): string {
  const script = readFileSync('.ci/run', 'utf8');
  const program = script.match(/node -e '\n([\s\S]*?)\n {2}'\n/)?.[1];
  assert.ok(program, '.ci/run judges the audit with node -e');
  return program;
}

function judge(auditJson: unknown) {
  return spawnSync(process.execPath, ['-e', verdictProgram()], {
    input: JSON.stringify(auditJson),
    encoding: 'utf8',
  });
}

describe('CI audit verdict', () => {
  it('when npm audit reports a vulnerability, then the run fails and names it', () => {
    const result = judge({
      vulnerabilities: { axios: { severity: 'high', via: [{ title: 'SSRF in axios' }] } },
      metadata: {
        vulnerabilities: { info: 0, low: 0, moderate: 0, high: 1, critical: 0, total: 1 },
      },
    });
    assert.equal(result.status, 1);
    assert.match(result.stderr, /axios \(high\): SSRF in axios/);
  });

  it('when the registry cannot answer audits, then the run only warns', () => {
    const result = judge({
      message: '405 Method Not Allowed - POST https://registry…',
      statusCode: 405,
    });
    assert.equal(result.status, 0);
    assert.match(
      result.stderr,
      /WARNING, the registry could not be asked \(405 Method Not Allowed/,
    );
  });

  it('when .ci/run audits, then it asks about production dependencies at every severity', () => {
    assert.match(readFileSync('.ci/run', 'utf8'), /npm audit --omit=dev --audit-level=low --json/);
  });
});
