#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Free loopback ports for daemon tests, never 5060-5080. As a program:
#   free_ports.py PORTS [RANGE]  prints PORTS ports free for UDP and TCP, then, when RANGE is
#                                given, the even start of RANGE consecutive ports free for UDP.
# As a module (lib.sh): Finder().port(), Finder().range(count); close() releases them.
import random
import socket
import sys


def ephemeral_low():
    """The first port the kernel hands out for port 0 (32768 when it cannot be read)."""
    try:
        with open("/proc/sys/net/ipv4/ip_local_port_range") as f:
            return int(f.read().split()[0])
    except (OSError, ValueError, IndexError):
        return 32768


class Finder:
    """Holds every port it hands out until close(), so one run never hands out a port twice."""

    def __init__(self):
        self.held = []

    def _bindable(self, port, kinds):
        mark = len(self.held)
        for kind in kinds:
            s = socket.socket(socket.AF_INET, kind)
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                s.close()
                for held in self.held[mark:]:
                    held.close()
                del self.held[mark:]
                return False
            self.held.append(s)
        return True

    def port(self):
        # Below the kernel's ephemeral ports, as for ranges: a port the kernel handed out for
        # port 0 was seen taken again (by a DNS query's or a phone's socket bound to port 0)
        # between this check and the plugin's bind.
        top = max(ephemeral_low(), 10001)
        for _ in range(400):
            port = random.randrange(10000, top)
            if not 5060 <= port <= 5080 and self._bindable(port, (socket.SOCK_STREAM, socket.SOCK_DGRAM)):
                return port
        sys.exit("no free port")

    def range(self, count):
        # Below the kernel's ephemeral ports: a socket bound to port 0 anywhere on the machine
        # (SIPp, pbx.sim's phones, another test) could otherwise land inside the range between
        # this check and the trunk's bind.
        low = ephemeral_low()
        top = max(low, 10000 + count + 2)
        for _ in range(200):
            start = random.randrange(10000, top - count) & ~1
            mark = len(self.held)
            if all(self._bindable(p, (socket.SOCK_DGRAM,)) for p in range(start, start + count)):
                return start
            for s in self.held[mark:]:
                s.close()
            del self.held[mark:]
        sys.exit("no free RTP range")

    def close(self):
        for s in self.held:
            s.close()
        self.held = []


if __name__ == "__main__":
    finder = Finder()
    found = [finder.port() for _ in range(int(sys.argv[1]))]
    if len(sys.argv) > 2:
        found.append(finder.range(int(sys.argv[2])))
    finder.close()
    print(*found)
