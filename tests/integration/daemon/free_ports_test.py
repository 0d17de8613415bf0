#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# free_ports.py's machine-wide reservation: ports handed out stay locked for their owner's life,
# no other process gets them meanwhile, and they are free again once the owner has ended.
#   free_ports_test.py   (exit 0: passed; a FAIL line and exit 1 otherwise)
import fcntl
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True  # nothing left in the source tree
import free_ports  # noqa: E402


def fail(why):
    print("FAIL: " + why, file=sys.stderr)
    sys.exit(1)


def locked_elsewhere(port):
    """Whether another process holds PORT's lock file now (probed without taking it for long)."""
    fd = os.open(os.path.join(free_ports.LOCK_DIR, str(port)), os.O_RDONLY | os.O_CREAT, 0o666)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return False
    except BlockingIOError:
        return True
    finally:
        os.close(fd)


def wait_until(check, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.05)
    return check()


def main():
    top = free_ports.ephemeral_low()
    # The program form: ports for an owner process (here a sleep), held after the program returned.
    owner = subprocess.Popen(["sleep", "30"])
    try:
        out = subprocess.run([sys.executable, os.path.join(HERE, "free_ports.py"), "--for", str(owner.pid), "2", "6"],
                             capture_output=True, text=True, timeout=10, check=True).stdout.split()
        if len(out) != 3:
            fail("expected 2 ports and a range start, got %r" % out)
        a, b, start = map(int, out)
        ports = [a, b] + list(range(start, start + 6))
        if start % 2 or any(not 10000 <= p < top or 5060 <= p <= 5080 for p in ports):
            fail("ports outside 10000..%d or an odd range start: %r" % (top, out))
        if len(set(ports)) != len(ports):
            fail("a port handed out twice: %r" % out)
        if not all(locked_elsewhere(p) for p in ports):
            fail("a port is not reserved while its owner runs")
        # Another chooser skips them: a Finder here cannot reserve any of them.
        finder = free_ports.Finder()
        if any(finder._reserve([p], ()) for p in ports):
            fail("a second chooser got a reserved port")
        finder.close()
    finally:
        owner.kill()
        owner.wait()
    if not wait_until(lambda: not any(locked_elsewhere(p) for p in ports), 5):
        fail("the ports stay reserved after their owner ended")
    # The module form: held until close().
    finder = free_ports.Finder()
    port = finder.port()
    if not locked_elsewhere(port):
        fail("a Finder's port is not reserved")
    finder.close()
    if locked_elsewhere(port):
        fail("a port stays reserved after close()")
    print("free_ports: reservation held for the owner's life and released after it")


if __name__ == "__main__":
    main()
