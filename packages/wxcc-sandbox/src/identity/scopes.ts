// The OAuth scopes the sandbox knows, and how the consent page describes each in words.
export const SCOPE_DESCRIPTIONS: Readonly<Record<string, string>> = {
  'cjp:user': 'Use Webex Contact Center as you: log in to your station, change your state, log out',
  'cjp:config_read':
    'Read your Contact Center configuration: teams, idle reasons, your desktop profile',
  'cjp:config_write': 'Change your Contact Center configuration',
  'cjp:config': 'Read and change your Contact Center configuration',
  'spark:people_read': 'Read your name, email address and organization',
  'spark:people_write': 'Change people in your organization',
  'spark:kms': 'Use your encryption keys to read and send content',
  'spark:all': 'Act as you everywhere in Webex',
  openid: 'Confirm who you are',
  email: 'See your email address',
  profile: 'See your name and profile',
};

export const CJP_USER = 'cjp:user';
export const CONFIG_READ = 'cjp:config_read';

/** Space-separated, as OAuth sends them; duplicates dropped, order kept. */
export function parseScopes(raw: string): string[] {
  return [...new Set(raw.split(/\s+/).filter((s) => s !== ''))];
}

export function unknownScopes(scopes: readonly string[]): string[] {
  return scopes.filter((s) => !Object.hasOwn(SCOPE_DESCRIPTIONS, s));
}
