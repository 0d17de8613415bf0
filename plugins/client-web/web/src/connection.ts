// SPDX-License-Identifier: GPL-3.0-or-later
// The console's WebSocket to /ws: commands out with ids, answers matched back, events passed on,
// and a reconnect with backoff when the connection is lost. The first message of every
// connection is the snapshot; until it arrives the data shown may be stale, and the view says so.
// A server that stops says so (close 1001 "going away"); its sessions outlive the restart, so the
// console keeps its cookie and only waits for the server to come back.

export type Json = Record<string, unknown>;

export interface ConnectionHandlers {
  on_snapshot(snapshot: Json): void;
  on_event(event: Json): void;
  // restarting: the server said it was stopping (1001), since the last live connection.
  on_state(state: { connected: boolean; since: Date; attempt: number; restarting: boolean }): void;
  on_refused(code: number, reason: string): void;  // the server will not take us (session gone)
  on_retry_failed(): void;  // an attempt did not get through (the session may be gone)
}

const kBackoffMs = [500, 1000, 2000, 4000, 8000, 15000];
const kAnswerTimeoutMs = 10000;
const kMaxPending = 64;

interface Pending {
  resolve(answer: Json): void;
  timer: number;
}

export class Connection {
  private socket: WebSocket | undefined;
  private attempt = 0;
  private next_id = 1;
  private pending = new Map<number, Pending>();
  private retry_timer: number | undefined;
  private stopped = false;
  private live = false;  // the snapshot of this connection has arrived
  private restarting = false;  // the last live connection ended with 1001 (going away)

  constructor(private readonly handlers: ConnectionHandlers) {}

  start(): void {
    this.stopped = false;
    this.open();
  }

  stop(): void {
    this.stopped = true;
    if (this.retry_timer !== undefined) window.clearTimeout(this.retry_timer);
    this.socket?.close(1000, 'log off');
    this.socket = undefined;
    this.fail_pending('the console logged off');
  }

  // Reconnect now (the user asked); the backoff starts over.
  reconnect_now(): void {
    if (this.live || this.stopped) return;
    if (this.retry_timer !== undefined) window.clearTimeout(this.retry_timer);
    this.attempt = 0;
    this.open();
  }

  // Sends one engine command; resolves with its answer (an error answer when not connected).
  send(command: Json): Promise<Json> {
    const socket = this.socket;
    if (socket === undefined || socket.readyState !== WebSocket.OPEN || !this.live) {
      return Promise.resolve({ type: 'answer', ok: false, error: 'unavailable', message: 'not connected to the server' });
    }
    if (this.pending.size >= kMaxPending) {
      return Promise.resolve({ type: 'answer', ok: false, error: 'busy', message: 'too many commands waiting' });
    }
    const id = this.next_id++;
    return new Promise((resolve) => {
      const timer = window.setTimeout(() => {
        this.pending.delete(id);
        resolve({ type: 'answer', ok: false, error: 'timeout', message: 'no answer from the server in 10 s' });
      }, kAnswerTimeoutMs);
      this.pending.set(id, { resolve, timer });
      socket.send(JSON.stringify({ ...command, id }));
    });
  }

  private open(): void {
    const scheme = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
    const socket = new WebSocket(`${scheme}//${window.location.host}/ws`);
    this.socket = socket;
    this.live = false;
    socket.addEventListener('message', (m) => this.on_message(m));
    socket.addEventListener('close', (c) => this.on_close(socket, c));
  }

  private on_message(message: MessageEvent): void {
    if (typeof message.data !== 'string') return;
    let value: unknown;
    try {
      value = JSON.parse(message.data);
    } catch {
      return;
    }
    if (typeof value !== 'object' || value === null) return;
    const json = value as Json;
    if (json['type'] === 'event') {
      if (this.live) this.handlers.on_event(json);
      return;
    }
    if (json['type'] !== 'answer') return;
    const id = json['id'];
    if (typeof id === 'number' && this.pending.has(id)) {
      const p = this.pending.get(id);
      this.pending.delete(id);
      if (p !== undefined) {
        window.clearTimeout(p.timer);
        p.resolve(json);
      }
      // A snapshot we asked for refreshes the model too.
      const snap = json['snapshot'];
      if (typeof snap === 'object' && snap !== null) this.handlers.on_snapshot(snap as Json);
      return;
    }
    const snapshot = json['snapshot'];
    if (id === undefined && typeof snapshot === 'object' && snapshot !== null) {
      this.live = true;
      this.attempt = 0;
      this.handlers.on_snapshot(snapshot as Json);
      this.handlers.on_state({ connected: true, since: new Date(), attempt: 0, restarting: this.restarting });
      this.restarting = false;
    }
  }

  private on_close(socket: WebSocket, close: CloseEvent): void {
    if (socket !== this.socket) return;
    const was_live = this.live;
    this.live = false;
    this.socket = undefined;
    this.fail_pending('the connection was lost');
    if (this.stopped) return;
    // 1000 "logged off" and 1008 "session expired" end the session: no point in retrying.
    if (close.code === 1000 || (close.code === 1008 && /session/i.test(close.reason))) {
      this.handlers.on_refused(close.code, close.reason);
      return;
    }
    if (was_live) {
      this.restarting = close.code === 1001;
      this.handlers.on_state({ connected: false, since: new Date(), attempt: 0, restarting: this.restarting });
    } else {
      this.handlers.on_retry_failed();
    }
    const delay = kBackoffMs[Math.min(this.attempt, kBackoffMs.length - 1)] ?? 15000;
    // Some jitter so that many consoles do not come back in one wave after a restart.
    const jitter = Math.floor(Math.random() * delay * 0.2);
    this.attempt++;
    this.retry_timer = window.setTimeout(() => {
      this.retry_timer = undefined;
      if (!this.stopped) this.open();
    }, delay + jitter);
  }

  private fail_pending(message: string): void {
    for (const [, p] of this.pending) {
      window.clearTimeout(p.timer);
      p.resolve({ type: 'answer', ok: false, error: 'unavailable', message });
    }
    this.pending.clear();
  }
}
