// What an agent chose for themselves and expects on every desktop they sign in to: the language.
import type { Locale } from '../i18n/locales';
import { isLocale } from '../i18n/locales';
import type { SecureStore } from '../secure-store';

export interface Preferences {
  locale?: Locale;
}

export interface AgentPreferences {
  recall(agentId: string): Promise<Preferences>;
  remember(agentId: string, preferences: Preferences): Promise<void>;
}

const KEEP_MS = 365 * 24 * 3600 * 1000;

/**
 * Kept in the secure store under `preferences:<agent>`, shared by every instance and encrypted at
 * rest, like the last station. A record that cannot be read is no preference: the browser's
 * language applies, and the page is never failed over it.
 */
export function securePreferences(
  store: SecureStore,
  options: { pseudo: boolean },
): AgentPreferences {
  const key = (agentId: string) => `preferences:${agentId}`;
  return {
    recall: async (agentId) => {
      const value = (await store.get(key(agentId)).catch(() => undefined)) as
        { locale?: unknown } | undefined;
      const locale = value?.locale;
      return isLocale(locale, options) ? { locale } : {};
    },
    remember: async (agentId, preferences) => {
      await store.set(key(agentId), preferences, KEEP_MS);
    },
  };
}

/** For an app built without a secure store (tests): the same contract in memory. */
export function inMemoryPreferences(): AgentPreferences {
  const map = new Map<string, Preferences>();
  return {
    recall: async (agentId) => map.get(agentId) ?? {},
    remember: async (agentId, preferences) => void map.set(agentId, preferences),
  };
}
