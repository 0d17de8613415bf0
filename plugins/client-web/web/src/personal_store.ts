// SPDX-License-Identifier: GPL-3.0-or-later
// What an attendant arranges for themselves (the busy-lamp panel, the speed dials) is kept in
// this browser's localStorage under the tenant and user: another browser or PC starts empty.
// Damaged or foreign data reads as empty; a full or private store keeps it for this page only.

function key(kind: string, tenant: string, user: string): string {
  return `portier.console.${kind}.${encodeURIComponent(tenant)}.${encodeURIComponent(user)}`;
}

export function load_personal(kind: string, tenant: string, user: string): unknown {
  try {
    return JSON.parse(window.localStorage.getItem(key(kind, tenant, user)) ?? 'null');
  } catch {
    return null;
  }
}

export function save_personal(kind: string, tenant: string, user: string, value: unknown): void {
  try {
    window.localStorage.setItem(key(kind, tenant, user), JSON.stringify(value));
  } catch {
    // Private mode or a full store: kept for this page only.
  }
}
