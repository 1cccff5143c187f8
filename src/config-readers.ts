// Typed readers of environment variables that collect every problem instead of stopping at one.

export type Env = Readonly<Record<string, string | undefined>>;

export function envReaders(env: Env, problems: string[]) {
  const read = (key: string): string | undefined => {
    const value = env[key]?.trim();
    return value === '' ? undefined : value;
  };
  const int = (key: string, fallback: number, min: number, max: number): number => {
    const raw = read(key);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!/^\d+$/.test(raw) || value < min || value > max) {
      problems.push(`${key} must be a whole number from ${min} to ${max} (got "${raw}")`);
      return fallback;
    }
    return value;
  };
  const url = (key: string, fallback: string, schemes: readonly string[]): string => {
    const raw = read(key) ?? fallback;
    try {
      const parsed = new URL(raw);
      if (!schemes.includes(parsed.protocol)) throw new Error('scheme');
      return raw.replace(/\/+$/, '');
    } catch {
      problems.push(`${key} must be an ${schemes.join(' or ')} URL (got "${raw}")`);
      return fallback;
    }
  };
  const optionalId = (key: string, max: number): string | undefined => {
    const raw = read(key);
    if (raw !== undefined && (raw.length > max || /[\s<>"']/.test(raw))) {
      problems.push(`${key} must be at most ${max} characters without spaces or quotes`);
      return undefined;
    }
    return raw;
  };
  return { read, int, url, optionalId };
}
