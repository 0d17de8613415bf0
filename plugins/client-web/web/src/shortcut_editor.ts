// SPDX-License-Identifier: GPL-3.0-or-later
// The shortcut settings: every action with its shortcut; "Change" takes the next key combination
// (it must use Ctrl or Alt, or be a function key, and must not be taken), "Reset" restores all.
import { h } from './dom';
import { kActions } from './actions';
import { action_with, binding_of, valid_binding } from './shortcuts';

export interface ShortcutEditor {
  dialog: HTMLDialogElement;
  open(): void;
  capturing(): boolean;
}

export function make_shortcut_editor(bindings: () => Record<string, string>,
                                     set_binding: (id: string, binding: string) => void,
                                     reset: () => void): ShortcutEditor {
  const body = h('tbody');
  const message = h('p', { id: 'shortcut-message', role: 'status', class: 'notice' });
  const close_button = h('button', { type: 'button' }, 'Close');
  const reset_button = h('button', { type: 'button' }, 'Reset all to defaults');
  const dialog = h('dialog', { id: 'shortcut-editor', class: 'shortcut-editor', 'aria-labelledby': 'shortcut-title' },
    h('h2', { id: 'shortcut-title' }, 'Keyboard shortcuts'),
    h('p', {}, 'Choose Change, then press the new combination (with Ctrl or Alt, or a function key). Escape cancels.'),
    h('table', {}, h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Action'), h('th', { scope: 'col' }, 'Shortcut'),
                                      h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Change')))), body),
    message,
    h('div', { class: 'buttons' }, reset_button, close_button));
  let capture_for: string | undefined;
  let return_to: HTMLElement | null = null;

  function render(): void {
    const b = bindings();
    body.replaceChildren(...kActions.map((a) => {
      const change = h('button', { type: 'button', 'data-action': a.id, 'aria-label': `Change the shortcut of ${a.label}` },
                       capture_for === a.id ? 'Press keys…' : 'Change');
      change.addEventListener('click', () => {
        capture_for = a.id;
        message.textContent = `Press the new shortcut for ${a.label}.`;
        render();
        (body.querySelector(`button[data-action="${a.id}"]`) as HTMLButtonElement | null)?.focus();
      });
      return h('tr', {}, h('th', { scope: 'row' }, a.label), h('td', {}, h('kbd', {}, b[a.id] ?? '')), h('td', {}, change));
    }));
  }

  dialog.addEventListener('keydown', (e) => {
    if (capture_for === undefined) return;
    const id = capture_for;
    if (e.key === 'Escape') {
      e.preventDefault();
      capture_for = undefined;
      message.textContent = 'Not changed.';
      render();
      return;
    }
    const binding = binding_of(e);
    if (binding === '' || e.key === 'Tab') return;
    e.preventDefault();
    e.stopPropagation();
    if (!valid_binding(binding)) {
      message.textContent = `${binding} cannot be a shortcut: use Ctrl or Alt, or a function key.`;
      return;
    }
    const taken = action_with(bindings(), binding);
    if (taken !== undefined && taken !== id) {
      const other = kActions.find((a) => a.id === taken)?.label ?? taken;
      message.textContent = `${binding} is taken by ${other}.`;
      return;
    }
    capture_for = undefined;
    set_binding(id, binding);
    message.textContent = `${kActions.find((a) => a.id === id)?.label ?? id}: ${binding}.`;
    render();
    (body.querySelector(`button[data-action="${id}"]`) as HTMLButtonElement | null)?.focus();
  });
  close_button.addEventListener('click', () => dialog.close());
  reset_button.addEventListener('click', () => {
    reset();
    message.textContent = 'All shortcuts are back to their defaults.';
    render();
  });
  dialog.addEventListener('close', () => {
    capture_for = undefined;
    if (return_to !== null && document.contains(return_to)) return_to.focus();
  });

  return {
    dialog,
    open(): void {
      if (dialog.open) return;
      return_to = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      capture_for = undefined;
      message.textContent = '';
      render();
      dialog.showModal();
      close_button.focus();
    },
    capturing: () => capture_for !== undefined,
  };
}
