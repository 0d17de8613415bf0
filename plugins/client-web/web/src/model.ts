// SPDX-License-Identifier: GPL-3.0-or-later
// The console's picture of the engine: filled from the snapshot, then kept by the events
// (docs/sdk/client-api.md). Pure functions of (model, message, now); the views only read it.

export interface Processing {
  state: string;
  tenant: string;
  attendant?: string;
  target?: string;
  callback_number?: string;
}

export interface Call {
  call_id: string;
  caller: string;          // "" until a snapshot told it (call_queued does not carry it)
  called: string;
  queue: string;
  personal: boolean;
  phase: string;
  call_type: string;
  priority?: number;
  arrived_at: number;      // local clock (ms) of the call's arrival: waiting time = now - arrived_at
  attendant?: string;
  original_destination?: string;
  diversion?: string;
  processing?: Processing;
}

export interface AttendantInfo {
  attendant: string;
  tenant: string;
  device: string;
  personal_line: string;
  pilots: string[];
  state: string;
  call_id?: string;
}

export interface ChannelInfo {
  level: string;           // normal | alert | full
  in_use?: number;
  total?: number;
}

// A link to the outside as the engine reports it: the PBX's CSTA link or the trunk.
export interface LinkInfo {
  link: string;            // pbx | trunk
  id: string;              // the plugin's id
  state: string;           // up | degraded | down
  detail: string;          // the plugin's reason, "" when none
}

export interface Model {
  calls: Map<string, Call>;
  processing_order: string[];  // call ids in the processing queue, oldest first
  attendants: Map<string, AttendantInfo>;
  channel: ChannelInfo;
  links: Map<string, LinkInfo>;  // by `${link}:${id}`
}

export function empty_model(): Model {
  return { calls: new Map(), processing_order: [], attendants: new Map(), channel: { level: 'normal' },
           links: new Map() };
}

type Json = Record<string, unknown>;

function str(j: Json, key: string): string {
  const v = j[key];
  return typeof v === 'string' ? v : '';
}

function opt_str(j: Json, key: string): string | undefined {
  const v = j[key];
  return typeof v === 'string' && v !== '' ? v : undefined;
}

function num(j: Json, key: string): number | undefined {
  const v = j[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

function objects(v: unknown): Json[] {
  return Array.isArray(v) ? v.filter((x): x is Json => typeof x === 'object' && x !== null) : [];
}

// The snapshot replaces everything; what it cannot say (a call's priority) is kept from before.
export function apply_snapshot(old: Model, snapshot: Json, now: number): Model {
  const model = empty_model();
  for (const c of objects(snapshot['calls'])) {
    const id = str(c, 'call_id');
    if (id === '') continue;
    const before = old.calls.get(id);
    model.calls.set(id, {
      call_id: id,
      caller: str(c, 'caller'),
      called: str(c, 'called'),
      queue: str(c, 'queue'),
      personal: c['personal'] === true,
      phase: str(c, 'phase'),
      call_type: str(c, 'call_type'),
      priority: before?.priority,
      arrived_at: now - (num(c, 'waiting_ms') ?? 0),
      attendant: opt_str(c, 'attendant'),
      original_destination: opt_str(c, 'original_destination'),
      diversion: opt_str(c, 'diversion'),
    });
  }
  for (const p of objects(snapshot['processing'])) {
    const id = str(p, 'call_id');
    const call = model.calls.get(id);
    if (call === undefined) continue;
    call.processing = processing_of(p);
    model.processing_order.push(id);
  }
  for (const a of objects(snapshot['attendants'])) {
    const info = attendant_of(a);
    if (info.attendant !== '') model.attendants.set(info.attendant, info);
  }
  const level = str(snapshot, 'channel_level');
  model.channel = { level: level === '' ? 'normal' : level };
  for (const l of objects(snapshot['links'])) {
    const info = link_of(l);
    if (info !== undefined) model.links.set(`${info.link}:${info.id}`, info);
  }
  return model;
}

function link_of(l: Json): LinkInfo | undefined {
  const link = str(l, 'link');
  const id = str(l, 'id');
  if (link === '' || id === '') return undefined;
  return { link, id, state: str(l, 'state') || 'down', detail: str(l, 'detail') };
}

const kLinkNames: Record<string, string> = { pbx: 'PBX', trunk: 'Trunk' };
const kLinkRank: Record<string, number> = { up: 0, degraded: 1, down: 2 };

export function link_name(link: string): string {
  return kLinkNames[link] ?? link;
}

// One badge per kind of link: the worst state of the links of that kind (a second trunk that
// is down matters), or undefined when the engine told of none.
export function link_summary(model: Model, link: string): LinkInfo | undefined {
  let worst: LinkInfo | undefined;
  for (const l of model.links.values()) {
    if (l.link !== link) continue;
    if (worst === undefined || (kLinkRank[l.state] ?? 2) > (kLinkRank[worst.state] ?? 2)) worst = l;
  }
  return worst;
}

function processing_of(p: Json): Processing {
  return {
    state: str(p, 'state'),
    tenant: str(p, 'tenant'),
    attendant: opt_str(p, 'attendant'),
    target: opt_str(p, 'target'),
    callback_number: opt_str(p, 'callback_number'),
  };
}

function attendant_of(a: Json): AttendantInfo {
  return {
    attendant: str(a, 'attendant'),
    tenant: str(a, 'tenant'),
    device: str(a, 'device'),
    personal_line: str(a, 'personal_line'),
    pilots: Array.isArray(a['pilots']) ? a['pilots'].filter((x): x is string => typeof x === 'string') : [],
    state: str(a, 'state'),
    call_id: opt_str(a, 'call_id'),
  };
}

// What an event changed, for the live region and for asking a fresh snapshot.
export interface Change {
  announce?: string;
  alert?: string;           // to be read out at once (a link went down)
  needs_details?: boolean;  // a call we know too little about (no caller number yet)
}

function remove_processing(model: Model, id: string): void {
  const i = model.processing_order.indexOf(id);
  if (i >= 0) model.processing_order.splice(i, 1);
  const call = model.calls.get(id);
  if (call !== undefined) delete call.processing;
}

// Applies one event in place. Unknown events and fields are ignored, as the API asks.
export function apply_event(model: Model, e: Json, now: number): Change {
  const id = str(e, 'call_id');
  switch (str(e, 'event')) {
    case 'call_queued': {
      const before = model.calls.get(id);
      const call: Call = {
        call_id: id,
        caller: before?.caller ?? '',
        called: before?.called ?? str(e, 'queue'),
        queue: str(e, 'queue'),
        personal: e['personal'] === true,
        phase: 'waiting',
        call_type: str(e, 'call_type'),
        priority: num(e, 'priority'),
        arrived_at: now - (num(e, 'waiting_ms') ?? 0),
        original_destination: opt_str(e, 'original_destination'),
        diversion: opt_str(e, 'diversion'),
      };
      model.calls.set(id, call);
      remove_processing(model, id);
      const what = call.personal ? 'personal call' : 'call';
      const back = e['returned'] === true ? 'returned' : 'new';
      return { announce: `${back} ${what} in queue ${call.queue}`, needs_details: call.caller === '' };
    }
    case 'call_offered': {
      const call = model.calls.get(id);
      if (call !== undefined) {
        call.phase = 'offered';
        call.attendant = str(e, 'attendant');
      }
      return { announce: `call offered to ${str(e, 'attendant')}` };
    }
    case 'call_taken_back': {
      const call = model.calls.get(id);
      if (call !== undefined) {
        call.phase = 'waiting';
        delete call.attendant;
      }
      return { announce: `call taken back from ${str(e, 'attendant')}` };
    }
    case 'call_connected': {
      const call = model.calls.get(id);
      if (call !== undefined) {
        call.phase = 'connected';
        call.attendant = str(e, 'attendant');
      }
      remove_processing(model, id);
      return { announce: `call connected to ${str(e, 'attendant')}`, needs_details: call === undefined };
    }
    case 'call_ended': {
      const known = model.calls.has(id);
      remove_processing(model, id);
      model.calls.delete(id);
      const reason = str(e, 'reason');
      return known ? { announce: `call ended: ${reason}` } : {};
    }
    case 'call_processing': {
      let call = model.calls.get(id);
      if (call === undefined) {
        call = { call_id: id, caller: '', called: '', queue: '', personal: false, phase: 'processing',
                 call_type: '', arrived_at: now };
        model.calls.set(id, call);
      }
      call.phase = 'processing';
      call.processing = processing_of(e);
      if (!model.processing_order.includes(id)) model.processing_order.push(id);
      const p = call.processing;
      const where = p.state === 'paged' && p.callback_number ? ` on ${p.callback_number}` : '';
      const to = p.target ? ` to ${p.target}` : '';
      return { announce: `call ${p.state.replace(/_/g, ' ')}${to}${where}`, needs_details: call.caller === '' };
    }
    case 'attendant_changed': {
      const name = str(e, 'attendant');
      const state = str(e, 'state');
      if (state === 'logged_off') {
        model.attendants.delete(name);
      } else {
        const a = model.attendants.get(name);
        if (a === undefined) return { needs_details: true, announce: `${name} is ${state}` };
        a.state = state;
        a.call_id = opt_str(e, 'call_id');
      }
      return { announce: `${name} is ${state.replace(/_/g, ' ')}` };
    }
    case 'channel_alert': {
      model.channel = { level: str(e, 'level') || 'normal', in_use: num(e, 'in_use'), total: num(e, 'total') };
      const level = model.channel.level;
      return { announce: level === 'normal' ? 'trunk channels back to normal' : `trunk channels ${level}` };
    }
    case 'link_state': {
      const info = link_of(e);
      if (info === undefined) return {};
      const key = `${info.link}:${info.id}`;
      const before = model.links.get(key);
      model.links.set(key, info);
      // A link first heard of that is up is no news; one that is not is.
      if (before?.state === info.state || (before === undefined && info.state === 'up')) return {};
      const what = `${link_name(info.link)} link ${info.id}`;
      const why = info.detail !== '' ? `: ${info.detail}` : '';
      if (info.state === 'down') return { alert: `${what} is down${why}` };
      if (info.state === 'degraded') return { alert: `${what} is degraded${why}` };
      return { announce: `${what} is up again` };
    }
    default:
      return {};
  }
}

const kQueuePhases = new Set(['ringing', 'waiting', 'offered', 'greeting']);

function by_priority_then_arrival(a: Call, b: Call): number {
  const pa = a.priority ?? 5;
  const pb = b.priority ?? 5;
  return pa !== pb ? pa - pb : a.arrived_at - b.arrived_at;
}

export function caller_queue(model: Model): Call[] {
  return [...model.calls.values()]
    .filter((c) => !c.personal && kQueuePhases.has(c.phase))
    .sort(by_priority_then_arrival);
}

export function personal_calls(model: Model): Call[] {
  return [...model.calls.values()]
    .filter((c) => c.personal && kQueuePhases.has(c.phase))
    .sort(by_priority_then_arrival);
}

export function processing_calls(model: Model): Call[] {
  const out: Call[] = [];
  for (const id of model.processing_order) {
    const call = model.calls.get(id);
    if (call?.processing !== undefined) out.push(call);
  }
  return out;
}

// The call the attendant is on (offered to them, or connected).
export function own_call(model: Model, attendant: string): Call | undefined {
  const a = model.attendants.get(attendant);
  if (a?.call_id !== undefined) return model.calls.get(a.call_id);
  for (const c of model.calls.values()) {
    if (c.attendant === attendant && (c.phase === 'connected' || c.phase === 'offered' || c.phase === 'greeting')) return c;
  }
  return undefined;
}
