// SPDX-License-Identifier: GPL-3.0-or-later
// A contact's fused state (the `state` object of directory answers and `contact_state` events,
// docs/sdk/client-api.md) read into plain values, and the words the console shows for it: the
// summary as text (never colour alone), each part with its source and age, and the stale mark.
// Pure, so the unit test checks it without a browser.

export type Json = Record<string, unknown>;

export interface StatePart {
  kind: 'phone' | 'presence';
  word: string;            // phone: idle, busy ...; presence: available, away ... (with the activity)
  note: string;            // presence's activity text or note, "" when none
  source: string;          // the plugin id that reported it, e.g. pbx.osv
  confirmed_ms?: number;   // Unix ms of the source's last confirmation
  stale: boolean;
}

export interface ContactState {
  summary: string;         // available | busy | away | dnd | offline | unknown
  from: string;            // phone | presence: which part decided
  stale: boolean;
  parts: StatePart[];
}

const kSummaries = new Set(['available', 'busy', 'away', 'dnd', 'offline', 'unknown']);
const kSummaryWords: Record<string, string> = {
  available: 'Available', busy: 'Busy', away: 'Away', dnd: 'Do not disturb', offline: 'Offline', unknown: 'Unknown',
};
// What the old `phone_state` mark means as a summary, for answers without `state`.
const kPhoneSummary: Record<string, string> = {
  idle: 'available', ringing: 'busy', busy: 'busy', held: 'busy', dnd: 'dnd', forwarded: 'away',
  out_of_service: 'offline', unknown: 'unknown',
};

function text(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

function object(v: unknown): Json | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined;
}

function part_of(kind: 'phone' | 'presence', j: Json): StatePart {
  const ms = j['confirmed_ms'];
  let word = kind === 'phone' ? text(j['state']) : text(j['availability']);
  if (kind === 'presence') {
    const activity = text(j['activity']);
    if (activity !== '' && activity !== 'none') word = `${word || 'unknown'}, ${activity.replace(/_/g, ' ')}`;
  }
  const part: StatePart = {
    kind, word: (word || 'unknown').replace(/_/g, ' '),
    note: [text(j['activity_text']), text(j['note'])].filter((s) => s !== '').join(' — '),
    source: text(j['source']), stale: j['stale'] === true,
  };
  if (typeof ms === 'number' && Number.isFinite(ms)) part.confirmed_ms = ms;
  return part;
}

// The `state` object; undefined when absent or not an object (then the caller falls back to
// `phone_state`).
export function state_of(v: unknown): ContactState | undefined {
  const j = object(v);
  if (j === undefined) return undefined;
  const summary = text(j['summary']);
  const parts: StatePart[] = [];
  const phone = object(j['phone']);
  if (phone !== undefined) parts.push(part_of('phone', phone));
  const presence = object(j['presence']);
  if (presence !== undefined) parts.push(part_of('presence', presence));
  return { summary: kSummaries.has(summary) ? summary : 'unknown', from: text(j['from']), stale: j['stale'] === true, parts };
}

// A state made from the old busy-lamp word alone: no source, no age.
export function state_from_phone(phone_state: string | undefined): ContactState | undefined {
  if (phone_state === undefined || phone_state === '') return undefined;
  return { summary: kPhoneSummary[phone_state] ?? 'unknown', from: 'phone', stale: false,
           parts: [{ kind: 'phone', word: phone_state.replace(/_/g, ' '), note: '', source: '', stale: false }] };
}

export function summary_word(s: ContactState | undefined): string {
  return kSummaryWords[s?.summary ?? 'unknown'] ?? 'Unknown';
}

// "Busy (stale)": the mark's text; the stale part says its age is not to be trusted.
export function summary_text(s: ContactState | undefined): string {
  return s === undefined ? 'Unknown' : `${summary_word(s)}${s.stale ? ' (stale)' : ''}`;
}

export function age_text(confirmed_ms: number | undefined, now: number): string {
  if (confirmed_ms === undefined) return 'age unknown';
  const s = Math.floor((now - confirmed_ms) / 1000);
  if (s < 5) return 'just now';
  if (s < 60) return `${s} s ago`;
  const min = Math.floor(s / 60);
  if (min < 60) return `${min} min ago`;
  const hours = Math.floor(min / 60);
  if (hours < 48) return `${hours} h ago`;
  return `${Math.floor(hours / 24)} days ago`;
}

// The plugin id as a person says it: "pbx.osv" -> "PBX (osv)", "presence.teams" -> "Teams".
const kSourceNames: Record<string, string> = { teams: 'Teams', uc: 'UC', osv: 'OpenScape Voice', sim: 'simulator' };
export function source_name(source: string): string {
  if (source === '') return 'the phone book';
  const [kind, rest] = source.split('.', 2);
  if (rest === undefined) return source;
  const name = kSourceNames[rest] ?? rest;
  return kind === 'pbx' ? `PBX (${name})` : name;
}

// "phone busy — PBX (osv), 2 min ago, stale": one part as shown and read out.
export function part_text(p: StatePart, now: number): string {
  const what = p.kind === 'phone' ? `phone ${p.word}` : p.word;
  const note = p.note !== '' ? ` (${p.note})` : '';
  const when = p.source === '' && p.confirmed_ms === undefined ? '' : ` — ${source_name(p.source)}, ${age_text(p.confirmed_ms, now)}`;
  return `${what}${note}${when}${p.stale ? ', stale' : ''}`;
}
