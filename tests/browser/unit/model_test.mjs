// SPDX-License-Identifier: GPL-3.0-or-later
// The console's model without a browser: src/model.ts compiled with the esbuild that vite
// brings (plugins/client-web/web/node_modules), then snapshot and events applied as the engine
// sends them. Usage: node model_test.mjs WEB_DIR. Exit 77 (skip) when node_modules is missing.
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
const m = await load('model.ts');
const pb = await load('contacts.ts');

const tests = [];
const test = (name, fn) => tests.push({ name, fn });

const snapshot = {
  calls: [
    { call_id: 'c1', caller: '+4930901820', called: '+498970071200', phase: 'waiting', queue: '+498970071200',
      personal: false, call_type: 'main', waiting_ms: 2000 },
    { call_id: 'c2', caller: '+4930901821', called: '+498970071210', phase: 'waiting', queue: '+498970071210',
      personal: true, call_type: 'personal', waiting_ms: 500 },
    { call_id: 'c3', caller: '+4930901822', called: '+498970071200', phase: 'processing', queue: '+498970071200',
      personal: false, call_type: 'main', waiting_ms: 9000, attendant: 'anna' },
  ],
  queues: [{ queue: '+498970071200', personal: false, calls: ['c1'] }],
  processing: [{ call_id: 'c3', tenant: 'DEFAULT', state: 'paged', attendant: 'anna', callback_number: '+498970071260' }],
  attendants: [{ attendant: 'anna', tenant: 'DEFAULT', device: '+49897007100', personal_line: '', pilots: ['+498970071200'],
                 state: 'unavailable' }],
  channel_level: 'alert',
};

test('a snapshot fills the three lists and the attendant', () => {
  const model = m.apply_snapshot(m.empty_model(), snapshot, 10000);
  assert.deepEqual(m.caller_queue(model).map((c) => c.call_id), ['c1']);
  assert.deepEqual(m.personal_calls(model).map((c) => c.call_id), ['c2']);
  assert.deepEqual(m.processing_calls(model).map((c) => c.call_id), ['c3']);
  assert.equal(model.calls.get('c1').arrived_at, 8000);
  assert.equal(model.calls.get('c3').processing.callback_number, '+498970071260');
  assert.equal(model.attendants.get('anna').state, 'unavailable');
  assert.equal(model.channel.level, 'alert');
});

test('a queued call without a caller number asks for details, and a later snapshot keeps its priority', () => {
  let model = m.empty_model();
  const change = m.apply_event(model, { type: 'event', event: 'call_queued', call_id: 'c9', queue: '+498970071200',
                                        personal: false, priority: 2, returned: false, waiting_ms: 300, call_type: 'intercept' }, 1000);
  assert.equal(change.needs_details, true);
  assert.match(change.announce, /new call in queue \+498970071200/);
  assert.equal(model.calls.get('c9').arrived_at, 700);
  model = m.apply_snapshot(model, { calls: [{ call_id: 'c9', caller: '+4930901820', called: '+498970071200', phase: 'waiting',
                                              queue: '+498970071200', personal: false, call_type: 'intercept', waiting_ms: 400 }] }, 1100);
  assert.equal(model.calls.get('c9').caller, '+4930901820');
  assert.equal(model.calls.get('c9').priority, 2);
});

test('the caller queue is served by priority first, then by arrival', () => {
  const model = m.empty_model();
  const queued = (id, priority, waiting_ms) => m.apply_event(model, { event: 'call_queued', call_id: id, queue: '+498970071200',
    personal: false, priority, waiting_ms, call_type: 'main' }, 10000);
  queued('late-urgent', 1, 100);
  queued('old-normal', 5, 5000);
  queued('new-normal', 5, 1000);
  assert.deepEqual(m.caller_queue(model).map((c) => c.call_id), ['late-urgent', 'old-normal', 'new-normal']);
});

test('an offered call shows who reserved it and goes back to waiting when taken back', () => {
  const model = m.apply_snapshot(m.empty_model(), snapshot, 10000);
  m.apply_event(model, { event: 'call_offered', call_id: 'c1', attendant: 'bob' }, 10100);
  assert.equal(model.calls.get('c1').attendant, 'bob');
  assert.deepEqual(m.caller_queue(model).map((c) => c.call_id), ['c1']);
  m.apply_event(model, { event: 'call_taken_back', call_id: 'c1', attendant: 'bob' }, 10200);
  assert.equal(model.calls.get('c1').attendant, undefined);
  assert.equal(model.calls.get('c1').phase, 'waiting');
});

test('a connected call leaves the queue and becomes the attendant\'s own call', () => {
  const model = m.apply_snapshot(m.empty_model(), snapshot, 10000);
  m.apply_event(model, { event: 'call_connected', call_id: 'c1', attendant: 'anna' }, 10100);
  m.apply_event(model, { event: 'attendant_changed', attendant: 'anna', state: 'busy', call_id: 'c1' }, 10100);
  assert.deepEqual(m.caller_queue(model), []);
  assert.equal(m.own_call(model, 'anna').call_id, 'c1');
});

test('a transferring call sits in the processing queue until it ends', () => {
  const model = m.apply_snapshot(m.empty_model(), snapshot, 10000);
  m.apply_event(model, { event: 'call_connected', call_id: 'c1', attendant: 'anna' }, 10100);
  m.apply_event(model, { event: 'call_processing', call_id: 'c1', tenant: 'DEFAULT', state: 'transferring', attendant: 'anna',
                         target: '+49897007201' }, 10200);
  assert.deepEqual(m.processing_calls(model).map((c) => c.call_id), ['c3', 'c1']);
  assert.equal(model.calls.get('c1').processing.target, '+49897007201');
  const change = m.apply_event(model, { event: 'call_ended', call_id: 'c1', reason: 'transferred', waiting_ms: 5000,
                                        target: '+49897007201' }, 12000);
  assert.match(change.announce, /ended: transferred/);
  assert.deepEqual(m.processing_calls(model).map((c) => c.call_id), ['c3']);
  assert.equal(model.calls.has('c1'), false);
});

test('a retrieved call leaves the processing queue when connected', () => {
  const model = m.apply_snapshot(m.empty_model(), snapshot, 10000);
  m.apply_event(model, { event: 'call_connected', call_id: 'c3', attendant: 'anna' }, 10100);
  assert.deepEqual(m.processing_calls(model), []);
});

test('the channel alert and a logged-off attendant are applied; unknown events change nothing', () => {
  const model = m.apply_snapshot(m.empty_model(), snapshot, 10000);
  const alert = m.apply_event(model, { event: 'channel_alert', level: 'full', in_use: 10, total: 10, processing: 7 }, 10100);
  assert.equal(model.channel.level, 'full');
  assert.equal(model.channel.in_use, 10);
  assert.match(alert.announce, /full/);
  m.apply_event(model, { event: 'attendant_changed', attendant: 'anna', state: 'logged_off' }, 10200);
  assert.equal(model.attendants.has('anna'), false);
  const before = JSON.stringify([...model.calls.entries()]);
  assert.deepEqual(m.apply_event(model, { event: 'something_new', call_id: 'c1' }, 10300), {});
  assert.equal(JSON.stringify([...model.calls.entries()]), before);
});

test('malformed snapshot parts are skipped, not trusted', () => {
  const model = m.apply_snapshot(m.empty_model(), { calls: [null, 7, { caller: 'x' }, { call_id: 'ok', waiting_ms: 'soon' }],
                                                    attendants: 'nobody', processing: [{ call_id: 'missing' }] }, 5000);
  assert.deepEqual([...model.calls.keys()], ['ok']);
  assert.equal(model.calls.get('ok').arrived_at, 5000);
  assert.deepEqual(m.processing_calls(model), []);
  assert.equal(model.attendants.size, 0);
});

test('phone-book answers become contacts with the number a transfer dials', () => {
  const page = pb.contact_page({ ok: true, next_page_token: 'p2', contacts: [
    { id: 4, display_name: 'Anna Müller', department: 'Sales', company: 'ACME', location: 'Munich', extension: '+49897007201',
      phones: [{ type: 'fax', number: '+49897007299' }, { type: 'mobile', number: '+491701234567' },
               { type: 'office', number: '+49897007201' }], emails: ['anna@example.com', 7], phone_state: 'busy',
      presence: { state: 'away', source: 'presence.teams' } },
    { id: 5, given_name: 'Bob', family_name: 'Stone', phones: [{ type: 'fax', number: '+4930111' }] },
    { id: 6, display_name: 'Only Ext', extension: '+49897007209', phone_state: 'unknown' },
    { display_name: 'no id' }, null, 'text'] });
  assert.equal(page.next_page_token, 'p2');
  assert.deepEqual(page.contacts.map((c) => c.id), [4, 5, 6]);
  const [anna, bob, ext] = page.contacts;
  assert.equal(anna.target, '+49897007201');
  assert.equal(anna.detail, 'Sales · ACME · Munich');
  assert.deepEqual(anna.emails, ['anna@example.com']);
  assert.equal(pb.marks_text(anna), 'phone busy, away');
  assert.equal(bob.name, 'Bob Stone');
  assert.equal(bob.target, '', 'a fax is never a transfer target');
  assert.equal(ext.target, '+49897007209');
  assert.equal(pb.marks_text(ext), '');
});

test('the phone book is asked from two letters or three digits on', () => {
  for (const q of ['mü', ' Ol ', '+498', '897', 'de-la']) assert.equal(pb.worth_searching(q), true, q);
  for (const q of ['', 'm', ' 8 ', '+4', '12', '-.']) assert.equal(pb.worth_searching(q), false, q);
});

const link_event = (link, id, state, detail = '') => ({ type: 'event', event: 'link_state', link, id, state, detail });

test('the snapshot\'s links fill the PBX and trunk badges; none known gives none', () => {
  assert.equal(m.link_summary(m.empty_model(), 'pbx'), undefined);
  const model = m.apply_snapshot(m.empty_model(), {
    ...snapshot,
    links: [{ link: 'pbx', id: 'osv', state: 'down', detail: 'CSTA link lost' },
            { link: 'trunk', id: 'sip', state: 'up', detail: '' }, { link: '', id: 'x', state: 'up' }, 'junk'],
  }, 0);
  assert.equal(model.links.size, 2);
  assert.deepEqual(m.link_summary(model, 'pbx'), { link: 'pbx', id: 'osv', state: 'down', detail: 'CSTA link lost' });
  assert.equal(m.link_summary(model, 'trunk').state, 'up');
  // A later snapshot replaces the links, as it replaces everything.
  const later = m.apply_snapshot(model, { ...snapshot, links: [{ link: 'pbx', id: 'osv', state: 'up', detail: '' }] }, 0);
  assert.equal(m.link_summary(later, 'pbx').state, 'up');
  assert.equal(m.link_summary(later, 'trunk'), undefined);
});

test('a link going down is alerted, coming back is announced politely, a repeat is silent', () => {
  const model = m.empty_model();
  assert.deepEqual(m.apply_event(model, link_event('pbx', 'osv', 'up'), 0), {});  // first heard of, and up: no news
  const down = m.apply_event(model, link_event('pbx', 'osv', 'down', 'CSTA link lost'), 0);
  assert.equal(down.alert, 'PBX link osv is down: CSTA link lost');
  assert.equal(down.announce, undefined);
  assert.equal(m.link_summary(model, 'pbx').state, 'down');
  assert.deepEqual(m.apply_event(model, link_event('pbx', 'osv', 'down', 'connection refused'), 0), {});
  assert.equal(m.link_summary(model, 'pbx').detail, 'connection refused');
  const up = m.apply_event(model, link_event('pbx', 'osv', 'up'), 0);
  assert.equal(up.announce, 'PBX link osv is up again');
  assert.equal(up.alert, undefined);
  assert.equal(m.apply_event(model, link_event('trunk', 'sip', 'degraded', 'not registered'), 0).alert,
               'Trunk link sip is degraded: not registered');
});

test('the badge of a kind shows its worst link', () => {
  const model = m.empty_model();
  m.apply_event(model, link_event('trunk', 'a', 'up'), 0);
  m.apply_event(model, link_event('trunk', 'b', 'degraded'), 0);
  assert.equal(m.link_summary(model, 'trunk').id, 'b');
  m.apply_event(model, link_event('trunk', 'b', 'up'), 0);
  assert.equal(m.link_summary(model, 'trunk').state, 'up');
  assert.deepEqual(m.apply_event(model, { type: 'event', event: 'link_state', state: 'down' }, 0), {});
  assert.equal(model.links.size, 2);
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
