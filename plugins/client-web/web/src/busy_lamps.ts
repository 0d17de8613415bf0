// SPDX-License-Identifier: GPL-3.0-or-later
// The busy-lamp panel: contacts the attendant chose, each with its live state; activating one
// dials it, or transfers the active call to it. Order changes with Move up / Move down; the
// list is kept per tenant and user in this browser (personal_store.ts). State changes are not
// read out by themselves (a panel of thirty lamps would talk all day): "Read out the panel" does.
import { h } from './dom';
import { contact_of, contact_request, type Contact, type Json } from './contacts';
import { summary_text } from './contact_state';
import type { ContactStates } from './contact_watch';
import { load_personal, save_personal } from './personal_store';
import { make_state_mark, type StateMark } from './state_mark';

export const kMaxLamps = 30;

export interface Lamp {
  id: number;
  name: string;
  target: string;   // what a dial or transfer to the contact uses
}

export interface LampHooks {
  tenant: string;
  user: string;
  ask(command: Json): Promise<Json>;
  states: ContactStates;
  shown_changed(): void;                       // the panel's contacts changed: watch again
  activate(target: string, who: string): void; // dial, or transfer the active call
  action_button(id: string, label: string): HTMLButtonElement;
}

export interface BusyLamps {
  root: HTMLElement;
  add(c: Contact): string;                     // what happened, for the live region
  ids(): number[];
  focus(): void;
  read_out(): string;
  reload(): void;                              // ask each contact's state and number again
  refresh(now: number): void;
}

// Stored lamps that still make sense; anything else is dropped.
export function lamps_of(stored: unknown): Lamp[] {
  if (!Array.isArray(stored)) return [];
  const out: Lamp[] = [];
  for (const item of stored) {
    if (item === null || typeof item !== 'object') continue;
    const j = item as Json;
    if (typeof j['id'] !== 'number' || typeof j['name'] !== 'string' || typeof j['target'] !== 'string') continue;
    if (out.some((l) => l.id === j['id'])) continue;
    out.push({ id: j['id'], name: j['name'], target: j['target'] });
    if (out.length >= kMaxLamps) break;
  }
  return out;
}

export function make_busy_lamps(hooks: LampHooks): BusyLamps {
  let lamps = lamps_of(load_personal('busy_lamps', hooks.tenant, hooks.user));
  let marks = new Map<number, StateMark>();
  const list = h('ol', { id: 'busy-lamp-list', class: 'lamps' });
  const empty = h('p', { id: 'busy-lamp-empty', class: 'empty' },
    'No contacts yet: open a contact (Alt+I) and choose Add to busy-lamp panel.');
  const title = h('h2', { id: 'busy-lamps-title', tabindex: '-1' }, 'Busy-lamp panel');
  const root = h('section', { id: 'busy-lamps', class: 'panel', 'aria-labelledby': title.id },
    title, empty, list, h('div', { class: 'buttons' }, hooks.action_button('read_panel', 'Read out the panel')));

  function save(): void {
    save_personal('busy_lamps', hooks.tenant, hooks.user, lamps);
  }

  function small(label: string, aria: string, act: () => void, disabled = false): HTMLButtonElement {
    const b = h('button', { type: 'button', class: 'small', 'aria-label': aria, disabled }, label);
    b.addEventListener('click', act);
    return b;
  }

  function move(i: number, by: number): void {
    const j = i + by;
    const a = lamps[i];
    const b = lamps[j];
    if (a === undefined || b === undefined) return;
    lamps[i] = b;
    lamps[j] = a;
    save();
    render();
    // The focus follows the moved lamp, so a second press moves it further.
    const moved = list.children[j]?.querySelector<HTMLButtonElement>(by < 0 ? 'button.up' : 'button.down');
    (moved !== null && moved !== undefined && !moved.disabled ? moved : list.children[j]?.querySelector<HTMLButtonElement>('button.lamp'))?.focus();
  }

  function render(): void {
    const now = Date.now();
    marks = new Map();
    list.replaceChildren(...lamps.map((l, i) => {
      const mark = make_state_mark(true);
      mark.set(hooks.states.get(l.id), now);
      marks.set(l.id, mark);
      const main = h('button', { type: 'button', class: 'lamp', 'data-contact-id': l.id },
        h('span', { class: 'name' }, l.name), ' ', h('span', { class: 'number' }, l.target || 'no number'), ' ', mark.root);
      main.addEventListener('click', () => hooks.activate(l.target, `${l.name} (${l.target})`));
      const up = small('↑', `Move ${l.name} up`, () => move(i, -1), i === 0);
      up.classList.add('up');
      const down = small('↓', `Move ${l.name} down`, () => move(i, 1), i === lamps.length - 1);
      down.classList.add('down');
      const remove = small('✕', `Remove ${l.name} from the panel`, () => {
        lamps = lamps.filter((x) => x.id !== l.id);
        save();
        render();
        hooks.shown_changed();
        (list.querySelector<HTMLButtonElement>('button.lamp') ?? title).focus();
      });
      return h('li', { 'data-contact-id': l.id }, main, h('span', { class: 'lamp-tools' }, up, down, remove));
    }));
    empty.hidden = lamps.length > 0;
  }

  render();

  return {
    root,
    add(c: Contact): string {
      if (lamps.some((l) => l.id === c.id)) return `${c.name} is already on the busy-lamp panel`;
      if (lamps.length >= kMaxLamps) return `The busy-lamp panel is full (${kMaxLamps} contacts); remove one first`;
      lamps.push({ id: c.id, name: c.name, target: c.target });
      hooks.states.learn(c.id, hooks.states.get(c.id, c.state));
      save();
      render();
      hooks.shown_changed();
      return `${c.name} added to the busy-lamp panel`;
    },
    ids: () => lamps.map((l) => l.id),
    focus(): void {
      list.querySelector<HTMLButtonElement>('button.lamp')?.focus();
    },
    read_out(): string {
      if (lamps.length === 0) return 'The busy-lamp panel is empty';
      return lamps.map((l) => `${l.name}: ${summary_text(hooks.states.get(l.id))}`).join('; ');
    },
    reload(): void {
      for (const l of lamps) {
        void hooks.ask(contact_request(hooks.tenant, l.id)).then((answer) => {
          const j = answer['contact'];
          if (answer['ok'] !== true || j === null || typeof j !== 'object') return;
          const c = contact_of(j as Json);
          const at = lamps.findIndex((x) => x.id === l.id);
          if (c === undefined || at < 0) return;
          hooks.states.learn(c.id, c.state);
          const changed = lamps[at]?.name !== c.name || lamps[at]?.target !== c.target;
          lamps[at] = { id: c.id, name: c.name, target: c.target };
          if (changed) {
            save();
            render();
          } else {
            marks.get(c.id)?.set(c.state, Date.now());
          }
        });
      }
    },
    refresh(now: number): void {
      for (const l of lamps) marks.get(l.id)?.set(hooks.states.get(l.id), now);
    },
  };
}
