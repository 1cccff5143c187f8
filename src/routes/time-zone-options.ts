// The callback form's time-zone select, as HTML: drawn here, in the view layer, from the list the
// use case offers (agent-tools/time-zones.ts).
import { CALLBACK_TIME_ZONES } from '../agent-tools/time-zones';

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The select's options, a few per process: the tenants' zones (and UTC) are all that is asked. */
const optionLists = new Map<string, string>();
const MAX_OPTION_LISTS = 16;

/**
 * The time-zone select's options as HTML, `selected` the zone given: about 430 options, drawn once
 * per zone rather than on every live update of every contact (they were 1.7 % of the desktop's CPU
 * in the soak and most of each contact fragment's bytes).
 */
export function timeZoneOptions(selected: string): string {
  const made = optionLists.get(selected);
  if (made !== undefined) return made;
  const html = CALLBACK_TIME_ZONES.map((zone) => {
    const value = escapeHtml(zone);
    return `<option value="${value}"${zone === selected ? ' selected' : ''}>${value}</option>`;
  }).join('');
  if (optionLists.size >= MAX_OPTION_LISTS) optionLists.clear();
  optionLists.set(selected, html);
  return html;
}
