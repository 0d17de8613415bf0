#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Start-up benchmark: time from exec to every bundled plugin running, and RSS after start.

Runs portierd with every bundled plugin enabled, N times, and beside it the reference peer of
shared/bench-reference (the minimal Kamailio proxy): time from exec to its UDP socket being
bound, and its memory. Prints figures; passes or fails on nothing but errors.

usage: startup.py BUILD_DIR [--runs N] [--kamailio-cfg FILE]
"""
import argparse
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time

DEADLINE_S = 20.0


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def pss_kib(pid):
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def children_of(pid):
    out = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            if int(fields[1]) == pid:
                out.append(int(entry))
        except OSError:
            continue
    return out


def status(sock_path):
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.settimeout(2)
    s.connect(sock_path)
    s.sendall(b'{"cmd":"status"}\n')
    data = b""
    while not data.endswith(b"\n"):
        chunk = s.recv(65536)
        if not chunk:
            break
        data += chunk
    s.close()
    return json.loads(data)


def bundled_plugins(plugin_dir):
    return sorted(f[:-3] for f in os.listdir(plugin_dir) if f.endswith(".so"))


def plugin_id(portier_check, path):
    """Asks the conformance kit for the descriptor's id (runs only the pure entry)."""
    out = subprocess.run([portier_check, path, "--json", "--run-ms", "0"], capture_output=True, text=True)
    return json.loads(out.stdout)["descriptor"]["id"]


def one_portierd_run(portierd, config, sock_path, expect):
    t0 = time.monotonic()
    proc = subprocess.Popen([portierd, "--config", config], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while True:
            if time.monotonic() - t0 > DEADLINE_S:
                raise RuntimeError("portierd did not start every plugin within %d s" % DEADLINE_S)
            if proc.poll() is not None:
                raise RuntimeError("portierd exited with %d" % proc.returncode)
            try:
                doc = status(sock_path)
                states = {p["id"]: p["state"] for p in doc["plugins"]}
                if len(states) == expect and all(s == "running" for s in states.values()):
                    break
            except (OSError, ValueError):
                pass
            time.sleep(0.001)
        elapsed_ms = (time.monotonic() - t0) * 1000
        return elapsed_ms, rss_kib(proc.pid), pss_kib(proc.pid)
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=10)


def udp_port_bound(port):
    hexport = ":%04X" % port
    for table in ("/proc/net/udp", "/proc/net/udp6"):
        try:
            with open(table) as f:
                for line in f.readlines()[1:]:
                    if line.split()[1].endswith(hexport):
                        return True
        except OSError:
            pass
    return False


def free_udp_port():
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def one_kamailio_run(kamailio, cfg_text, work):
    port = free_udp_port()
    cfg = os.path.join(work, "kamailio.cfg")
    with open(cfg, "w") as f:
        f.write(re.sub(r"listen=udp:127\.0\.0\.1:\d+", f"listen=udp:127.0.0.1:{port}", cfg_text))
    rundir = os.path.join(work, "run")
    os.makedirs(rundir, exist_ok=True)
    t0 = time.monotonic()
    proc = subprocess.Popen([kamailio, "-f", cfg, "-DD", "-E", "-m", "64", "-M", "16", "-Y", rundir,
                             "-P", os.path.join(rundir, "k.pid"), "-w", work],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while not udp_port_bound(port):
            if time.monotonic() - t0 > DEADLINE_S or proc.poll() is not None:
                raise RuntimeError("kamailio did not bind its port")
            time.sleep(0.001)
        elapsed_ms = (time.monotonic() - t0) * 1000
        time.sleep(0.2)  # let its children finish forking before we count them
        pids = [proc.pid] + children_of(proc.pid)
        return elapsed_ms, rss_kib(proc.pid), sum(pss_kib(p) for p in pids), len(pids)
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=10)


def summary(values):
    return statistics.median(values), min(values), max(values)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("build_dir")
    ap.add_argument("--runs", type=int, default=15)
    ap.add_argument("--kamailio-cfg", default=os.path.join(os.path.dirname(__file__), "../../../shared/bench-reference/kamailio.cfg"))
    args = ap.parse_args()
    runs = max(1, min(args.runs, 100))

    portierd = os.path.join(args.build_dir, "bin", "portierd")
    checker = os.path.join(args.build_dir, "bin", "portier-plugin-check")
    plugin_dir = os.path.join(args.build_dir, "lib", "portier", "plugins")
    names = bundled_plugins(plugin_dir)
    work = tempfile.mkdtemp(prefix="portier-bench-")
    try:
        sock_path = os.path.join(work, "portierd.sock")
        lines = ["system:", f"  control_socket: {sock_path}", "store:", f"  path: {work}/var/portier.db",
                 "plugins:", f"  search_path: [{plugin_dir}]", "  load:"]
        for name in names:
            lines += [f"    - id: {plugin_id(checker, os.path.join(plugin_dir, name + '.so'))}", f"      file: {name}"]
        config = os.path.join(work, "portier.yaml")
        with open(config, "w") as f:
            f.write("\n".join(lines) + "\n")

        one_portierd_run(portierd, config, sock_path, len(names))  # warm the page cache
        p = [one_portierd_run(portierd, config, sock_path, len(names)) for _ in range(runs)]

        rows = [("portierd: exec to all %d plugins running" % len(names), "ms", summary([r[0] for r in p])),
                ("portierd: RSS after start", "MiB", summary([r[1] / 1024 for r in p])),
                ("portierd: PSS after start", "MiB", summary([r[2] / 1024 for r in p]))]

        kamailio = shutil.which("kamailio") or "/usr/sbin/kamailio"
        if os.path.exists(kamailio) and os.path.exists(args.kamailio_cfg):
            with open(args.kamailio_cfg) as f:
                cfg_text = f.read()
            k = [one_kamailio_run(kamailio, cfg_text, work) for _ in range(runs)]
            rows += [("reference kamailio (tm+rr): exec to UDP bound", "ms", summary([r[0] for r in k])),
                     ("reference kamailio: RSS of main process", "MiB", summary([r[1] / 1024 for r in k])),
                     ("reference kamailio: PSS of all %d processes" % k[0][3], "MiB", summary([r[2] / 1024 for r in k]))]
        else:
            rows.append(("reference kamailio: not installed (tools/dev bench installs it)", "", (0, 0, 0)))

        print(f"start-up, {runs} runs each, bundled plugins: {', '.join(names)}")
        print(f"{'figure':58} {'unit':>4} {'median':>9} {'min':>9} {'max':>9}")
        for label, unit, (med, lo, hi) in rows:
            print(f"{label:58} {unit:>4} {med:9.1f} {lo:9.1f} {hi:9.1f}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    try:
        main()
    except RuntimeError as e:
        sys.exit("startup.py: %s" % e)
