// What the statistics panel shows: figures in words and a chart of the day drawn on the server
// (bars as SVG rectangles, the same numbers as a table for screen readers and text browsers).
import type { AgentDay } from './agent-statistics';

export interface FigureRow {
  label: string;
  value: string;
}

export interface ChartBar {
  hour: number;
  x: number;
  answered: { y: number; height: number };
  missed: { y: number; height: number };
}

export interface StatisticsModel {
  dayLabel: string;
  timeZone: string;
  contacts: FigureRow[];
  times: FigureRow[];
  states: FigureRow[];
  streak: string;
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
  const idle = Object.entries(f.idleMs)
    .map(([id, ms]) => ({
      label: `Idle · ${day.codeNames.get(id) ?? (id || 'no reason')}`,
      value: duration(ms),
    }))
    .sort((a, b) => a.label.localeCompare(b.label));
  return {
    dayLabel: day.day,
    timeZone: day.timeZone,
    contacts: [
      { label: 'Offered', value: String(f.offered) },
      { label: 'Answered', value: String(f.answered) },
      { label: 'Missed (no answer)', value: String(f.missed) },
      { label: 'Transferred', value: String(f.transferred) },
      { label: 'Outbound calls', value: String(f.outbound) },
    ],
    times: [
      { label: 'Average handle time', value: maybeDuration(f.averages.handle) },
      { label: 'Average talk time', value: maybeDuration(f.averages.talk) },
      { label: 'Average hold time', value: maybeDuration(f.averages.hold) },
      { label: 'Average wrap-up time', value: maybeDuration(f.averages.wrapUp) },
    ],
    states: [{ label: 'Available', value: duration(f.availableMs) }, ...idle],
    streak: f.streak === 1 ? '1 call answered in a row' : `${f.streak} calls answered in a row`,
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

function maybeDuration(ms: number | undefined): string {
  return ms === undefined ? '—' : duration(ms);
}

/** "1 h 05 min", "4 min 07 s", "12 s": whole seconds, as an agent reads a timer. */
export function duration(ms: number): string {
  const total = Math.round(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h > 0) return `${h} h ${String(m).padStart(2, '0')} min`;
  if (m > 0) return `${m} min ${String(s).padStart(2, '0')} s`;
  return `${s} s`;
}
