// Masks credentials inside free text (error messages, stacks, URLs) before it can reach a log line.

const MASK = '[redacted]';
const SECRET_NAMES =
  'access_?token|refresh_?token|id_?token|code|client_?secret|code_?verifier|password|token';

const RULES: readonly (readonly [RegExp, string])[] = [
  // Authorization header values, whatever the casing: "Bearer …", "Basic …" (client credentials).
  [/\b(Bearer|Basic)\s+[A-Za-z0-9\-._~+/]+=*/gi, `$1 ${MASK}`],
  // Query strings and form bodies: "code=…&", "client_secret=…". "error_code=" is left alone.
  [new RegExp(`\\b(${SECRET_NAMES})=[^&\\s"'<>,;]+`, 'gi'), `$1=${MASK}`],
  // JSON bodies quoted in messages: "access_token":"…".
  [new RegExp(`"(${SECRET_NAMES})"\\s*:\\s*"[^"]*"`, 'gi'), `"$1":"${MASK}"`],
  // JWTs (id tokens and some access tokens).
  [/\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g, MASK],
  // Webex tokens: a long base64 body, a cluster tag and the org id, joined by underscores.
  [
    /\b[A-Za-z0-9]{32,}_[A-Za-z0-9]{2,8}_[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi,
    MASK,
  ],
  // Any other opaque run this long is far likelier a credential than anything worth reading.
  [/[A-Za-z0-9_-]{64,}/g, MASK],
];

export function redactText(s: string): string {
  let text = s;
  for (const [pattern, replacement] of RULES) text = text.replace(pattern, replacement);
  return text;
}
