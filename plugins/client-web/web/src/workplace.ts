// SPDX-License-Identifier: GPL-3.0-or-later
// The workplace an attendant logs on at (device, pilots, personal line), remembered per browser.

export interface Workplace {
  device: string;
  pilots: string;
  personal_line: string;
}

const kKey = 'portier.console.workplace';

export function load_workplace(): Workplace {
  const empty = { device: '', pilots: '', personal_line: '' };
  try {
    const v: unknown = JSON.parse(window.localStorage.getItem(kKey) ?? '{}');
    if (typeof v !== 'object' || v === null) return empty;
    const o = v as Record<string, unknown>;
    return {
      device: typeof o['device'] === 'string' ? o['device'] : '',
      pilots: typeof o['pilots'] === 'string' ? o['pilots'] : '',
      personal_line: typeof o['personal_line'] === 'string' ? o['personal_line'] : '',
    };
  } catch {
    return empty;
  }
}

export function save_workplace(w: Workplace): void {
  try {
    window.localStorage.setItem(kKey, JSON.stringify(w));
  } catch {
    // Not remembered then.
  }
}
