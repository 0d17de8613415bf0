#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Loopback ports for tests, reserved machine-wide so tests running in parallel never pick the
# same one (docs/testing.md, "Ports of tests running in parallel"). A port is taken when its
# lock file ${TMPDIR:-/tmp}/portier-test-ports/PORT is flocked and a bind to it succeeds; the
# lock is held until the reserving process ends, so a crashed test frees its ports. The C++ tests
# use the same files (tests/support/test_ports.h). Ports lie in 10000 .. the kernel's first
# ephemeral port, never 5060-5080.
#
# As a program (shell and Node tests):
#   free_ports.py [--for PID] PORTS [RANGE ...]
# prints PORTS ports free for UDP and TCP, then the even start of one range of RANGE consecutive
# ports free for UDP per RANGE, and keeps them reserved in a background holder until process PID
# (default: the caller) has ended. As a module (python runners): Finder().port(),
# Finder().range(count); the ports stay reserved until the process ends or close(), or, after
# hold_for(pid), until process pid has ended.
import errno
import fcntl
import os
import random
import socket
import sys
import time

LOWEST = 10000
LOCK_DIR = os.path.join(os.environ.get("TMPDIR") or "/tmp", "portier-test-ports")
HOLD_LIMIT_S = 3 * 3600  # a holder outlives no test by more than this, whatever happens


def ephemeral_low():
    """The first port the kernel hands out for port 0 (32768 when it cannot be read)."""
    try:
        with open("/proc/sys/net/ipv4/ip_local_port_range") as f:
            return int(f.read().split()[0])
    except (OSError, ValueError, IndexError):
        return 32768


def _lock_dir():
    if not os.path.isdir(LOCK_DIR):
        try:
            os.mkdir(LOCK_DIR)
            os.chmod(LOCK_DIR, 0o1777)  # shared by every user's tests, like /tmp itself
        except FileExistsError:
            pass
    return LOCK_DIR


def _lock(port):
    """The fd of PORT's lock file, flocked, or None when another process holds it."""
    # Read-only: flock needs no write access, so another user's lock files serve as well.
    fd = os.open(os.path.join(_lock_dir(), str(port)), os.O_RDONLY | os.O_CREAT, 0o666)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as e:
        os.close(fd)
        if e.errno in (errno.EWOULDBLOCK, errno.EAGAIN):
            return None
        raise
    return fd


def _bindable(port, kinds):
    """Whether nobody outside the reservation (a product socket on port 0, a stray server)
    holds PORT now; the probe socket is closed at once so the test's program can bind it."""
    for kind in kinds:
        with socket.socket(socket.AF_INET, kind) as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                return False
    return True


class Finder:
    """Reserves ports for the life of the process (or until close()); never hands one out twice."""

    def __init__(self):
        self.locks = []

    def _reserve(self, ports, kinds):
        taken = []
        for port in ports:
            fd = _lock(port)
            if fd is None:
                break
            taken.append(fd)
        if len(taken) == len(ports) and all(_bindable(p, kinds) for p in ports):
            self.locks.extend(taken)
            return True
        for fd in taken:
            os.close(fd)
        return False

    def port(self):
        # Below the kernel's ephemeral ports: a socket bound to port 0 anywhere on the machine
        # (a DNS query, SIPp, a phone of pbx.sim) never lands on it.
        top = max(ephemeral_low(), LOWEST + 1)
        for _ in range(400):
            port = random.randrange(LOWEST, top)
            if not 5060 <= port <= 5080 and self._reserve([port], (socket.SOCK_STREAM, socket.SOCK_DGRAM)):
                return port
        sys.exit("no free port")

    def range(self, count):
        top = max(ephemeral_low(), LOWEST + count + 2)
        for _ in range(200):
            start = random.randrange(LOWEST, top - count) & ~1
            if self._reserve(list(range(start, start + count)), (socket.SOCK_DGRAM,)):
                return start
        sys.exit("no free RTP range")

    def close(self):
        for fd in self.locks:
            os.close(fd)
        self.locks = []


def hold_for(pid):
    """Keeps this process's locks in a detached child until PID has ended; returns in the parent."""
    if os.fork() != 0:
        return
    os.setsid()
    null = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):  # the caller's pipes (ctest's, $(...)) must not wait for the holder
        os.dup2(null, fd)
    deadline = time.monotonic() + HOLD_LIMIT_S
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            break
        except PermissionError:
            pass
        time.sleep(0.2)
    os._exit(0)


def main(argv):
    owner = os.getppid()
    if argv[:1] == ["--for"]:
        owner, argv = int(argv[1]), argv[2:]
    finder = Finder()
    found = [finder.port() for _ in range(int(argv[0]))]
    found += [finder.range(int(n)) for n in argv[1:]]
    print(*found, flush=True)
    hold_for(owner)


if __name__ == "__main__":
    main(sys.argv[1:])
