// SPDX-License-Identifier: GPL-3.0-or-later
// Speed dials: up to nine labelled numbers (typed, or a contact's), each a button with its own
// shortcut (Alt+Shift+1 ... 9 by default). Activating one dials it, or transfers the active call
// to it. "Edit speed dials" opens an inline form in the panel (not a dialog); Save keeps them
// per tenant and user in this browser, like the busy-lamp panel.
import { h, set_text } from './dom';
import type { Contact, Json } from './contacts';
import { load_personal, save_personal } from './personal_store';

export const kSpeedDials = 9;

export interface Dial {
  label: string;
  target: string;
  contact_id?: number;
}

export interface SpeedDialHooks {
  tenant: string;
  user: string;
  activate(target: string, who: string): void;
  action_button(id: string, label: string): HTMLButtonElement;
  changed(): void;  // buttons were redrawn: their shortcut hints need filling in
}

export interface SpeedDials {
  root: HTMLElement;
  run(n: number): string | undefined;  // 1-based; a message when the slot is empty
  add(c: Contact): string;
  edit(): void;
}

// The stored slots, always kSpeedDials long; a damaged entry is an empty slot.
export function dials_of(stored: unknown): Array<Dial | undefined> {
  const out: Array<Dial | undefined> = [];
  const list = Array.isArray(stored) ? stored : [];
  for (let i = 0; i < kSpeedDials; i++) {
    const j = list[i] as Json | null | undefined;
    if (j === null || j === undefined || typeof j !== 'object' || typeof j['target'] !== 'string' || j['target'] === '') {
      out.push(undefined);
      continue;
    }
    const d: Dial = { label: typeof j['label'] === 'string' && j['label'] !== '' ? j['label'] : j['target'], target: j['target'] };
    if (typeof j['contact_id'] === 'number') d.contact_id = j['contact_id'];
    out.push(d);
  }
  return out;
}

export function make_speed_dials(hooks: SpeedDialHooks): SpeedDials {
  let dials = dials_of(load_personal('speed_dials', hooks.tenant, hooks.user));
  const title = h('h2', { id: 'speed-dial-title' }, 'Speed dial');
  const buttons = h('div', { id: 'speed-dial-buttons', class: 'buttons speed-dials' });
  const empty = h('p', { id: 'speed-dial-empty', class: 'empty' }, 'No speed dials yet: choose Edit speed dials.');
  const edit_button = hooks.action_button('edit_speed_dial', 'Edit speed dials');
  const rows = h('div', { class: 'speed-dial-rows' });
  const save_button = h('button', { type: 'submit', id: 'speed-dial-save' }, 'Save');
  const cancel_button = h('button', { type: 'button', id: 'speed-dial-cancel' }, 'Cancel');
  const form = h('form', { id: 'speed-dial-form', novalidate: true, 'aria-label': 'Edit speed dials' },
    h('p', { class: 'hint' }, 'A label and a number per key; an empty number frees the key.'),
    rows, h('div', { class: 'buttons' }, save_button, cancel_button));
  form.hidden = true;
  const status = h('p', { id: 'speed-dial-status', class: 'notice', role: 'status' });
  const root = h('section', { id: 'speed-dial', class: 'panel', 'aria-labelledby': title.id },
    title, empty, buttons, form, status, h('div', { class: 'buttons' }, edit_button));

  function render(): void {
    buttons.replaceChildren(...dials.flatMap((d, i) => {
      if (d === undefined) return [];
      const b = hooks.action_button(`speed_dial_${i + 1}`, d.label);
      b.classList.add('speed-dial');
      b.setAttribute('aria-label', `Speed dial ${i + 1}: ${d.label}, ${d.target}`);
      return [b];
    }));
    empty.hidden = dials.some((d) => d !== undefined);
    hooks.changed();
  }

  function fill_form(): void {
    rows.replaceChildren(...dials.map((d, i) => {
      const n = i + 1;
      const label = h('input', { id: `speed-dial-label-${n}`, name: `label_${n}`, value: d?.label ?? '', autocomplete: 'off' });
      const target = h('input', { id: `speed-dial-number-${n}`, name: `number_${n}`, value: d?.target ?? '', inputmode: 'tel',
                                  spellcheck: 'false', autocomplete: 'off' });
      if (d?.contact_id !== undefined) target.dataset['contactId'] = String(d.contact_id);
      return h('fieldset', { class: 'speed-dial-row' }, h('legend', {}, `Key ${n}`),
        h('label', { for: label.id }, 'Label'), label, h('label', { for: target.id }, 'Number'), target);
    }));
  }

  function close_form(): void {
    form.hidden = true;
    edit_button.hidden = false;
    edit_button.focus();
  }

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const next: Array<Dial | undefined> = [];
    for (let n = 1; n <= kSpeedDials; n++) {
      const label = (form.querySelector<HTMLInputElement>(`#speed-dial-label-${n}`)?.value ?? '').trim();
      const input = form.querySelector<HTMLInputElement>(`#speed-dial-number-${n}`);
      const target = (input?.value ?? '').trim();
      const before = dials[n - 1];
      if (target === '') {
        next.push(undefined);
        continue;
      }
      const d: Dial = { label: label || target, target };
      // A contact's slot stays the contact's while its number is unchanged.
      if (before?.contact_id !== undefined && before.target === target) d.contact_id = before.contact_id;
      next.push(d);
    }
    dials = next;
    save_personal('speed_dials', hooks.tenant, hooks.user, dials.map((d) => d ?? null));
    render();
    set_text(status, 'Speed dials saved.');
    close_form();
  });
  form.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      close_form();
    }
  });
  cancel_button.addEventListener('click', () => {
    set_text(status, 'Not changed.');
    close_form();
  });

  render();

  return {
    root,
    run(n: number): string | undefined {
      const d = dials[n - 1];
      if (d === undefined) return `Speed dial ${n} is empty; choose Edit speed dials to set it.`;
      hooks.activate(d.target, `${d.label} (${d.target})`);
      return undefined;
    },
    add(c: Contact): string {
      if (c.target === '') return `${c.name} has no number for a speed dial`;
      const free = dials.findIndex((d) => d === undefined);
      if (free < 0) return 'All nine speed dials are taken; edit them to free one';
      dials[free] = { label: c.name, target: c.target, contact_id: c.id };
      save_personal('speed_dials', hooks.tenant, hooks.user, dials.map((d) => d ?? null));
      render();
      return `${c.name} is speed dial ${free + 1}`;
    },
    edit(): void {
      fill_form();
      set_text(status, '');
      form.hidden = false;
      edit_button.hidden = true;
      form.querySelector<HTMLInputElement>('input')?.focus();
    },
  };
}
