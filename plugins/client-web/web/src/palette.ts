// SPDX-License-Identifier: GPL-3.0-or-later
// The command palette (Ctrl+K): type to filter the actions, arrows to choose, Enter to run.
// It opens only when asked and gives the focus back where it was when it closes.
import { h } from './dom';
import { kActions, type Action } from './actions';

export interface Palette {
  dialog: HTMLDialogElement;
  open(): void;
}

export function make_palette(bindings: () => Record<string, string>, run: (id: string) => void): Palette {
  const input = h('input', { id: 'palette-input', type: 'text', role: 'combobox', 'aria-expanded': 'true',
                             'aria-controls': 'palette-list', 'aria-autocomplete': 'list', autocomplete: 'off',
                             spellcheck: 'false' });
  const list = h('ul', { id: 'palette-list', role: 'listbox', 'aria-label': 'Actions' });
  const label = h('label', { for: 'palette-input', id: 'palette-title' }, 'Run an action');
  const dialog = h('dialog', { id: 'palette', class: 'palette', 'aria-labelledby': 'palette-title' },
                   label, input, list);
  let shown: Action[] = [];
  let active = 0;
  let return_to: HTMLElement | null = null;

  function render(): void {
    const words = input.value.toLowerCase().split(/\s+/).filter((w) => w !== '');
    shown = kActions.filter((a) => a.id !== 'palette' && words.every((w) => a.label.toLowerCase().includes(w)));
    active = Math.min(active, Math.max(0, shown.length - 1));
    list.replaceChildren(...shown.map((a, i) => {
      const li = h('li', { id: `palette-${a.id}`, role: 'option', 'aria-selected': i === active ? 'true' : 'false' },
                   h('span', {}, a.label), h('kbd', {}, bindings()[a.id] ?? ''));
      li.addEventListener('click', () => choose(a.id));
      return li;
    }));
    const current = shown[active];
    if (current !== undefined) input.setAttribute('aria-activedescendant', `palette-${current.id}`);
    else input.removeAttribute('aria-activedescendant');
  }

  function choose(id: string): void {
    close();
    run(id);
  }

  function close(): void {
    if (dialog.open) dialog.close();
  }

  input.addEventListener('input', () => {
    active = 0;
    render();
  });
  input.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const n = shown.length;
      if (n > 0) active = (active + (e.key === 'ArrowDown' ? 1 : n - 1)) % n;
      render();
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const a = shown[active];
      if (a !== undefined) choose(a.id);
    }
  });
  dialog.addEventListener('close', () => {
    if (return_to !== null && document.contains(return_to)) return_to.focus();
  });

  return {
    dialog,
    open(): void {
      if (dialog.open) return;
      return_to = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      input.value = '';
      active = 0;
      render();
      dialog.showModal();
      input.focus();
    },
  };
}
