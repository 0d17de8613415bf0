// SPDX-License-Identifier: GPL-3.0-or-later
// How times, numbers and engine words are shown.

export function waiting_time(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  if (minutes >= 60) {
    const hours = Math.floor(minutes / 60);
    return `${hours}:${pad(minutes % 60)}:${pad(seconds)}`;
  }
  return `${minutes}:${pad(seconds)}`;
}

// Spoken form of a waiting time, for labels read by screen readers.
export function waiting_words(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  return minutes > 0 ? `${minutes} min ${seconds} s` : `${seconds} s`;
}

export function clock_time(date: Date): string {
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

const kCallTypeNames: Record<string, string> = {
  main: 'main number',
  internal: 'internal',
  intercept: 'intercept',
  forwarding_busy: 'forwarded (busy)',
  forwarding_no_reply: 'forwarded (no reply)',
  invalid_destination: 'invalid destination',
  personal: 'personal',
};

export function call_type_name(type: string | undefined): string {
  if (type === undefined || type === '') return '';
  return kCallTypeNames[type] ?? type.replace(/_/g, ' ');
}

const kProcessingNames: Record<string, string> = {
  held: 'on hold',
  transferring: 'transferring',
  transfer_failed: 'transfer failed',
  parked: 'parked',
  paged: 'paged',
  park_expired: 'park expired',
};

export function processing_name(state: string): string {
  return kProcessingNames[state] ?? state.replace(/_/g, ' ');
}

export function attendant_state_name(state: string): string {
  return state.replace(/_/g, ' ');
}
