// POST /preferences/language: the agent (or a browser before sign-in) chooses the desktop's language.
import { Router } from 'express';
import * as z from 'zod';
import { AppError } from '../errors';
import { msg } from '../i18n/message';
import { isLocale } from '../i18n/locales';
import { LOCALE_COOKIE } from '../middleware/locale';
import type { AgentPreferences } from '../preferences/agent-preferences';

const ONE_YEAR_MS = 365 * 24 * 3600 * 1000;
const form = z.object({ locale: z.string().max(16) });

export function preferenceRoutes(
  preferences: AgentPreferences,
  options: { pseudo: boolean; secureCookie: boolean | 'auto' },
): Router {
  const router = Router();
  router.post('/preferences/language', async (req, res) => {
    const parsed = form.safeParse(req.body);
    const locale = parsed.success ? parsed.data.locale : undefined;
    if (!isLocale(locale, options)) {
      throw new AppError('bad_input', msg('preferences.language.unknown'), { field: 'locale' });
    }
    const agent = req.session.agent;
    if (agent !== undefined) {
      // Remembered for the agent first: a store that does not answer leaves the page as it was.
      await preferences.remember(agent.agentId, { locale });
      req.session.locale = locale;
    }
    // Also this browser's choice, so Connect speaks it after a sign-out.
    res.cookie(LOCALE_COOKIE, locale, {
      httpOnly: true,
      sameSite: 'lax',
      secure: options.secureCookie === true || (options.secureCookie === 'auto' && req.secure),
      path: '/',
      maxAge: ONE_YEAR_MS,
    });
    res.redirect(303, '/');
  });
  return router;
}
