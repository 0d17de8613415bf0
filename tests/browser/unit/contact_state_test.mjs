// SPDX-License-Identifier: GPL-3.0-or-later
// The console's contact state without a browser: src/contact_state.ts (the `state` object of
// the shared contract read into words, sources and ticking ages), src/contact_watch.ts (the
// watch set and `contact_state` events), the stored busy-lamp panel and speed dials, and the
// detail fields and forwarding of src/contacts.ts. Compiled with vite's esbuild like model_test.
// Usage: node contact_state_test.mjs WEB_DIR. Exit 77 (skip) when node_modules is missing.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const web = process.argv[2];
const esbuild_path = join(web ?? '', 'node_modules', 'esbuild', 'lib', 'main.js');
if (web === undefined || !existsSync(esbuild_path)) {
  console.log(`SKIP: ${esbuild_path} is missing; run tools/dev (or npm ci in plugins/client-web/web)`);
  process.exit(77);
}
const esbuild = (await import(pathToFileURL(esbuild_path).href)).default;
async function load(file) {
  const built = await esbuild.build({ entryPoints: [join(web, 'src', file)], bundle: true, format: 'esm',
                                      write: false, platform: 'neutral', logLevel: 'silent' });
  return import(`data:text/javascript;base64,${Buffer.from(built.outputFiles[0].text).toString('base64')}`);
}
const cs = await load('contact_state.ts');
const cw = await load('contact_watch.ts');
const pb = await load('contacts.ts');
const lamps = await load('busy_lamps.ts');
const dials = await load('speed_dial.ts');

const tests = [];
const test = (name, fn) => tests.push({ name, fn });
const now = 1764430000000;

const fused = {
  summary: 'busy', from: 'phone', stale: false,
  phone: { state: 'busy', source: 'pbx.osv', confirmed_ms: now - 120000, stale: false },
  presence: { availability: 'available', activity: 'in_a_meeting', activity_text: 'Board', note: '', source: 'presence.teams',
              confirmed_ms: now - 3000, stale: true },
};

test('a fused state reads as a summary word with each part, its source and its age', () => {
  const s = cs.state_of(fused);
  assert.equal(s.summary, 'busy');
  assert.equal(cs.summary_text(s), 'Busy');
  assert.equal(s.parts.length, 2);
  assert.equal(cs.part_text(s.parts[0], now), 'phone busy — PBX (OpenScape Voice), 2 min ago');
  assert.equal(cs.part_text(s.parts[1], now), 'available, in a meeting (Board) — Teams, just now, stale');
});

test('ages tick from seconds to minutes to hours, and an unknown age says so', () => {
  assert.equal(cs.age_text(now - 12000, now), '12 s ago');
  assert.equal(cs.age_text(now - 59999, now), '59 s ago');
  assert.equal(cs.age_text(now - 60000, now), '1 min ago');
  assert.equal(cs.age_text(now - 3 * 3600000, now), '3 h ago');
  assert.equal(cs.age_text(undefined, now), 'age unknown');
});

test('a stale summary is marked in words, and nonsense is unknown', () => {
  assert.equal(cs.summary_text(cs.state_of({ summary: 'away', from: 'presence', stale: true })), 'Away (stale)');
  const odd = cs.state_of({ summary: 'sleeping', phone: 'busy', presence: [1] });
  assert.equal(odd.summary, 'unknown');
  assert.deepEqual(odd.parts, []);
  assert.equal(cs.state_of('busy'), undefined);
  assert.equal(cs.state_of(null), undefined);
  assert.equal(cs.summary_text(undefined), 'Unknown');
});

test('a contact without `state` falls back to its phone_state, one with it keeps the fused state', () => {
  const page = pb.contact_page({ ok: true, contacts: [
    { id: 1, display_name: 'Old', phone_state: 'ringing' },
    { id: 2, display_name: 'New', phone_state: 'busy', state: fused },
    { id: 3, display_name: 'Nothing' }] });
  const [old, fresh, nothing] = page.contacts;
  assert.equal(old.state.summary, 'busy');
  assert.equal(cs.part_text(old.state.parts[0], now), 'phone ringing');
  assert.equal(fresh.state.parts[1].source, 'presence.teams');
  assert.equal(nothing.state, undefined);
});

test('directory_contact gives the detail fields in order, the sources and the forwarding', () => {
  const c = pb.contact_of({ id: 9, display_name: 'Olga Office', company: 'ACME', department: 'Reception', building: 'B2',
    location: 'Munich', cost_centre: '4711', notes: 'mornings only', extension: '7201', sources: ['directory.csv'],
    forwarding: { unconditional: '+4989700', busy: '', no_answer: 7 } });
  assert.deepEqual(c.fields.map((f) => f.label), ['Department', 'Company', 'Location', 'Building', 'Cost centre', 'Extension', 'Notes']);
  assert.deepEqual(c.sources, ['directory.csv']);
  assert.deepEqual(c.forwarding, { unconditional: '+4989700', busy: '', no_answer: '' });
  assert.equal(pb.contact_of({ id: 10 }).forwarding, undefined, 'no forwarding without a device');
  // The console's own request id travels as "id", so the contact goes as contact_id.
  assert.deepEqual(pb.contact_request('DEFAULT', 9), { type: 'directory_contact', tenant: 'DEFAULT', contact_id: 9 });
});

test('contact_state events give the contact and its state; anything else is not one', () => {
  const e = cw.contact_state_event({ type: 'event', event: 'contact_state', tenant: '*', contact_id: 5, state: fused });
  assert.equal(e.id, 5);
  assert.equal(e.state.summary, 'busy');
  assert.equal(cw.contact_state_event({ event: 'contact_state', contact_id: 5 }).state, undefined);
  assert.equal(cw.contact_state_event({ event: 'contact_state', contact_id: '5', state: fused }), undefined);
  assert.equal(cw.contact_state_event({ event: 'call_queued', contact_id: 5 }), undefined);
});

test('an event replaces what a search answer said', () => {
  const states = new cw.ContactStates();
  const from_answer = cs.state_of({ summary: 'available' });
  assert.equal(states.get(5, from_answer).summary, 'available');
  states.learn(5, cs.state_of({ summary: 'dnd' }));
  assert.equal(states.get(5, from_answer).summary, 'dnd');
  states.learn(5, undefined);
  assert.equal(states.get(5, from_answer), undefined, 'an event without state means nothing is known');
});

test('the watch set has each contact once, at most 500, and is sent only when it changes', async () => {
  assert.deepEqual(cw.watch_set([7], [3, 7, 1], [3, 9]), [1, 3, 7, 9]);
  const many = Array.from({ length: 600 }, (_, i) => i + 1);
  const capped = cw.watch_set([1000], many);
  assert.equal(capped.length, cw.kMaxWatched);
  assert.ok(capped.includes(1000), 'the first list (the open contact) is kept');
  const sent = [];
  let answer = { ok: true };
  const w = new cw.Watcher(async (c) => { sent.push(c); return answer; });
  w.update([1, 2]);
  w.update([1, 2]);
  await Promise.resolve();
  assert.deepEqual(sent, [{ type: 'watch_contacts', ids: [1, 2] }]);
  w.reset();
  w.update([1, 2]);
  assert.equal(sent.length, 2, 'a new connection is told again');
  answer = { ok: false, error: 'invalid' };
  w.update([3]);
  await new Promise((r) => setTimeout(r, 0));
  w.update([3]);
  assert.equal(sent.length, 4, 'a refused watch is tried again on the next update');
});

test('stored panels and speed dials survive damage', () => {
  assert.deepEqual(lamps.lamps_of([{ id: 1, name: 'A', target: '+491' }, { id: 1, name: 'A', target: '+491' },
                                   { id: 'x' }, null, { id: 2, name: 'B', target: '' }]),
                   [{ id: 1, name: 'A', target: '+491' }, { id: 2, name: 'B', target: '' }]);
  assert.deepEqual(lamps.lamps_of('junk'), []);
  assert.equal(lamps.lamps_of(Array.from({ length: 50 }, (_, i) => ({ id: i, name: 'n', target: '' }))).length, lamps.kMaxLamps);
  const d = dials.dials_of([{ label: 'Olga', target: '+497201', contact_id: 1 }, { target: '' }, { label: '', target: '110' }]);
  assert.equal(d.length, dials.kSpeedDials);
  assert.deepEqual(d[0], { label: 'Olga', target: '+497201', contact_id: 1 });
  assert.equal(d[1], undefined);
  assert.deepEqual(d[2], { label: '110', target: '110' });
  assert.deepEqual(dials.dials_of({}), Array(9).fill(undefined));
});

let failed = 0;
for (const t of tests) {
  try {
    await t.fn();
    console.log(`ok - ${t.name}`);
  } catch (e) {
    failed++;
    console.log(`not ok - ${t.name}\n${e.stack}`);
  }
}
console.log(`${tests.length - failed} of ${tests.length} passed`);
process.exit(failed === 0 ? 0 : 1);
