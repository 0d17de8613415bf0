// SPDX-License-Identifier: GPL-3.0-or-later
// Call forwarding of a contact's device, inside the detail view: the three kinds with their
// destinations as the kernel reported them, and a form to set or clear one (`set_forwarding`,
// `clear_forwarding`, docs/sdk/client-api.md). The answer's error text is shown as it came.
import { h, set_text } from './dom';
import { kForwardingKinds, type Contact, type Forwarding, type Json } from './contacts';

const kKindNames: Record<keyof Forwarding, string> = {
  unconditional: 'Always', busy: 'When busy', no_answer: 'When not answered',
};

export interface ForwardingForm {
  root: HTMLElement;
  // why_not: what to say when `c` has no forwarding (the record is still coming, or was refused).
  show(c: Contact, why_not?: string): void;
  focus(): void;
}

// ask: sends a command and resolves with its answer; changed: the forwarding changed, so the
// detail view asks the contact again.
export function make_forwarding_form(tenant: string, ask: (command: Json) => Promise<Json>,
                                     changed: () => void): ForwardingForm {
  const current = h('dl', { id: 'forwarding-current', class: 'fields' });
  const kind = h('select', { id: 'forwarding-kind', name: 'kind' },
    ...kForwardingKinds.map((k) => h('option', { value: k }, kKindNames[k])));
  const destination = h('input', { id: 'forwarding-destination', name: 'destination', inputmode: 'tel',
                                   spellcheck: 'false', autocomplete: 'off' });
  const set_button = h('button', { type: 'submit', id: 'forwarding-set' }, 'Set forwarding');
  const clear_button = h('button', { type: 'button', id: 'forwarding-clear' }, 'Clear forwarding');
  const status = h('p', { id: 'forwarding-status', role: 'status' });
  const form = h('form', { id: 'forwarding-form', novalidate: true },
    h('div', { class: 'field' }, h('label', { for: kind.id }, 'Forwarding kind'), kind),
    h('div', { class: 'field' }, h('label', { for: destination.id }, 'Forward to'), destination),
    h('div', { class: 'buttons' }, set_button, clear_button));
  const none = h('p', { id: 'forwarding-none', class: 'notice' });
  const heading = h('h3', { id: 'forwarding-title', tabindex: '-1' }, 'Forwarding');
  const root = h('section', { id: 'forwarding', class: 'forwarding', 'aria-labelledby': heading.id },
                 heading, none, current, form, status);
  let contact: Contact | undefined;

  async function send(command: Json, done: string): Promise<void> {
    set_button.disabled = true;
    clear_button.disabled = true;
    const answer = await ask(command);
    set_button.disabled = false;
    clear_button.disabled = false;
    if (answer['ok'] === true) {
      status.className = 'notice';
      set_text(status, done);
      changed();
      return;
    }
    const why = typeof answer['message'] === 'string' && answer['message'] !== '' ? answer['message']
      : String(answer['error'] ?? 'refused');
    status.className = 'error';
    set_text(status, `Refused (${String(answer['error'] ?? 'error')}): ${why}`);
  }

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    if (contact === undefined) return;
    const to = destination.value.trim();
    const k = kind.value as keyof Forwarding;
    if (to === '') {
      status.className = 'error';
      set_text(status, 'Type the number to forward to.');
      destination.focus();
      return;
    }
    void send({ type: 'set_forwarding', tenant, contact_id: contact.id, kind: k, destination: to },
              `${contact.name}: ${kKindNames[k].toLowerCase()} forwarded to ${to}.`);
  });
  clear_button.addEventListener('click', () => {
    if (contact === undefined) return;
    const k = kind.value as keyof Forwarding;
    void send({ type: 'clear_forwarding', tenant, contact_id: contact.id, kind: k },
              `${contact.name}: forwarding ${kKindNames[k].toLowerCase()} cleared.`);
  });

  return {
    root,
    show(c: Contact, why_not?: string): void {
      if (contact?.id !== c.id) {
        set_text(status, '');
        destination.value = '';
      }
      contact = c;
      const fw = c.forwarding;
      none.hidden = fw !== undefined;
      set_text(none, why_not ?? 'Forwarding cannot be set here: no PBX reports a device for this contact.');
      form.hidden = fw === undefined;
      current.hidden = fw === undefined;
      if (fw === undefined) {
        current.replaceChildren();
        return;
      }
      current.replaceChildren(...kForwardingKinds.flatMap((k) => [
        h('dt', {}, kKindNames[k]),
        h('dd', { 'data-kind': k }, fw[k] === '' ? 'off' : fw[k]),
      ]));
    },
    focus(): void {
      if (!form.hidden) kind.focus();
      else heading.focus();
    },
  };
}
