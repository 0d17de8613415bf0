// SPDX-License-Identifier: GPL-3.0-or-later
// portierd for the browser tests: pbx.sim (the simulated OpenScape Voice with its SIP side),
// pbx.osv on its CSTA link, trunk.sip registered at it, client.web on a free port; accounts
// with the cheap test hashes. Every process is started here and ended here, by its pid.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const kPilot = '+498970071200';
export const kAnnaDevice = '+49897007100';       // anna's workplace: answers 300 ms after ringing
export const kTransferTarget = '+49897007201';   // answers after 1.5 s, hangs up 2 s later
// The phone book (tenant DEFAULT; extensions are the digits the PBX dials): three letters of the target's family name find her first.
// (A plugin is loaded once per portierd, so a second tenant's CSV source would need a second
// source plugin; the tenant scope of searches is tested in tests/unit/directory and client_web.)
export const kTargetSearch = 'Off';
export const kTargetName = 'Olga Office';
const kPhoneBook = `id,given,family,company,department,extension,office,mobile,email
1,Olga,Office,Browser Test Ltd,Reception,7201,${kTransferTarget},+491701110001,olga@example.com
2,Olaf,Offner,Browser Test Ltd,Sales,7202,+49897007202,,olaf@example.com
3,Anna,Attendant,Browser Test Ltd,Reception,7100,${kAnnaDevice},,anna@example.com
4,Jürgen,Müller,Browser Test Ltd,Accounts,7203,+49897007203,,
`;
const kXmppConsolePassword = 'console-secret';  // run_with_prosody.py's CONSOLE_PASSWORD
export const kAnnaHash = '$argon2id$v=19$m=8192,t=1,p=1$Muvwe8jJD27BZlUpRFfYuA$0P2eAc7EDNLU5sRCc4Xt+8GD8qQu1DC1f8b0gWfqB74';
export const kBobHash = '$argon2id$v=19$m=8192,t=1,p=1$iGsGCaaYum9kRJPmOCzbpQ$EaCSUTQCG53cHcBdfJvUUbrhY55T2DOpGmmnr90qioM';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Free loopback ports, never 5060-5080: `count` ports, then the start of one UDP range per entry
// of `ranges`. The daemon tests' helper, so all tests share one reservation: the ports stay
// reserved until this process ends, and no test running in parallel takes them (docs/testing.md).
function free_ports(source_dir, count, ranges) {
  const out = execFileSync('python3', [join(source_dir, 'tests/integration/daemon/free_ports.py'),
                                       '--for', String(process.pid), String(count), ...ranges.map(String)],
                           { encoding: 'utf8' });
  const ports = out.trim().split(/\s+/).map(Number);
  if (ports.length !== count + ranges.length || ports.some((p) => !Number.isInteger(p) || p <= 0)) {
    throw new Error(`no free ports: ${out}`);
  }
  return ports;
}

const kColumns = '{ source_id: id, given: given, family: family, company: company, department: department, ' +
  'extension: extension, email: email, phones: [{ column: office, type: office }, { column: mobile, type: mobile }] }';

// presence.uc watching the flow's prosody (xmpp_peer.py): extension 7201 is u7201@uc.test.
function presence_plugin(d) {
  const settings = { server: '127.0.0.1', port: d.xmpp_port, domain: 'uc.test', user: 'console',
                     password_secret: 'uc_password', version: 'V10', jid_template: 'u{extension}@{domain}',
                     reconnect_min_seconds: 1, reconnect_max_seconds: 2, tls: { ca_file: join(d.xmpp.work, 'ca.pem') } };
  return `    - id: presence.uc
      file: portier-presence-uc
      secrets:
        uc_password: { env: PORTIER_UC_PASSWORD }
      settings: ${JSON.stringify(settings)}
`;
}

function config(d) {
  return `system:
  control_socket: ${d.sock}
store:
  path: ${d.work}/var/portier.db
tenants:
  - name: DEFAULT
    routing_type: pick
    default_ring_time_ms: 0
    default_rna_timeout_ms: 20000
    max_transfer_time_ms: 15000
    max_parked: 2
  - name: Hotel
accounts:
  - { user: anna, role: attendant, password: { argon2id: "${kAnnaHash}" } }
  - { user: bob, tenant: Hotel, role: attendant, password: { argon2id: "${kBobHash}" } }
ddi:
  - pilot_number: "${kPilot}"
    company: Browser Test Ltd
    default_ring_time_ms: 0
directory:
  sources:
    - { plugin: directory.csv, tenant: DEFAULT, schedule: manual }
${d.xmpp === undefined ? '' : 'presence:\n  plugin: presence.uc\n  tenants: [DEFAULT]\n'}number_ranges:
  - tenant: DEFAULT
    request_numbers: "+498970071240..59"
    callback_numbers: "+498970071260..69"
plugins:
  search_path: [${d.plugin_dir}]
  load:
    - id: pbx.sim
      file: portier-pbx-sim
      settings:
        port: ${d.csta}
        sip: true
        sip_port: ${d.sim_sip}
        trunk: { register_id: portier-cps, user: portier, password: "", realm: pbxsim }
        cps_numbers: ["+498970071200..99"]
        rtp: { start_port: ${d.sim_rtp}, count: 40 }
        office:
          no_answer_ms: 60000
          extensions:
            - { number: "${kAnnaDevice}", name: Anna Attendant, kind: attendant, answer_after_ms: 300 }
            - { number: "${kTransferTarget}", name: Olga Office, answer_after_ms: 1500, hang_up_after_ms: 2000 }
          outside_numbers: ["+4930901820"]
    - id: pbx.osv
      file: portier-pbx-osv
      settings:
        host: 127.0.0.1
        port: ${d.csta}
        monitor: ["${kAnnaDevice}", "${kTransferTarget}"]
    - id: trunk.sip
      file: portier-trunk-sip
      settings:
        mode: trunk
        register_id: portier-cps
        registrar: { host: 127.0.0.1, port: ${d.sim_sip} }
        listen: { address: 127.0.0.1, port: ${d.trunk_sip} }
        rtp: { start_port: ${d.trunk_rtp}, count: 40 }
        channels: 10
        ratio: 3
        pilot_numbers: ["+498970071200..09"]
        personal_lines: ["+498970071210..29"]
        request_numbers: "+498970071240..59"
        callback_numbers: "+498970071260..69"
    - id: directory.csv
      file: portier-directory-csv
      settings: { path: ${d.work}/phonebook.csv, columns: ${kColumns} }
${d.xmpp === undefined ? '' : presence_plugin(d)}    - id: client.web
      file: portier-client-web
      settings:
        listen: "127.0.0.1:${d.web}"
${process.env.PORTIER_WEB_ROOT ? `        root: ${process.env.PORTIER_WEB_ROOT}\n` : ''}`;
}

export class Daemon {
  constructor(args) {
    this.args = args;
    this.work = mkdtempSync(join(tmpdir(), 'portier-browser-test.'));
    this.sock = join(this.work, 'portierd.sock');
    this.plugin_dir = args.plugins;
    this.helpers = [];
    // SIPp binds its media port and the one two above: a range of 4 each.
    [this.csta, this.sim_sip, this.trunk_sip, this.web, this.sipp_sip, this.sipp2_sip, this.xmpp_port,
     this.trunk_rtp, this.sim_rtp, this.sipp_media, this.sipp2_media] = free_ports(args.source, 7, [40, 40, 4, 4]);
    this.url = `http://127.0.0.1:${this.web}`;
    this.proc = undefined;
  }

  // The log since the last start (a restart appends to the same file).
  log(all = false) {
    try {
      const text = readFileSync(join(this.work, 'daemon.log'), 'utf8');
      return all ? text : text.slice(this.log_offset ?? 0);
    } catch {
      return '';
    }
  }

  async start() {
    mkdirSync(join(this.work, 'var'), { recursive: true });
    writeFileSync(join(this.work, 'portier.yaml'), config(this));
    writeFileSync(join(this.work, 'phonebook.csv'), kPhoneBook);
    const { openSync } = await import('node:fs');
    this.log_offset = this.log(true).length;
    const log = openSync(join(this.work, 'daemon.log'), 'a');
    this.proc = spawn(this.args.portierd, ['--config', join(this.work, 'portier.yaml')],
                      { stdio: ['ignore', log, log], env: { ...process.env, PORTIER_UC_PASSWORD: kXmppConsolePassword } });
    this.exited = new Promise((resolve) => this.proc.on('exit', (code, signal) => resolve({ code, signal })));
    // Generous: a sanitizer build, or one under a debugger (PORTIER_BROWSER_START_MS), starts slowly.
    const start_ms = Number(process.env.PORTIER_BROWSER_START_MS ?? 30000);
    await this.wait_log(/\[engine\] drives trunk 'trunk\.sip'/, start_ms, 'the engine did not attach to trunk.sip');
    await this.wait_log(new RegExp(`client\\.web: serving .* on https?://127\\.0\\.0\\.1:${this.web}`), 10000,
                        'client.web did not say where it serves');
    await this.wait_state('trunk.sip', 'running', 10000);
    if (process.env.PORTIER_BROWSER_DEV_PROXY === '1') {
      const { start_dev_proxy } = await import('./dev_session_proxy.mjs');
      this.proxy?.close();
      this.proxy = await start_dev_proxy(this.web);
      this.url = `http://127.0.0.1:${this.proxy.port}`;
    }
  }

  async wait_log(pattern, ms, what) {
    const deadline = Date.now() + ms;
    while (Date.now() < deadline) {
      if (pattern.test(this.log())) return;
      if (this.proc !== undefined && this.proc.exitCode !== null) throw new Error(`portierd exited: ${what}`);
      await sleep(100);
    }
    throw new Error(`${what} (no line matching ${pattern} in ${ms} ms)`);
  }

  // The time (ms since the epoch) of the newest log line matching PATTERN, waiting for it.
  async log_time(pattern, ms) {
    await this.wait_log(pattern, ms, `no log line ${pattern}`);
    const lines = this.log().split('\n').filter((l) => pattern.test(l));
    const stamp = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z)/.exec(lines[lines.length - 1] ?? '');
    if (stamp === null) throw new Error(`the log line has no time: ${lines[lines.length - 1]}`);
    return Date.parse(stamp[1]);
  }

  status() {
    try {
      return JSON.parse(execFileSync(this.args.portier, ['--socket', this.sock, 'status', '--json'], { encoding: 'utf8', timeout: 5000 }));
    } catch {
      return undefined;
    }
  }

  async wait_state(id, state, ms) {
    const deadline = Date.now() + ms;
    while (Date.now() < deadline) {
      const plugin = this.status()?.plugins?.find((p) => p.id === id);
      if (plugin?.state === state) return;
      await sleep(150);
    }
    throw new Error(`plugin ${id} never reached ${state}`);
  }

  // prosody with the office users USERS (before start(): portierd then loads presence.uc).
  async start_xmpp(users) {
    const work = join(this.work, 'xmpp');
    const proc = spawn('python3', [join(this.args.source, 'tests/browser/lib/xmpp_peer.py'), work, String(this.xmpp_port), ...users],
                       { stdio: ['pipe', 'pipe', 'inherit'] });
    this.xmpp_proc = proc;
    this.xmpp_exited = new Promise((resolve) => proc.on('exit', resolve));
    const lines = [];
    let waiting;
    proc.stdout.setEncoding('utf8');
    let buffered = '';
    proc.stdout.on('data', (chunk) => {
      buffered += chunk;
      for (let nl = buffered.indexOf('\n'); nl >= 0; nl = buffered.indexOf('\n')) {
        lines.push(buffered.slice(0, nl));
        buffered = buffered.slice(nl + 1);
      }
      waiting?.();
    });
    const next_line = async (ms) => {
      const deadline = Date.now() + ms;
      while (lines.length === 0) {
        if (proc.exitCode !== null) throw new Error('xmpp_peer.py exited');
        if (Date.now() > deadline) throw new Error(`xmpp_peer.py said nothing in ${ms} ms`);
        await new Promise((resolve) => { waiting = resolve; setTimeout(resolve, 100); });
      }
      return lines.shift();
    };
    const ready = await next_line(30000);
    if (ready !== 'ready') throw new Error(`prosody did not start: ${ready}`);
    this.xmpp = {
      work,
      // USER's presence at prosody; resolves to the Unix ms just before it was sent.
      async presence(user, show, note) {
        proc.stdin.write(`presence ${user} ${show} ${note}\n`);
        const answer = await next_line(10000);
        const sent = /^sent (\d+)$/.exec(answer);
        if (sent === null) throw new Error(`xmpp_peer.py: ${answer}`);
        return Number(sent[1]);
      },
    };
  }

  // One engine command through the CLI (for the set-up a test does not show in the browser).
  engine(command) {
    return JSON.parse(execFileSync(this.args.portier, ['--socket', this.sock, 'engine', JSON.stringify(command)],
                                   { encoding: 'utf8', timeout: 5000 }));
  }

  // A SIPp caller to NUMBER that stays until the far end hangs up (20 s at most); returns the
  // time the INVITE left (just before SIPp starts: the measured delay is never too short).
  call(number, second = false) {
    const sip = second ? this.sipp2_sip : this.sipp_sip;
    const media = second ? this.sipp2_media : this.sipp_media;
    const scenario = join(this.args.source, 'tests/integration/daemon/scenarios/uac_caller_waits.xml');
    const started = Date.now();
    const proc = spawn('timeout', ['40', 'sipp', '-sf', scenario, '-s', number, `127.0.0.1:${this.trunk_sip}`,
                                   '-i', '127.0.0.1', '-p', String(sip), '-mp', String(media), '-m', '1', '-trace_err',
                                   '-timeout', '35', '-timeout_error', '-nostdin', '-set', 'rtp_port', String(media)],
                       { cwd: this.work, stdio: 'ignore' });
    const done = new Promise((resolve) => proc.on('exit', (code) => resolve(code)));
    this.helpers.push(proc);
    return { started, done, proc };
  }

  async stop() {
    this.proxy?.close();
    this.proxy = undefined;
    for (const p of this.helpers) if (p.exitCode === null) p.kill('SIGTERM');
    if (this.proc !== undefined && this.proc.exitCode === null) {
      this.proc.kill('SIGTERM');
      const timer = setTimeout(() => this.proc.kill('SIGKILL'), 10000);
      await this.exited;
      clearTimeout(timer);
    }
    // After portierd: prosody stops when its helper's stdin closes (SIGTERM also stops it).
    if (this.xmpp_proc !== undefined && this.xmpp_proc.exitCode === null) {
      this.xmpp_proc.stdin.end();
      const timer = setTimeout(() => this.xmpp_proc.kill('SIGTERM'), 10000);
      await this.xmpp_exited;
      clearTimeout(timer);
    }
  }

  cleanup() {
    rmSync(this.work, { recursive: true, force: true });
  }
}

export function needs_sipp() {
  try {
    execFileSync('sipp', ['-v'], { stdio: 'ignore' });
    return true;
  } catch (e) {
    return e.status !== undefined && e.status !== null;  // sipp -v exits non-zero but runs
  }
}

export function exists(path) {
  return existsSync(path);
}
