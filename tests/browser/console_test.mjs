// SPDX-License-Identifier: GPL-3.0-or-later
// Browser tests of the attendant console against a real portierd (issue 6's acceptance):
//   node console_test.mjs --flow FLOW --portierd P --portier P --plugins DIR --source DIR --artifacts DIR
// FLOW: mouse | keyboard | accessibility | log_on_errors | reconnect | release | contacts | presence. Exit 0 pass, 1 fail,
// 77 skipped (no /usr/bin/chromium, no node_modules, no sipp: the reason is printed).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Daemon, kAnnaDevice, kPilot, kTargetName, kTargetSearch, kTransferTarget, needs_sipp } from './lib/daemon.mjs';
import { kChromium, kModules } from './lib/browser.mjs';

const kSkip = 77;
const kQueueDeadlineMs = 500;

function parse_args(argv) {
  const out = {};
  for (let i = 0; i + 1 < argv.length; i += 2) out[argv[i].replace(/^--/, '')] = argv[i + 1];
  for (const key of ['flow', 'portierd', 'portier', 'plugins', 'source', 'artifacts']) {
    if (out[key] === undefined) {
      console.error(`usage: console_test.mjs --${key} ... missing`);
      process.exit(2);
    }
  }
  return out;
}

function skip(why) {
  console.log(`SKIP: ${why}`);
  process.exit(kSkip);
}

class Failure extends Error {}
function expect(condition, message) {
  if (!condition) throw new Failure(message);
}

const args = parse_args(process.argv.slice(2));
if (!existsSync(kChromium)) skip(`${kChromium} is not installed (Debian: apt install chromium)`);
if (!existsSync(join(kModules, 'playwright-core')) || !existsSync(join(kModules, 'axe-core'))) {
  skip(`${kModules} is missing; run tools/dev (or: cd tests/browser && npm ci --no-audit --no-fund)`);
}
const flows = await import('./lib/flows.mjs');
const flow = flows.kFlows[args.flow];
if (flow === undefined) {
  console.error(`unknown flow '${args.flow}'; one of ${Object.keys(flows.kFlows).join(', ')}`);
  process.exit(2);
}
if (flow.needs_xmpp !== undefined && !existsSync('/usr/bin/prosody')) skip('/usr/bin/prosody is not installed (Debian: apt install prosody)');
if (flow.needs_calls && !needs_sipp()) {
  console.error('FAIL: sipp is not installed');
  process.exit(1);
}

const { launch } = await import('./lib/browser.mjs');
const daemon = new Daemon(args);
const artifacts = join(args.artifacts, args.flow);
let browser;
let code = 0;
try {
  if (flow.needs_xmpp !== undefined) await daemon.start_xmpp(flow.needs_xmpp);
  await daemon.start();
  browser = await launch(artifacts);
  const t = { daemon, browser, page: browser.page, expect, pilot: kPilot, device: kAnnaDevice,
              target: kTransferTarget, target_search: kTargetSearch, target_name: kTargetName,
              queue_deadline_ms: kQueueDeadlineMs, log: (s) => console.log(s) };
  await flow.run(t);
  console.log(`PASS: ${flow.title}; screenshots in ${artifacts}`);
} catch (e) {
  code = 1;
  console.error(`FAIL: ${e instanceof Failure ? e.message : e?.stack ?? e}`);
  if (browser !== undefined) {
    try {
      console.error(`screenshot of the failure: ${await browser.shot('failure')}`);
    } catch {
      // The page is gone: nothing to show.
    }
    if (browser.console_lines.length > 0) console.error(`--- browser console:\n${browser.console_lines.join('\n')}`);
  }
  const lines = Number(process.env.PORTIER_BROWSER_LOG_LINES ?? 60);
  console.error(`--- portierd log (last ${lines} lines):\n${daemon.log().split('\n').slice(-lines).join('\n')}`);
} finally {
  if (browser !== undefined) await browser.close().catch(() => {});
  await daemon.stop();
  daemon.cleanup();
}
process.exit(code);
