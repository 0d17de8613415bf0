// SPDX-License-Identifier: GPL-3.0-or-later
// The console after log-on: the live lists, the attendant's workplace and state, the active
// call with its functions, the phone book with the contact detail view, the busy-lamp panel and
// speed dials (with live contact state), the connection banner, the palette and the shortcut settings.
import { h, set_attr, set_text } from './dom';
import { default_bindings } from './actions';
import { alert_now, announce } from './announcer';
import { make_call_list } from './call_list';
import { Connection, type Json } from './connection';
import { attendant_state_name, call_type_name, clock_time, processing_name, waiting_time } from './format';
import { current_session, log_off, type Session } from './http_api';
import { apply_event, apply_snapshot, caller_queue, empty_model, link_name, link_summary, own_call, personal_calls,
         processing_calls, type Call, type Model } from './model';
import { make_palette } from './palette';
import { make_phone_book } from './phone_book';
import { make_busy_lamps } from './busy_lamps';
import { make_contact_detail } from './contact_detail';
import { contact_state_event, ContactStates, watch_set, Watcher } from './contact_watch';
import type { Contact } from './contacts';
import { make_speed_dials } from './speed_dial';
import { make_shortcut_editor } from './shortcut_editor';
import { binding_of, load_bindings, save_bindings } from './shortcuts';
import { load_workplace, save_workplace } from './workplace';

const kDetailsDelayMs = 150;
// Short labels for the call buttons; the palette and the shortcut settings use the long ones.
const kCallButtons: Record<string, string> = {
  pick: 'Pick', hold: 'Hold', transfer: 'Transfer', blind_transfer: 'Blind transfer', park: 'Park', page: 'Page',
  retrieve: 'Retrieve', hang_up: 'Hang up', return_to_queue: 'Return to queue', dial: 'Dial',
};

export interface ConsoleExit {
  (reason: string): void;
}

export function show_console(app: HTMLElement, session: Session, on_exit: ConsoleExit): void {
  const me = session.account.user;
  const defaults = default_bindings();
  let bindings = load_bindings(defaults);
  let model: Model = empty_model();
  let selected: string | undefined;
  let connected = false;
  let disconnected_since: Date | undefined;
  let server_restarting = false;  // the server said it was stopping: the session outlives it
  let details_timer: number | undefined;
  let closed = false;

  // --- header and connection banner
  const conn_state = h('span', { id: 'connection-state', class: 'badge' }, 'connecting…');
  const channel_state = h('span', { id: 'channel-state', class: 'badge' }, 'trunk channels: normal');
  // The links' badges are not live regions: a change is read out once by the announcer.
  const link_badges: Record<string, HTMLElement> = {
    pbx: h('span', { id: 'link-pbx', class: 'badge link' }, 'PBX: unknown'),
    trunk: h('span', { id: 'link-trunk', class: 'badge link' }, 'Trunk: unknown'),
  };
  const account = h('span', { class: 'account' },
                    `${session.account.user} · ${session.account.tenant} · ${session.account.role.replace(/_/g, ' ')}`);
  // Not a live region itself: the loss is announced once, assertively, when it happens.
  const stale = h('div', { id: 'stale-banner', class: 'banner' });
  stale.hidden = true;
  const header = h('header', { class: 'top' },
    h('h1', {}, 'Portier'), account, conn_state, channel_state, link_badges['pbx'], link_badges['trunk'],
    action_button('shortcuts', 'Shortcuts'), action_button('palette', 'Commands'), action_button('log_off', 'Log off'));

  // --- the workplace: log on with device and pilots, available / unavailable
  const saved = load_workplace();
  const device = h('input', { id: 'workplace-device', name: 'device', inputmode: 'tel', value: saved.device,
                              spellcheck: 'false', autocomplete: 'off' });
  const pilots = h('input', { id: 'workplace-pilots', name: 'pilots', value: saved.pilots, spellcheck: 'false',
                              autocomplete: 'off', 'aria-describedby': 'workplace-pilots-hint' });
  const personal_line = h('input', { id: 'workplace-line', name: 'personal_line', inputmode: 'tel',
                                     value: saved.personal_line, spellcheck: 'false', autocomplete: 'off' });
  const my_state = h('p', { id: 'my-state', class: 'my-state' }, 'logged off');
  const workplace_form = h('form', { id: 'workplace-form', class: 'workplace-form', novalidate: true },
    field('Workplace phone', device),
    field('Pilot numbers', pilots, h('span', { id: 'workplace-pilots-hint', class: 'hint' }, 'comma-separated, E.164')),
    field('Personal line (optional)', personal_line),
    action_button('workplace_on', 'Log on to workplace', 'submit'));
  workplace_form.addEventListener('submit', (e) => {
    e.preventDefault();
    run('workplace_on');
  });
  const workplace = h('section', { id: 'workplace', class: 'panel', 'aria-labelledby': 'workplace-title' },
    h('h2', { id: 'workplace-title' }, 'Your workplace'), my_state, workplace_form,
    h('div', { class: 'buttons' }, action_button('available', 'Available'), action_button('workplace_off', 'Log off workplace')));

  // --- the active call and its functions
  const active_details = h('div', { id: 'active-details', class: 'active-details' });
  const number = h('input', { id: 'number', name: 'number', type: 'search', inputmode: 'tel', spellcheck: 'false',
                              autocomplete: 'off', 'aria-describedby': 'number-hint' });
  const active = h('section', { id: 'active-call', class: 'panel', 'aria-labelledby': 'active-title' },
    h('h2', { id: 'active-title' }, 'Active call'), active_details,
    h('div', { class: 'field number-field' },
      h('label', { for: 'number' }, 'Transfer to or dial: name or number'), number,
      h('span', { id: 'number-hint', class: 'hint' },
        'Type a number, or two letters of a name and choose a contact; then Transfer, Blind transfer or Dial.')),
    h('div', { class: 'buttons call-functions' },
      ...Object.entries(kCallButtons).map(([id, label]) => action_button(id, label))));
  // Live contact state, shared by the phone book, the detail view and the busy-lamp panel.
  const states = new ContactStates();
  const watcher = new Watcher((c) => connection.send(c));
  const ask = (c: Json): Promise<Json> => connection.send(c);
  const phone_book = make_phone_book(number, ask, (c) => announce(`${c.name} chosen`),
                                     { states, on_shown: update_watch, on_detail: open_detail });
  number.parentElement?.appendChild(phone_book.results);
  number.parentElement?.appendChild(h('div', { class: 'buttons' }, action_button('contact_detail', 'Contact details')));
  const tenant = session.account.tenant;
  const detail = make_contact_detail({ tenant, ask, states, shown_changed: update_watch, action_button,
                                       dial: (n, who) => activate(n, who) });
  const lamps = make_busy_lamps({ tenant, user: me, ask, states, shown_changed: update_watch, action_button, activate });
  const speed_dials = make_speed_dials({ tenant, user: me, activate, action_button, changed: () => refresh_shortcut_hints() });
  number.addEventListener('keydown', (e) => {
    if (phone_book.handle_key(e)) {
      e.preventDefault();
      return;
    }
    if (e.key === 'Enter' && !e.altKey && !e.ctrlKey) {
      e.preventDefault();
      run('transfer');
    }
  });

  // --- the lists
  const queue_list = make_call_list('caller-queue', 'Caller queue', 'No callers waiting.', select);
  const personal_list = make_call_list('personal-calls', 'Personal calls', 'No personal calls.', select);
  const processing_list = make_call_list('processing-queue', 'Processing queue', 'No calls in processing.', select);

  const main = h('main', { id: 'main', class: 'console' },
    h('div', { class: 'column lists' }, queue_list.root, personal_list.root, processing_list.root),
    h('div', { class: 'column side' }, active, detail.root, lamps.root, speed_dials.root, workplace));

  const palette = make_palette(() => bindings, run);
  const editor = make_shortcut_editor(() => bindings, (id, b) => {
    bindings = { ...bindings, [id]: b };
    save_bindings(bindings, defaults);
    refresh_shortcut_hints();
  }, () => {
    bindings = { ...defaults };
    save_bindings(bindings, defaults);
    refresh_shortcut_hints();
  });

  app.replaceChildren(header, stale, main, palette.dialog, editor.dialog);
  app.removeAttribute('aria-busy');
  document.title = 'Portier attendant console';
  refresh_shortcut_hints();

  // --- the connection
  const connection = new Connection({
    on_snapshot(snapshot: Json) {
      model = apply_snapshot(model, snapshot, Date.now());
      render();
    },
    on_event(event: Json) {
      const live = contact_state_event(event);
      if (live !== undefined) {
        // Applied to every view, read out by none (the panel is read out on request).
        states.learn(live.id, live.state);
        refresh_contacts(Date.now());
        return;
      }
      const change = apply_event(model, event, Date.now());
      if (change.announce !== undefined && relevant(event)) announce(change.announce);
      if (change.alert !== undefined) alert_now(change.alert);
      if (change.needs_details === true) ask_details();
      render();
    },
    on_state(state) {
      connected = state.connected;
      server_restarting = !state.connected && state.restarting;
      if (state.connected) {
        if (state.restarting) announce('the server is back after a restart; you are still logged on and the lists are up to date');
        else if (disconnected_since !== undefined) announce('connected again; the lists are up to date');
        disconnected_since = undefined;
        // A new connection watches nothing and missed the changes: tell it, and ask again.
        watcher.reset();
        update_watch();
        lamps.reload();
      } else if (state.restarting) {
        // Expected and harmless: said politely, not as an alert.
        disconnected_since = state.since;
        announce('the server is restarting; reconnecting, you stay logged on');
      } else {
        disconnected_since = state.since;
        alert_now(`Disconnected from the server at ${clock_time(state.since)}. Reconnecting.`);
      }
      render_connection();
    },
    on_refused(_code, reason) {
      leave(reason === '' ? 'Your session has ended.' : `Your session has ended: ${reason}.`);
    },
    on_retry_failed() {
      if (disconnected_since === undefined) {
        disconnected_since = new Date();
        render_connection();
      }
      // After a server restart the session may be gone: then the upgrade is refused, and
      // retrying forever would hide that. Ask, and go back to the log-on page if so.
      void current_session().then((s) => {
        if (s === undefined) leave('Your session has ended. Log on again.');
      });
    },
  });
  connection.start();

  const ticker = window.setInterval(() => {
    const now = Date.now();
    queue_list.tick(now);
    personal_list.tick(now);
    processing_list.tick(now);
    render_active(now);
    refresh_contacts(now);
  }, 1000);

  const on_key = (e: KeyboardEvent): void => {
    if (closed || editor.capturing()) return;
    const binding = binding_of(e);
    if (binding === '') return;
    const entry = Object.entries(bindings).find(([, b]) => b === binding);
    if (entry === undefined) return;
    e.preventDefault();
    run(entry[0]);
  };
  document.addEventListener('keydown', on_key);

  // The call the next snapshot should tell more about; asks once for a burst of events.
  function ask_details(): void {
    if (details_timer !== undefined) return;
    details_timer = window.setTimeout(() => {
      details_timer = undefined;
      void connection.send({ type: 'snapshot' });
    }, kDetailsDelayMs);
  }

  // News about other tenants' or other attendants' calls is not read out (the server filters by
  // tenant; this keeps the attendant's own queue audible without the chatter of colleagues).
  function relevant(event: Json): boolean {
    const name = event['event'];
    if (name === 'attendant_changed') return event['attendant'] === me;
    return true;
  }

  // The contacts on screen: what the phone book lists, the detail view, the busy-lamp panel.
  function update_watch(): void {
    const open = detail.contact();
    watcher.update(watch_set(open !== undefined ? [open.id] : [], phone_book.ids(), lamps.ids()));
  }

  function refresh_contacts(now: number): void {
    phone_book.refresh(now);
    detail.refresh(now);
    lamps.refresh(now);
  }

  function open_detail(c: Contact): void {
    detail.open(c);
  }

  // The contact an action means: the active phone-book option while the number field has the
  // focus, else the open detail view's, else the one chosen in the phone book.
  function contact_in_view(): Contact | undefined {
    const in_field = document.activeElement === number ? phone_book.active() : undefined;
    return in_field ?? detail.contact() ?? phone_book.active();
  }

  // A panel lamp, a speed dial or a number of the detail view: transfer the active call there,
  // or dial it when there is no call.
  function activate(target: string, who: string): void {
    if (target === '') return need(`${who} has no number.`);
    number.value = target;
    run(current_call() !== undefined ? 'transfer' : 'dial');
  }

  function leave(reason: string): void {
    if (closed) return;
    closed = true;
    window.clearInterval(ticker);
    if (details_timer !== undefined) window.clearTimeout(details_timer);
    document.removeEventListener('keydown', on_key);
    connection.stop();
    on_exit(reason);
  }

  function select(call_id: string): void {
    selected = call_id;
    render();
  }

  function field(label: string, input: HTMLInputElement, hint?: HTMLElement): HTMLElement {
    return h('div', { class: 'field' }, h('label', { for: input.id }, label), input, hint);
  }

  function action_button(id: string, label: string, type: 'button' | 'submit' = 'button'): HTMLButtonElement {
    const b = h('button', { type, id: `action-${id}`, 'data-action': id }, h('span', { class: 'label' }, label), ' ',
                h('kbd', { class: 'shortcut' }));
    if (type === 'button') b.addEventListener('click', () => run(id));
    return b;
  }

  function refresh_shortcut_hints(): void {
    for (const b of app.querySelectorAll<HTMLButtonElement>('button[data-action]')) {
      const id = b.dataset['action'] ?? '';
      const kbd = b.querySelector('kbd.shortcut');
      if (kbd === null) continue;
      set_text(kbd, bindings[id] ?? '');
      set_attr(b, 'aria-keyshortcuts', (bindings[id] ?? '').replace(/\+/g, '+') || null);
    }
  }

  // --- what the commands act on
  function my_attendant() {
    return model.attendants.get(me);
  }

  function current_call(): Call | undefined {
    const own = own_call(model, me);
    if (own !== undefined && own.phase === 'connected') return own;
    const sel = selected !== undefined ? model.calls.get(selected) : undefined;
    if (sel?.processing !== undefined) return sel;
    return own;
  }

  function queue_call_to_pick(): Call | undefined {
    const sel = selected !== undefined ? model.calls.get(selected) : undefined;
    if (sel !== undefined && sel.processing === undefined && sel.phase !== 'connected') return sel;
    return caller_queue(model)[0] ?? personal_calls(model)[0];
  }

  function processing_call_to_retrieve(): Call | undefined {
    const sel = selected !== undefined ? model.calls.get(selected) : undefined;
    if (sel?.processing !== undefined) return sel;
    return processing_calls(model)[0];
  }

  async function command(what: string, body: Json): Promise<boolean> {
    const answer = await connection.send({ ...body });
    if (answer['ok'] === true) {
      announce(what);
      return true;
    }
    const message = typeof answer['message'] === 'string' ? answer['message'] : String(answer['error'] ?? 'refused');
    alert_now(`${what} failed: ${message}`);
    return false;
  }

  function need(what: string): void {
    alert_now(what);
  }

  function run(id: string): void {
    if (closed) return;
    switch (id) {
      case 'palette': palette.open(); return;
      case 'shortcuts': editor.open(); return;
      case 'reconnect': connection.reconnect_now(); return;
      case 'focus_queue': queue_list.focus_first(); return;
      case 'focus_personal': personal_list.focus_first(); return;
      case 'focus_processing': processing_list.focus_first(); return;
      case 'focus_number': number.focus(); return;
      case 'contact_detail': {
        const c = phone_book.active();
        if (c === undefined) return need('Type a name in the number field and choose a contact first.');
        open_detail(c);
        return;
      }
      case 'close_detail': detail.close(); return;
      case 'focus_forwarding':
        if (detail.contact() === undefined) return need('Open a contact first (Alt+I).');
        detail.focus_forwarding();
        return;
      case 'add_to_panel': {
        const c = contact_in_view();
        if (c === undefined) return need('Choose a contact in the phone book or open one first.');
        announce(lamps.add(c));
        return;
      }
      case 'add_to_speed_dial': {
        const c = contact_in_view();
        if (c === undefined) return need('Choose a contact in the phone book or open one first.');
        announce(speed_dials.add(c));
        return;
      }
      case 'focus_panel': lamps.focus(); return;
      case 'read_panel': announce(lamps.read_out()); return;
      case 'edit_speed_dial': speed_dials.edit(); return;
      case 'log_off':
        void (async () => {
          const ok = await log_off(session.csrf);
          if (!ok) {
            alert_now('The log-off did not reach the server; try again.');
            return;
          }
          leave('You have logged off.');
        })();
        return;
      case 'workplace_on': {
        const wp = { device: device.value.trim(), pilots: pilots.value.trim(), personal_line: personal_line.value.trim() };
        if (wp.device === '') {
          need('Type the workplace phone number first.');
          device.focus();
          return;
        }
        save_workplace(wp);
        const list = wp.pilots.split(/[\s,;]+/).filter((p) => p !== '');
        const body: Json = { type: 'log_on', attendant: me, tenant: session.account.tenant, device: wp.device, pilots: list };
        if (wp.personal_line !== '') body['personal_line'] = wp.personal_line;
        void command('logged on to the workplace', body);
        return;
      }
      case 'workplace_off':
        void command('logged off from the workplace', { type: 'log_off', attendant: me });
        return;
      case 'available': {
        const a = my_attendant();
        if (a === undefined) {
          need('Log on to the workplace first.');
          return;
        }
        const want = a.state !== 'available';
        void command(want ? 'available' : 'unavailable', { type: 'set_available', attendant: me, available: want });
        return;
      }
      case 'pick': {
        const call = queue_call_to_pick();
        if (call === undefined) return need('No call to pick.');
        void command(`picked the call from ${call.caller || call.queue}`, { type: 'pick', attendant: me, call_id: call.call_id });
        return;
      }
      case 'retrieve': {
        const call = processing_call_to_retrieve();
        if (call === undefined) return need('No call in the processing queue.');
        void command('retrieving the call', { type: 'retrieve', attendant: me, call_id: call.call_id });
        return;
      }
      case 'dial': {
        const target = number.value.trim();
        if (target === '') {
          need(`Type the number to dial or choose a contact, then press ${bindings['dial'] ?? 'the dial button'}.`);
          number.focus();
          return;
        }
        const chosen = phone_book.chosen();
        const who = chosen?.target === target ? `${chosen.name} (${target})` : target;
        void command(`dialling ${who}`, { type: 'dial', attendant: me, target }).then((ok) => {
          if (ok) {
            number.value = '';
            phone_book.close();
          }
        });
        return;
      }
      case 'hang_up': case 'return_to_queue': {
        const call = current_call();
        if (call === undefined) return need('No active call.');
        const words = id === 'hang_up' ? `hung up on ${call.caller || 'the caller'}` : 'returned the call to the queue';
        void command(words, { type: id, attendant: me, call_id: call.call_id });
        return;
      }
      case 'hold': case 'park': case 'page': case 'transfer': case 'blind_transfer': {
        const call = current_call();
        if (call === undefined) return need('No active call.');
        const body: Json = { type: id, attendant: me, call_id: call.call_id };
        if (id === 'transfer' || id === 'blind_transfer') {
          const target = number.value.trim();
          if (target === '') {
            need(`Type the number to transfer to, then press ${bindings[id] ?? 'the transfer button'}.`);
            number.focus();
            return;
          }
          body['target'] = target;
        }
        const who = phone_book.chosen()?.target === body['target'] ? `${phone_book.chosen()?.name} (${String(body['target'])})`
          : String(body['target']);
        const words: Record<string, string> = { hold: 'on hold', park: 'parked', page: 'paged',
                                                 transfer: `transferring to ${who}`, blind_transfer: `blind transfer to ${who}` };
        void command(words[id] ?? id, body).then((ok) => {
          if (ok && (id === 'transfer' || id === 'blind_transfer')) {
            number.value = '';
            phone_book.close();
          }
        });
        return;
      }
      default: {
        const dial = /^speed_dial_([1-9])$/.exec(id);
        if (dial !== null) {
          const empty = speed_dials.run(Number(dial[1]));
          if (empty !== undefined) need(empty);
        }
        return;
      }
    }
  }

  // --- rendering
  function render(): void {
    const now = Date.now();
    if (selected !== undefined && !model.calls.has(selected)) selected = undefined;
    queue_list.update(caller_queue(model), now, selected);
    personal_list.update(personal_calls(model), now, selected);
    processing_list.update(processing_calls(model), now, selected);
    render_active(now);
    render_me();
    render_channel();
    render_links();
    render_connection();
  }

  function render_links(): void {
    for (const [link, badge] of Object.entries(link_badges)) {
      const l = link_summary(model, link);
      const state = l?.state ?? 'unknown';
      set_text(badge, `${link_name(link)}: ${state}`);
      set_attr(badge, 'data-state', state);
      set_attr(badge, 'title', l === undefined ? null : `${l.id}${l.detail !== '' ? `: ${l.detail}` : ''}`);
    }
  }

  function render_me(): void {
    const a = my_attendant();
    const text = a === undefined ? 'You are not logged on to a workplace.'
      : `${attendant_state_name(a.state)} at ${a.device}${a.pilots.length > 0 ? ` for ${a.pilots.join(', ')}` : ''}`;
    set_text(my_state, text);
    set_attr(my_state, 'data-state', a?.state ?? 'logged_off');
    const avail = app.querySelector('#action-available .label');
    if (avail !== null) set_text(avail, a?.state === 'available' ? 'Unavailable' : 'Available');
  }

  function render_active(now: number): void {
    const call = current_call();
    if (call === undefined) {
      set_text(active_details, 'No active call.');
      set_attr(active_details, 'data-call-id', null);
      return;
    }
    const lines = [
      `${call.caller || 'caller number unknown'} for ${call.queue || call.called || 'unknown'}`,
      [call_type_name(call.call_type), call.processing ? processing_name(call.processing.state) : call.phase,
       call.processing?.target ? `to ${call.processing.target}` : '',
       call.processing?.callback_number ? `callback ${call.processing.callback_number}` : ''].filter((s) => s !== '').join(' · '),
      `waiting ${waiting_time(now - call.arrived_at)}`,
    ];
    const text = lines.join('\n');
    if (active_details.getAttribute('data-text') !== text) {
      active_details.replaceChildren(...lines.map((l) => h('p', {}, l)));
      active_details.setAttribute('data-text', text);
    }
    set_attr(active_details, 'data-call-id', call.call_id);
  }

  function render_channel(): void {
    const c = model.channel;
    const use = c.in_use !== undefined && c.total !== undefined ? ` (${c.in_use} of ${c.total})` : '';
    const word = c.level === 'alert' ? 'alert: 90 % in use' : c.level === 'full' ? 'full' : 'normal';
    set_text(channel_state, `trunk channels: ${word}${use}`);
    set_attr(channel_state, 'data-level', c.level);
  }

  function render_connection(): void {
    set_text(conn_state, connected ? 'connected' : disconnected_since !== undefined ? 'disconnected' : 'connecting…');
    set_attr(conn_state, 'data-connected', connected ? 'true' : 'false');
    if (!connected && disconnected_since !== undefined) {
      stale.hidden = false;
      const what = server_restarting ? 'server restarting since' : 'disconnected since';
      set_text(stale, `${what} ${clock_time(disconnected_since)} — data may be stale`);
      main.setAttribute('data-stale', 'true');
    } else {
      stale.hidden = true;
      main.removeAttribute('data-stale');
    }
  }
}
