// A small subset of the configuration API's RSQL `filter`: ==, !=, =in=, =out=, joined by `;`.
type Item = Record<string, unknown>;
type Predicate = (item: Item) => boolean;

const CLAUSE = /^([A-Za-z][A-Za-z0-9]*)(==|!=|=in=|=out=)(.+)$/;

function unquote(value: string): string {
  const trimmed = value.trim();
  return /^".*"$|^'.*'$/.test(trimmed) ? trimmed.slice(1, -1) : trimmed;
}

/** The values a field holds: lists (e.g. a team's userIds) match if any element does. */
function valuesOf(item: Item, field: string): string[] {
  const value = item[field];
  if (Array.isArray(value)) return value.map(String);
  return value === undefined || value === null ? [] : [String(value)];
}

/** Returns a predicate, or an error sentence for syntax this sandbox does not understand. */
export function parseFilter(filter: string | undefined, aliases: Record<string, string> = {}) {
  if (filter === undefined || filter.trim() === '') return (() => true) as Predicate;
  if (filter.length > 2000) return 'filter is too long';
  const predicates: Predicate[] = [];
  for (const clause of filter.split(';')) {
    const match = CLAUSE.exec(clause.trim());
    if (!match) return `filter clause "${clause.slice(0, 80)}" is not supported`;
    const [, name = '', operator, raw = ''] = match;
    const field = aliases[name] ?? name;
    let wanted: string[];
    if (operator === '=in=' || operator === '=out=') {
      if (!/^\(.*\)$/.test(raw.trim())) return `filter ${name}${operator} needs a (list)`;
      wanted = raw.trim().slice(1, -1).split(',').map(unquote);
    } else {
      wanted = [unquote(raw)];
    }
    const positive = operator === '==' || operator === '=in=';
    predicates.push((item) => {
      const hit = valuesOf(item, field).some((v) => wanted.includes(v));
      return positive ? hit : !hit;
    });
  }
  return ((item: Item) => predicates.every((p) => p(item))) as Predicate;
}
