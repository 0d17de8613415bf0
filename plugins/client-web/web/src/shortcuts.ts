// SPDX-License-Identifier: GPL-3.0-or-later
// Keyboard shortcuts: one binding per action, shown in the UI, remappable and kept in
// localStorage. A binding is written like "Alt+P" or "Ctrl+K" (modifiers in the order
// Ctrl, Alt, Shift, Meta, then the key as KeyboardEvent.key, upper-cased when one letter).
// Alt+digit is left alone: Chromium on Linux switches tabs with it.

const kStorageKey = 'portier.console.shortcuts';

export function binding_of(e: KeyboardEvent): string {
  const key = e.key.length === 1 ? e.key.toUpperCase() : e.key;
  if (key === 'Control' || key === 'Alt' || key === 'Shift' || key === 'Meta') return '';
  const parts: string[] = [];
  if (e.ctrlKey) parts.push('Ctrl');
  if (e.altKey) parts.push('Alt');
  if (e.shiftKey) parts.push('Shift');
  if (e.metaKey) parts.push('Meta');
  // With Alt held some layouts turn the letter into a symbol: use the physical key then.
  let name = key;
  if (e.altKey && /^Key[A-Z]$/.test(e.code)) name = e.code.slice(3);
  else if (e.altKey && /^Digit[0-9]$/.test(e.code)) name = e.code.slice(5);
  parts.push(name === ' ' ? 'Space' : name);
  return parts.join('+');
}

// A binding must use Ctrl or Alt (or be a function key) so that typing never triggers it.
export function valid_binding(binding: string): boolean {
  return /^(Ctrl|Alt)\+/.test(binding) || /^(Shift\+)?F([1-9]|1[0-2])$/.test(binding);
}

export function load_bindings(defaults: Record<string, string>): Record<string, string> {
  const out = { ...defaults };
  let stored: unknown;
  try {
    stored = JSON.parse(window.localStorage.getItem(kStorageKey) ?? '{}');
  } catch {
    stored = {};
  }
  if (typeof stored === 'object' && stored !== null) {
    for (const [action, binding] of Object.entries(stored as Record<string, unknown>)) {
      if (action in defaults && typeof binding === 'string' && valid_binding(binding)) out[action] = binding;
    }
  }
  return out;
}

export function save_bindings(bindings: Record<string, string>, defaults: Record<string, string>): void {
  const changed: Record<string, string> = {};
  for (const [action, binding] of Object.entries(bindings)) {
    if (defaults[action] !== binding) changed[action] = binding;
  }
  try {
    window.localStorage.setItem(kStorageKey, JSON.stringify(changed));
  } catch {
    // Private mode or a full store: the bindings last for this page only.
  }
}

// The action already bound to a binding, so remapping can refuse a clash.
export function action_with(bindings: Record<string, string>, binding: string): string | undefined {
  for (const [action, b] of Object.entries(bindings)) if (b === binding) return action;
  return undefined;
}
