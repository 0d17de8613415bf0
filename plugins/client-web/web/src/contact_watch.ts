// SPDX-License-Identifier: GPL-3.0-or-later
// Live contact state: the console tells client.web which contacts are on screen
// (`watch_contacts`, the whole set each time it changes) and keeps the `contact_state` events it
// gets back, so the phone book, the detail view and the busy-lamp panel all show one truth.
// No DOM here: the unit test drives it with plain objects.
import { state_of, type ContactState, type Json } from './contact_state';

export const kMaxWatched = 500;  // client.web refuses more as `invalid`

// The contact id and state of a `contact_state` event; undefined for anything else.
export function contact_state_event(e: Json): { id: number; state: ContactState | undefined } | undefined {
  if (e['event'] !== 'contact_state') return undefined;
  const id = e['contact_id'];
  if (typeof id !== 'number' || !Number.isInteger(id)) return undefined;
  // An event without a state object says nothing is known any more.
  return { id, state: state_of(e['state']) };
}

// The ids to watch from the views' lists: each once, in a stable order, at most kMaxWatched (the
// first lists win: what the attendant looks at now before the panel's tail).
export function watch_set(...lists: number[][]): number[] {
  const out: number[] = [];
  const seen = new Set<number>();
  for (const list of lists) {
    for (const id of list) {
      if (out.length >= kMaxWatched) return out.sort((a, b) => a - b);
      if (seen.has(id)) continue;
      seen.add(id);
      out.push(id);
    }
  }
  return out.sort((a, b) => a - b);
}

// The newest state known of each contact: from answers (search, detail) and events; an event
// wins over an older answer because it is applied after it.
export class ContactStates {
  private readonly states = new Map<number, ContactState | undefined>();

  learn(id: number, state: ContactState | undefined): void {
    this.states.set(id, state);
  }

  // The known state, or `fallback` (what the contact's own answer said) when none was learnt.
  get(id: number, fallback?: ContactState): ContactState | undefined {
    return this.states.has(id) ? this.states.get(id) : fallback;
  }

  forget_all(): void {
    this.states.clear();
  }
}

// Sends `watch_contacts` when the set changes, and again after a reconnect (a new session
// watches nothing). `send` resolves with the answer; a refused watch is kept as "not sent" so the
// next change or reconnect tries again.
export class Watcher {
  private sent: string | undefined;

  constructor(private readonly send: (command: Json) => Promise<Json>) {}

  update(ids: number[]): void {
    const key = ids.join(',');
    if (key === this.sent) return;
    this.sent = key;
    void this.send({ type: 'watch_contacts', ids }).then((answer) => {
      if (answer['ok'] !== true && this.sent === key) this.sent = undefined;
    });
  }

  // The connection is new: whatever was sent before is gone.
  reset(): void {
    this.sent = undefined;
  }
}
