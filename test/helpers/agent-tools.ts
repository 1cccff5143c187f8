// Reading the agent page's statistics and recent contacts panels back, for the tests.
import type { Page } from './http-browser';

/** The statistics panel's figures, label → value, as the agent reads them. */
export function statisticsFigures(page: Page): Record<string, string> {
  const panel = section(page, 'agent-statistics');
  const figures: Record<string, string> = {};
  for (const m of panel.matchAll(/<dt>([^<]*)<\/dt><dd>([^<]*)<\/dd>/g)) {
    figures[decode(m[1] ?? '')] = decode(m[2] ?? '');
  }
  return figures;
}

/** The chart's table rows: hour, answered, missed. */
export function chartRows(page: Page): string[][] {
  const table = section(page, 'agent-statistics').match(/<tbody>([\s\S]*?)<\/tbody>/)?.[1] ?? '';
  return [...table.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((row) =>
    [...(row[1] ?? '').matchAll(/<t[hd][^>]*>([^<]*)<\/t[hd]>/g)].map((c) => decode(c[1] ?? '')),
  );
}

/** Each recent contact as one line of text, newest first. */
export function recentLines(page: Page): string[] {
  const panel = section(page, 'recent-contacts');
  return [...panel.matchAll(/<li class="recent[^"]*">([\s\S]*?)<\/li>/g)].map((m) =>
    decode(
      (m[1] ?? '')
        .replace(/<form[\s\S]*?<\/form>/g, '')
        .replace(/<[^>]+>/g, ' ')
        .replace(/\s+/g, ' ')
        .trim(),
    ),
  );
}

export function section(page: Page, id: string): string {
  return page.text.match(new RegExp(`<section id="${id}"[\\s\\S]*?</section>`))?.[0] ?? '';
}

function decode(text: string): string {
  return text
    .replace(/&#43;/g, '+')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}
