// SPDX-License-Identifier: GPL-3.0-or-later
// ARIA live regions: news (new calls, state changes) politely, errors assertively. Messages are
// batched briefly so a burst of events becomes one announcement instead of a queue of chatter.
import { by_id } from './dom';

const kBatchMs = 250;
const kKeep = 20;

let pending: string[] = [];
let timer: number | undefined;

export function announce(text: string): void {
  if (text === '') return;
  pending.push(text);
  if (timer === undefined) timer = window.setTimeout(flush, kBatchMs);
}

function flush(): void {
  timer = undefined;
  const region = by_id('announce-polite');
  const line = document.createElement('p');
  line.textContent = pending.join('. ');
  pending = [];
  region.appendChild(line);
  while (region.childElementCount > kKeep) region.firstElementChild?.remove();
}

export function alert_now(text: string): void {
  const region = by_id('announce-alert');
  region.textContent = '';
  // A fresh node so that the same message twice is announced twice.
  const line = document.createElement('p');
  line.textContent = text;
  region.appendChild(line);
}
