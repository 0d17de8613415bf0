// SPDX-License-Identifier: GPL-3.0-or-later
// Phone-book search as you type, on the number field (the ARIA 1.2 combobox pattern): after two
// letters or three digits the phone book is asked; the ranked contacts appear in a listbox with
// their busy lamp and presence; arrow keys move, Enter or a click chooses, and the chosen
// contact's number goes into the field, ready for Transfer. Focus stays in the field throughout.
// Each option carries the contact's live state mark; the active (or hovered) option also shows
// the state's parts with source and age. Shift+Enter opens the active contact's detail view.
import { h, set_attr, set_text } from './dom';
import { contact_page, marks_text, worth_searching, type Contact, type Json } from './contacts';
import type { ContactStates } from './contact_watch';
import { make_state_mark, type StateMark } from './state_mark';

const kDebounceMs = 60;
const kPageSize = 8;

export interface PhoneBook {
  results: HTMLElement;                 // the listbox and its status line, placed under the field
  handle_key(e: KeyboardEvent): boolean;  // true when the key was the list's
  close(): void;
  chosen(): Contact | undefined;        // the contact whose number is in the field, if any
  active(): Contact | undefined;        // the option under the arrow keys, else the chosen contact
  ids(): number[];                      // the contacts listed now (for watch_contacts)
  refresh(now: number): void;           // states changed or time passed: redraw the marks
}

export interface PhoneBookHooks {
  states: ContactStates;                // live states, shared with the other views
  on_shown(): void;                     // the listed contacts changed
  on_detail(c: Contact): void;          // Shift+Enter on an option
}

export function make_phone_book(input: HTMLInputElement, ask: (command: Json) => Promise<Json>,
                                on_choose: (c: Contact) => void, hooks: PhoneBookHooks): PhoneBook {
  const listbox = h('ul', { id: 'phone-book-results', role: 'listbox', 'aria-label': 'Phone book' });
  const status = h('p', { id: 'phone-book-status', class: 'hint', 'aria-live': 'polite' });
  const results = h('div', { class: 'phone-book' }, listbox, status);
  listbox.hidden = true;
  input.setAttribute('role', 'combobox');
  input.setAttribute('aria-autocomplete', 'list');
  input.setAttribute('aria-controls', listbox.id);
  input.setAttribute('aria-expanded', 'false');

  let shown: Contact[] = [];
  let marks: StateMark[] = [];
  let active = -1;
  let asked = 0;        // sequence of the newest question; older answers are dropped
  let timer: number | undefined;
  let chosen: Contact | undefined;

  input.addEventListener('input', () => {
    chosen = undefined;
    if (timer !== undefined) window.clearTimeout(timer);
    const query = input.value;
    if (!worth_searching(query)) {
      asked += 1;
      close();
      set_text(status, '');
      return;
    }
    timer = window.setTimeout(() => void search(query), kDebounceMs);
  });
  input.addEventListener('blur', () => {
    // A click on an option arrives after the blur; let it land first.
    window.setTimeout(() => { if (document.activeElement !== input) close(); }, 200);
  });

  async function search(query: string): Promise<void> {
    timer = undefined;
    const mine = ++asked;
    const answer = await ask({ type: 'directory_search', query: query.trim(), page_size: kPageSize, page_token: '' });
    if (mine !== asked) return;
    if (answer['ok'] !== true) {
      show([]);
      const message = typeof answer['message'] === 'string' ? answer['message'] : String(answer['error'] ?? 'refused');
      set_text(status, `Phone book: ${message}`);
      return;
    }
    const page = contact_page(answer);
    show(page.contacts);
    set_text(status, page.contacts.length === 0 ? 'No contact found.'
      : `${page.contacts.length}${page.next_page_token !== '' ? '+' : ''} contacts; arrow keys to choose.`);
  }

  function show(contacts: Contact[]): void {
    for (const c of contacts) hooks.states.learn(c.id, c.state);
    shown = contacts;
    active = -1;
    marks = [];
    listbox.replaceChildren(...contacts.map((c, i) => option(c, i)));
    hooks.on_shown();
    listbox.hidden = contacts.length === 0;
    set_attr(input, 'aria-expanded', contacts.length === 0 ? 'false' : 'true');
    set_attr(input, 'aria-activedescendant', null);
  }

  function option(c: Contact, i: number): HTMLElement {
    // The state mark says what `phone_state` said, and more; the old marks stay for answers without.
    const extra = c.state === undefined ? marks_text(c) : '';
    const mark = make_state_mark();
    mark.set(hooks.states.get(c.id, c.state), Date.now());
    marks.push(mark);
    const li = h('li', { id: `phone-book-option-${i}`, role: 'option', 'aria-selected': 'false', 'data-contact-id': c.id,
                         'data-phone-state': c.phone_state ?? 'unknown' },
      h('span', { class: 'name' }, c.name),
      h('span', { class: 'number' }, c.target || 'no number'),
      c.detail !== '' ? h('span', { class: 'detail' }, c.detail) : null,
      h('span', { class: 'marks' }, mark.root, extra !== '' ? extra : null));
    // mousedown, not click: keeps the focus in the field.
    li.addEventListener('mousedown', (e) => {
      e.preventDefault();
      choose(i);
    });
    return li;
  }

  function move(to: number): void {
    if (shown.length === 0) return;
    active = (to + shown.length) % shown.length;
    for (const [i, li] of Array.from(listbox.children).entries()) li.setAttribute('aria-selected', String(i === active));
    set_attr(input, 'aria-activedescendant', `phone-book-option-${active}`);
    listbox.children[active]?.scrollIntoView({ block: 'nearest' });
  }

  function choose(i: number): void {
    const c = shown[i];
    if (c === undefined) return;
    if (c.target === '') {
      set_text(status, `${c.name} has no number to transfer to.`);
      return;
    }
    chosen = c;
    input.value = c.target;
    close();
    set_text(status, `${c.name}, ${c.target}${marks_text(c) !== '' ? `, ${marks_text(c)}` : ''}.`);
    on_choose(c);
  }

  function close(): void {
    show([]);
  }

  return {
    results,
    handle_key(e: KeyboardEvent): boolean {
      if (e.altKey || e.ctrlKey || e.metaKey) return false;
      if (e.key === 'ArrowDown') { move(active + 1); return true; }
      if (e.key === 'ArrowUp') { move(active - 1); return true; }
      if (e.key === 'Escape' && !listbox.hidden) { close(); return true; }
      if (e.key === 'Enter' && e.shiftKey && active >= 0) {
        const c = shown[active];
        if (c !== undefined) hooks.on_detail(c);
        return true;
      }
      if (e.key === 'Enter' && active >= 0) { choose(active); return true; }
      return false;
    },
    close,
    chosen: () => chosen,
    active: () => (active >= 0 ? shown[active] : undefined) ?? chosen,
    ids: () => shown.map((c) => c.id),
    refresh(now: number): void {
      for (const [i, c] of shown.entries()) marks[i]?.set(hooks.states.get(c.id, c.state), now);
    },
  };
}
