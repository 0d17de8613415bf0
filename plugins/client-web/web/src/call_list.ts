// SPDX-License-Identifier: GPL-3.0-or-later
// A live list of calls, keyed by call id: items are updated in place, added and removed, never
// rebuilt, so the item that has the keyboard focus keeps it while the list changes around it.
// Arrow keys move between items (one tab stop per list); Enter or Space selects the call.
import { h, set_attr, set_text } from './dom';
import { call_type_name, processing_name, waiting_time, waiting_words } from './format';
import type { Call } from './model';

export interface CallList {
  root: HTMLElement;       // the <section>
  list: HTMLUListElement;
  update(calls: Call[], now: number, selected: string | undefined): void;
  tick(now: number): void;
  focus_first(): void;
}

interface Item {
  li: HTMLLIElement;
  button: HTMLButtonElement;
  wait: HTMLElement;
  caller: HTMLElement;
  details: HTMLElement;
  reserved: HTMLElement;
  arrived_at: number;
}

export function make_call_list(id: string, title: string, empty_text: string,
                               on_select: (call_id: string) => void): CallList {
  const heading = h('h2', { id: `${id}-title` }, title);
  const count = h('span', { class: 'count', 'aria-hidden': 'true' }, '0');
  heading.append(' ', count);
  const list = h('ul', { id: `${id}-list`, class: 'calls', 'aria-labelledby': `${id}-title` });
  const empty = h('p', { class: 'empty' }, empty_text);
  const root = h('section', { id, class: 'panel', 'aria-labelledby': `${id}-title` }, heading, list, empty);
  const items = new Map<string, Item>();
  let tab_stop: string | undefined;

  list.addEventListener('keydown', (e) => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp' && e.key !== 'Home' && e.key !== 'End') return;
    const buttons = [...list.querySelectorAll('button')];
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (buttons.length === 0) return;
    let next = at;
    if (e.key === 'ArrowDown') next = Math.min(buttons.length - 1, at + 1);
    else if (e.key === 'ArrowUp') next = Math.max(0, at - 1);
    else if (e.key === 'Home') next = 0;
    else next = buttons.length - 1;
    e.preventDefault();
    const target = buttons[next];
    if (target !== undefined) move_tab_stop(target);
  });

  function move_tab_stop(button: HTMLButtonElement): void {
    for (const item of items.values()) item.button.tabIndex = -1;
    button.tabIndex = 0;
    tab_stop = button.dataset['callId'];
    button.focus();
  }

  function make_item(call: Call): Item {
    const wait = h('span', { class: 'wait' });
    const caller = h('span', { class: 'caller' });
    const details = h('span', { class: 'details' });
    const reserved = h('span', { class: 'reserved' });
    const button = h('button', { type: 'button', class: 'call', 'data-call-id': call.call_id },
                     wait, caller, details, reserved);
    button.tabIndex = -1;
    button.addEventListener('click', () => {
      move_tab_stop(button);
      on_select(call.call_id);
    });
    const li = h('li', {}, button);
    return { li, button, wait, caller, details, reserved, arrived_at: call.arrived_at };
  }

  function fill(item: Item, call: Call, now: number, selected: boolean): void {
    item.arrived_at = call.arrived_at;
    set_text(item.wait, waiting_time(now - call.arrived_at));
    set_attr(item.wait, 'aria-label', `waiting ${waiting_words(now - call.arrived_at)}`);
    set_text(item.caller, call.caller !== '' ? call.caller : 'caller number unknown');
    const parts: string[] = [];
    const type = call_type_name(call.call_type);
    if (type !== '') parts.push(type);
    if (call.queue !== '') parts.push(`for ${call.queue}`);
    if (call.original_destination !== undefined) parts.push(`dialled ${call.original_destination}`);
    if (call.priority !== undefined) parts.push(`priority ${call.priority}`);
    if (call.processing !== undefined) {
      parts.push(processing_name(call.processing.state));
      if (call.processing.target !== undefined) parts.push(`to ${call.processing.target}`);
      if (call.processing.callback_number !== undefined) parts.push(`callback ${call.processing.callback_number}`);
    }
    set_text(item.details, parts.join(' · '));
    const who = call.processing?.attendant ?? call.attendant;
    set_text(item.reserved, who !== undefined ? `reserved by ${who}` : '');
    set_attr(item.button, 'aria-pressed', selected ? 'true' : 'false');
    set_attr(item.li, 'data-phase', call.phase);
    set_attr(item.li, 'data-state', call.processing?.state ?? null);
  }

  function update(calls: Call[], now: number, selected: string | undefined): void {
    empty.hidden = calls.length > 0;
    const wanted = new Set(calls.map((c) => c.call_id));
    for (const [id, item] of items) {
      if (wanted.has(id)) continue;
      const had_focus = item.li.contains(document.activeElement);
      item.li.remove();
      items.delete(id);
      if (had_focus) {
        // The focused call left: keep the focus in the list, on its neighbour, not on <body>.
        const first = list.querySelector('button');
        if (first !== null) move_tab_stop(first);
        else empty.focus();
      }
    }
    let previous: HTMLLIElement | undefined;
    for (const call of calls) {
      let item = items.get(call.call_id);
      if (item === undefined) {
        item = make_item(call);
        items.set(call.call_id, item);
      }
      fill(item, call, now, call.call_id === selected);
      const expected = previous === undefined ? list.firstElementChild : previous.nextElementSibling;
      if (expected !== item.li) {
        // Moving the focused element would blur it; move the others around it instead.
        if (item.li.contains(document.activeElement) && expected !== null) list.insertBefore(expected, item.li.nextSibling);
        else list.insertBefore(item.li, expected);
      }
      previous = item.li;
    }
    if (tab_stop === undefined || !items.has(tab_stop)) tab_stop = calls[0]?.call_id;
    for (const [id, item] of items) item.button.tabIndex = id === tab_stop ? 0 : -1;
    set_text(count, String(calls.length));
    heading.setAttribute('data-count', String(calls.length));
  }

  function tick(now: number): void {
    for (const item of items.values()) set_text(item.wait, waiting_time(now - item.arrived_at));
  }

  function focus_first(): void {
    const target = (tab_stop !== undefined ? items.get(tab_stop)?.button : undefined) ?? list.querySelector('button');
    if (target) target.focus();
    else empty.focus();
  }

  empty.tabIndex = -1;
  return { root, list, update, tick, focus_first };
}
