# SPDX-License-Identifier: GPL-3.0-or-later
"""The Python side of presence_driver (presence_driver.cpp here), shared by the presence
integration scripts (presence_uc, presence_teams, presence_unify_office, presence_skype,
presence_circuit) and tests/bench/presence: runs a plugin in the driver, sends its commands and
collects what the plugin says. The rest of the scripts' common shell is runner.py; each script
keeps its own mock, settings and expectations. python3 only, no packages.

Driver(argv, secrets) starts the driver; secrets {name: value} become PORTIER_SECRET_<name>, the
driver's one source of secrets. A reader thread collects, under d.lock:
  d.events  key -> list of (availability, activity, confirmed_us, activity_text, note, arrival)
  d.states  list of (state, reason, arrival)
  d.logs    list of log messages
with arrival the time.time() the line was read.
"""
import os
import queue
import subprocess
import sys
import threading
import time

RUNNING, LIMITED = 0, 1  # PORTIER_STATE_*


def fail(message):
    """Ends the test: the scripts' failure line and exit status 1 (finally blocks still run)."""
    print("FAIL: " + message, flush=True)
    sys.exit(1)


class Driver:
    """One presence_driver process: argv is [driver, plugin.so]."""

    def __init__(self, argv, secrets=None):
        env = dict(os.environ, **{"PORTIER_SECRET_" + name: value for name, value in (secrets or {}).items()})
        self.proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env)
        self.done = queue.Queue()  # the driver's "done" lines, one per command
        self.events = {}
        self.states = []
        self.logs = []
        self.lock = threading.Lock()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.proc.stdout:
            parts = line.rstrip("\n").split("\t")
            now = time.time()
            with self.lock:
                if parts[0] == "event":
                    self.events.setdefault(parts[2], []).append(
                        (int(parts[3]), int(parts[4]), int(parts[5]), parts[6], parts[7], now))
                elif parts[0] == "state":
                    self.states.append((int(parts[1]), parts[2], now))
                elif parts[0] == "log":
                    self.logs.append(parts[2])
            if parts[0] == "done":
                self.done.put(parts)

    def command(self, text):
        """Sends one command line; fails the test unless the driver answers status 0 within 10 s."""
        self.proc.stdin.write(text + "\n")
        self.proc.stdin.flush()
        done = self.done.get(timeout=10)
        if done[2] != "0":
            fail("driver command %r failed: %s" % (text[:60], done))

    def wait(self, what, predicate, seconds):
        """Polls predicate() under the lock until it holds; fails the test after `seconds`."""
        end = time.time() + seconds
        while time.time() < end:
            with self.lock:
                if predicate():
                    return
            time.sleep(0.02)
        fail("timed out after %.0f s waiting for %s" % (seconds, what))

    def last(self, key):
        """The last event of `key`, or None."""
        with self.lock:
            items = self.events.get(key)
            return items[-1] if items else None

    def quit(self):
        """Stops the plugin; fails the test unless the driver exits with 0, as a sanitizer build
        reports leaks and memory errors through the exit status."""
        self.proc.stdin.write("quit\n")
        self.proc.stdin.flush()
        if self.proc.wait(timeout=15) != 0:
            fail("the driver exited with status %d" % self.proc.returncode)

    def close(self, timeout=15):
        """Stops the plugin whatever went wrong before (for finally blocks): quit, and kill the
        driver if it has not ended after `timeout` s. Returns its exit status."""
        try:
            if self.proc.poll() is None:
                self.proc.stdin.write("quit\n")
                self.proc.stdin.flush()
            self.proc.wait(timeout=timeout)
        except Exception:  # noqa: BLE001 - killed below whatever went wrong
            pass
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(timeout=5)
        return self.proc.returncode
