// What the statistics panel shows: figures in words and a chart of the day drawn on the server
// (bars as SVG rectangles, the same numbers as a table for screen readers and text browsers).
// Labels are Messages and figures are numbers: the page says and formats them in the agent's
// language (views/partials/agent-statistics.ejs with src/i18n/format.ts).
import type { AgentDay } from './agent-statistics';
import { msg, type Message } from '../i18n/message';

/** A count, or a duration in whole seconds; neither when there is nothing to average yet. */
export interface FigureRow {
  label: Message | string;
  count?: number;
  seconds?: number;
}

export interface ChartBar {
  hour: number;
  x: number;
  answered: { y: number; height: number };
  missed: { y: number; height: number };
}

export interface StatisticsModel {
  /** Noon UTC of the tenant's day, to be formatted as a date in UTC. */
  dayAt: number;
  timeZone: string;
  contacts: FigureRow[];
  times: FigureRow[];
  states: FigureRow[];
  streak: number;
  chart: {
    width: number;
    height: number;
    baseline: number;
    barWidth: number;
    max: number;
    bars: ChartBar[];
    ticks: { x: number; label: string }[];
    /** The hours with contacts, for the table. */
    rows: { hour: string; answered: number; missed: number }[];
  };
}

const CHART = { width: 312, height: 120, top: 8, bottom: 20, left: 6, step: 12.5, bar: 9 };

export function statisticsModel(day: AgentDay): StatisticsModel {
  const f = day.figures;
  // Idle codes are the tenant's names, shown as written; sorted by them.
  const idle = Object.entries(f.idleMs)
    .map(([id, ms]) => ({ name: day.codeNames.get(id) ?? id, ms }))
    .sort((a, b) => a.name.localeCompare(b.name))
    .map(({ name, ms }) => ({
      label: name ? msg('state.idleWith', { name }) : msg('stats.idleNoReason'),
      seconds: seconds(ms),
    }));
  const [y, m, d] = day.day.split('-').map(Number);
  return {
    dayAt: Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1, 12),
    timeZone: day.timeZone,
    contacts: [
      { label: msg('stats.offered'), count: f.offered },
      { label: msg('stats.answered'), count: f.answered },
      { label: msg('stats.missed'), count: f.missed },
      { label: msg('stats.transferred'), count: f.transferred },
      { label: msg('stats.outbound'), count: f.outbound },
    ],
    times: [
      { label: msg('stats.averageHandle'), seconds: maybeSeconds(f.averages.handle) },
      { label: msg('stats.averageTalk'), seconds: maybeSeconds(f.averages.talk) },
      { label: msg('stats.averageHold'), seconds: maybeSeconds(f.averages.hold) },
      { label: msg('stats.averageWrapUp'), seconds: maybeSeconds(f.averages.wrapUp) },
    ],
    states: [{ label: msg('state.available'), seconds: seconds(f.availableMs) }, ...idle],
    streak: f.streak,
    chart: chartOf(f.hours),
  };
}

function chartOf(hours: AgentDay['figures']['hours']): StatisticsModel['chart'] {
  const max = Math.max(1, ...hours.map((h) => h.answered + h.missed));
  const baseline = CHART.height - CHART.bottom;
  const scale = (baseline - CHART.top) / max;
  const bars = hours.map((h) => {
    const x = CHART.left + h.hour * CHART.step;
    const answeredHeight = h.answered * scale;
    const missedHeight = h.missed * scale;
    return {
      hour: h.hour,
      x,
      answered: { y: baseline - answeredHeight, height: answeredHeight },
      missed: { y: baseline - answeredHeight - missedHeight, height: missedHeight },
    };
  });
  return {
    width: CHART.width,
    height: CHART.height,
    baseline,
    barWidth: CHART.bar,
    max,
    bars: bars.filter((b) => b.answered.height + b.missed.height > 0),
    ticks: [0, 6, 12, 18].map((hour) => ({
      x: CHART.left + hour * CHART.step,
      label: `${String(hour).padStart(2, '0')}:00`,
    })),
    rows: hours
      .filter((h) => h.answered + h.missed > 0)
      .map((h) => ({
        hour: `${String(h.hour).padStart(2, '0')}:00–${String(h.hour + 1).padStart(2, '0')}:00`,
        answered: h.answered,
        missed: h.missed,
      })),
  };
}

function maybeSeconds(ms: number | undefined): number | undefined {
  return ms === undefined ? undefined : seconds(ms);
}

/** Whole seconds, as an agent reads a timer. */
export function seconds(ms: number): number {
  return Math.round(ms / 1000);
}
