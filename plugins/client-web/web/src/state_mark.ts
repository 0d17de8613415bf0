// SPDX-License-Identifier: GPL-3.0-or-later
// The mark of a contact's state wherever a contact is shown: a symbol and a word for the summary
// (never colour alone), then each part with its source and age, and "stale" in words. The ages
// tick: the owner calls tick() once a second. Not a live region: changes are read on request.
import { h, set_attr, set_text } from './dom';
import { part_text, summary_text, type ContactState } from './contact_state';

// A shape per summary, so the lamp reads without colour too; hidden from screen readers,
// which get the word.
const kSymbols: Record<string, string> = { available: '●', busy: '■', away: '◐', dnd: '⊘', offline: '○', unknown: '?' };

export interface StateMark {
  root: HTMLElement;
  set(state: ContactState | undefined, now: number): void;
  tick(now: number): void;
}

// show_unknown: say "Unknown" when nothing is known (the detail view, the panel) instead of
// showing nothing (a search result, which has its other marks).
export function make_state_mark(show_unknown = false): StateMark {
  const symbol = h('span', { class: 'lamp', 'aria-hidden': 'true' });
  const summary = h('span', { class: 'summary' });
  const parts = h('span', { class: 'parts' });
  const root = h('span', { class: 'state-mark' }, symbol, summary, parts);
  let state: ContactState | undefined;

  function render(now: number): void {
    // Nothing known is shown as nothing (the option's other marks may still say something).
    root.hidden = state === undefined && !show_unknown;
    const s = state?.summary ?? 'unknown';
    set_attr(root, 'data-summary', s);
    set_attr(root, 'data-stale', state?.stale === true ? 'true' : 'false');
    set_text(symbol, kSymbols[s] ?? '?');
    set_text(summary, summary_text(state));
    const lines = (state?.parts ?? []).map((p) => part_text(p, now));
    set_text(parts, lines.length === 0 ? '' : `: ${lines.join('; ')}`);
    set_attr(root, 'title', lines.length === 0 ? null : lines.join('\n'));
  }

  return {
    root,
    set(next, now) {
      state = next;
      render(now);
    },
    tick: render,
  };
}
