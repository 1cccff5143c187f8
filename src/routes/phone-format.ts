// Phone numbers as the agent reads them.

/** `+14155550100` → `+1 415 555 0100`; other countries keep their digits, grouped after the code. */
export function formatPhone(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const nanp = raw.match(/^\+1(\d{3})(\d{3})(\d{4})$/);
  if (nanp) return `+1 ${nanp[1]} ${nanp[2]} ${nanp[3]}`;
  const intl = raw.match(/^\+(\d{2})(\d{3,})$/);
  if (intl) return `+${intl[1]} ${intl[2]!.replace(/(\d{3})(?=\d{3})/g, '$1 ')}`;
  return raw;
}
