// SPDX-License-Identifier: GPL-3.0-or-later
// Phone-book answers (`directory_search`, docs/sdk/client-api.md) turned into what the console
// shows: a name, a line of detail, the number a transfer dials, the live marks and the fused
// state; `directory_contact` adds the detail view's fields and forwarding. Pure, so the model
// test checks it without a browser.
import { state_from_phone, state_of, type ContactState } from './contact_state';

export type Json = Record<string, unknown>;

export interface ContactPhone {
  type: string;      // office, mobile, home, fax, private, other
  number: string;    // E.164 when the number plan could tell, else as the source has it
}

export interface Contact {
  id: number;
  name: string;
  detail: string;                // department · company · location, what is known
  extension: string;
  phones: ContactPhone[];
  emails: string[];
  target: string;                // what a transfer to this contact dials; "" when nothing
  phone_state?: string;          // idle, ringing, busy, unknown: the busy lamp
  presence?: string;
  absence?: string;
  state?: ContactState;          // the fused state; from `phone_state` alone when `state` is absent
  fields: ContactField[];        // department, company ... for the detail view, in that order
  sources: string[];
  forwarding?: Forwarding;       // only `directory_contact` of a contact with a device has it
}

export interface ContactField {
  label: string;
  value: string;
}

// Call forwarding of the contact's device by kind; "" is off.
export interface Forwarding {
  unconditional: string;
  busy: string;
  no_answer: string;
}

export const kForwardingKinds: Array<keyof Forwarding> = ['unconditional', 'busy', 'no_answer'];
const kFieldLabels: Array<[string, string]> = [
  ['department', 'Department'], ['company', 'Company'], ['location', 'Location'], ['building', 'Building'],
  ['cost_centre', 'Cost centre'], ['extension', 'Extension'], ['notes', 'Notes'],
];

export interface ContactPage {
  contacts: Contact[];
  next_page_token: string;
}

// Which phone a transfer prefers: the desk first, then the mobile; fax never.
const kTargetOrder = ['office', 'other', 'private', 'mobile', 'home'];

export function contact_page(answer: Json): ContactPage {
  const list = Array.isArray(answer['contacts']) ? answer['contacts'] : [];
  const contacts: Contact[] = [];
  for (const item of list) {
    if (item === null || typeof item !== 'object') continue;
    const c = contact_of(item as Json);
    if (c !== undefined) contacts.push(c);
  }
  return { contacts, next_page_token: text(answer['next_page_token']) };
}

export function contact_of(j: Json): Contact | undefined {
  const id = j['id'];
  if (typeof id !== 'number') return undefined;
  const phones = (Array.isArray(j['phones']) ? j['phones'] : [])
    .filter((p): p is Json => p !== null && typeof p === 'object')
    .map((p) => ({ type: text(p['type']) || 'other', number: text(p['number']) }))
    .filter((p) => p.number !== '');
  const given = text(j['given_name']);
  const family = text(j['family_name']);
  const name = text(j['display_name']) || [given, family].filter((s) => s !== '').join(' ') || `contact ${id}`;
  const detail = [text(j['department']), text(j['company']), text(j['location'])].filter((s) => s !== '').join(' · ');
  const extension = text(j['extension']);
  const c: Contact = {
    id, name, detail, extension, phones,
    emails: (Array.isArray(j['emails']) ? j['emails'] : []).map(text).filter((s) => s !== ''),
    target: transfer_target(phones, extension),
    fields: kFieldLabels.map(([key, label]) => ({ label, value: text(j[key]) })).filter((f) => f.value !== ''),
    sources: (Array.isArray(j['sources']) ? j['sources'] : []).map(text).filter((s) => s !== ''),
  };
  const marks: Array<'phone_state' | 'presence' | 'absence'> = ['phone_state', 'presence', 'absence'];
  for (const key of marks) {
    const value = mark(j[key]);
    if (value !== '') c[key] = value;
  }
  const state = state_of(j['state']) ?? state_from_phone(c.phone_state);
  if (state !== undefined) c.state = state;
  const fw = j['forwarding'];
  if (fw !== null && typeof fw === 'object' && !Array.isArray(fw)) {
    const f = fw as Json;
    c.forwarding = { unconditional: text(f['unconditional']), busy: text(f['busy']), no_answer: text(f['no_answer']) };
  }
  return c;
}

// client.web takes a command's "id" as the console's request id (and strips it), so the contact
// goes as `contact_id`, the name set_forwarding uses too (docs/console.md, "Contact detail").
export function contact_request(tenant: string, id: number): Json {
  return { type: 'directory_contact', tenant, contact_id: id };
}

export function transfer_target(phones: ContactPhone[], extension: string): string {
  for (const type of kTargetOrder) {
    const p = phones.find((x) => x.type === type);
    if (p !== undefined) return p.number;
  }
  return extension;
}

// Words for the marks, as a screen reader reads them in the option's name.
export function marks_text(c: Contact): string {
  const parts: string[] = [];
  if (c.phone_state !== undefined && c.phone_state !== 'unknown') parts.push(`phone ${c.phone_state}`);
  if (c.presence !== undefined) parts.push(c.presence.replace(/_/g, ' '));
  if (c.absence !== undefined) parts.push(c.absence.replace(/_/g, ' '));
  return parts.join(', ');
}

// Whether a field's text is worth asking the phone book: two letters of a name, or three digits
// of a number; a full number typed for a transfer is asked too, the list just offers who it is.
export function worth_searching(query: string): boolean {
  const q = query.trim();
  const digits = q.replace(/[^0-9]/g, '').length;
  const letters = q.replace(/[^\p{L}]/gu, '').length;
  return letters >= 2 || digits >= 3;
}

function text(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

// A mark is a word ("busy") or an object with a `state` (presence carries its source and age).
function mark(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v !== null && typeof v === 'object') return text((v as Json)['state']) || text((v as Json)['availability']);
  return '';
}
