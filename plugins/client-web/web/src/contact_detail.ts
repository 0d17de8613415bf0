// SPDX-License-Identifier: GPL-3.0-or-later
// A contact's detail view: a panel beside the active call (not a dialog), opened on request
// (Alt+I, Shift+Enter on a phone-book option, the Details button). It shows at once what the
// search said, then everything `directory_contact` answers: numbers (each with Dial), e-mails,
// the organisation fields, sources, the live state with each part's source and age, and the
// forwarding. The focus goes to its heading when it opens and back where it was when it closes.
import { h, set_text } from './dom';
import { contact_of, contact_request, type Contact, type Json } from './contacts';
import type { ContactStates } from './contact_watch';
import { make_forwarding_form } from './forwarding_form';
import { make_state_mark } from './state_mark';

const kPhoneTypes: Record<string, string> = {
  office: 'Office', mobile: 'Mobile', home: 'Home', fax: 'Fax', private: 'Private', other: 'Other',
};

export interface DetailHooks {
  tenant: string;
  ask(command: Json): Promise<Json>;
  states: ContactStates;
  shown_changed(): void;                       // opened, closed or another contact: watch again
  dial(number: string, who: string): void;     // dial (or transfer the active call to) a number
  action_button(id: string, label: string): HTMLButtonElement;
}

export interface ContactDetail {
  root: HTMLElement;
  open(c: Contact): void;
  close(): void;
  contact(): Contact | undefined;              // the contact shown, undefined when closed
  focus_forwarding(): void;
  refresh(now: number): void;
}

export function make_contact_detail(hooks: DetailHooks): ContactDetail {
  const title = h('h2', { id: 'contact-detail-title', tabindex: '-1' }, 'Contact');
  const mark = make_state_mark(true);
  const state_line = h('p', { id: 'contact-detail-state', class: 'state-line' }, mark.root);
  const loading = h('p', { id: 'contact-detail-loading', class: 'notice', role: 'status' });
  const numbers = h('ul', { id: 'contact-detail-numbers', class: 'numbers', 'aria-label': 'Numbers' });
  const emails = h('ul', { id: 'contact-detail-emails', class: 'emails', 'aria-label': 'E-mail addresses' });
  const fields = h('dl', { id: 'contact-detail-fields', class: 'fields' });
  const forwarding = make_forwarding_form(hooks.tenant, (c) => hooks.ask(c), () => {
    if (shown !== undefined) void load(shown.id);
  });
  const close_button = hooks.action_button('close_detail', 'Close');
  const root = h('section', { id: 'contact-detail', class: 'panel contact-detail', 'aria-labelledby': title.id },
    title, state_line, loading, numbers, emails, fields, forwarding.root,
    h('div', { class: 'buttons' }, hooks.action_button('add_to_panel', 'Add to busy-lamp panel'),
      hooks.action_button('add_to_speed_dial', 'Add to speed dial'), close_button));
  root.hidden = true;
  let shown: Contact | undefined;
  let return_to: HTMLElement | null = null;
  let asked = 0;  // answers for a contact closed or replaced since are dropped

  root.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && !e.altKey && !e.ctrlKey) {
      e.preventDefault();
      close();
    }
  });

  function render(c: Contact, why_no_forwarding?: string): void {
    set_text(title, c.name);
    root.setAttribute('data-contact-id', String(c.id));
    mark.set(hooks.states.get(c.id, c.state), Date.now());
    numbers.replaceChildren(...c.phones.map((p) => {
      const type = kPhoneTypes[p.type] ?? p.type;
      const dial = h('button', { type: 'button', class: 'dial', 'aria-label': `Dial ${c.name}, ${type.toLowerCase()}, ${p.number}` },
                     'Dial');
      dial.addEventListener('click', () => hooks.dial(p.number, `${c.name} (${p.number})`));
      return h('li', {}, h('span', { class: 'type' }, `${type}:`), ' ', h('span', { class: 'number' }, p.number), ' ', dial);
    }));
    if (c.phones.length === 0 && c.extension !== '') {
      const dial = h('button', { type: 'button', class: 'dial', 'aria-label': `Dial ${c.name}, extension ${c.extension}` }, 'Dial');
      dial.addEventListener('click', () => hooks.dial(c.extension, `${c.name} (${c.extension})`));
      numbers.replaceChildren(h('li', {}, h('span', { class: 'type' }, 'Extension:'), ' ', c.extension, ' ', dial));
    }
    numbers.hidden = numbers.childElementCount === 0;
    emails.replaceChildren(...c.emails.map((m) => h('li', {}, h('a', { href: `mailto:${m}` }, m))));
    emails.hidden = c.emails.length === 0;
    const rows = [...c.fields];
    if (c.sources.length > 0) rows.push({ label: 'Sources', value: c.sources.join(', ') });
    fields.replaceChildren(...rows.flatMap((f) => [h('dt', {}, f.label), h('dd', {}, f.value)]));
    forwarding.show(c, why_no_forwarding);
    root.setAttribute('data-forwarding', c.forwarding !== undefined ? 'true' : 'false');
  }

  async function load(id: number): Promise<void> {
    const mine = ++asked;
    set_text(loading, 'Loading the contact…');
    const answer = await hooks.ask(contact_request(hooks.tenant, id));
    if (mine !== asked || shown?.id !== id) return;
    const j = answer['contact'];
    const c = answer['ok'] === true && j !== null && typeof j === 'object' ? contact_of(j as Json) : undefined;
    if (c === undefined) {
      const why = typeof answer['message'] === 'string' ? answer['message'] : String(answer['error'] ?? 'refused');
      set_text(loading, `Only the search result is shown: ${why}`);
      if (shown !== undefined) render(shown, 'Forwarding is not shown: the server did not give the full contact record.');
      root.setAttribute('data-loaded', 'failed');
      return;
    }
    set_text(loading, '');
    hooks.states.learn(c.id, c.state);
    shown = c;
    render(c);
    root.setAttribute('data-loaded', 'true');
  }

  function close(): void {
    if (shown === undefined) return;
    shown = undefined;
    asked += 1;
    root.hidden = true;
    root.removeAttribute('data-loaded');
    hooks.shown_changed();
    const back = return_to;
    return_to = null;
    if (back !== null && document.contains(back) && !root.contains(back)) back.focus();
  }

  return {
    root,
    open(c: Contact): void {
      const from = document.activeElement;
      if (shown === undefined) return_to = from instanceof HTMLElement && !root.contains(from) ? from : null;
      shown = c;
      root.hidden = false;
      root.removeAttribute('data-loaded');
      render(c, 'Loading the forwarding…');
      title.focus();
      hooks.shown_changed();
      void load(c.id);
    },
    close,
    contact: () => shown,
    focus_forwarding: () => forwarding.focus(),
    refresh(now: number): void {
      if (shown !== undefined) mark.set(hooks.states.get(shown.id, shown.state), now);
    },
  };
}
