// SPDX-License-Identifier: GPL-3.0-or-later
// Loopback ports for tests that must name a port before the program that binds it starts (SIPp,
// a plugin's listener, an RTP range). Reserved machine-wide, so tests running in parallel (ctest
// -j) never pick the same one: a port is taken when its lock file
// ${TMPDIR:-/tmp}/portier-test-ports/PORT is flocked and a bind to it succeeds, and the lock is
// held until this process exits, so a crashed test frees its ports. The shell, Python and Node
// tests use the same files (tests/integration/daemon/free_ports.py). Ports lie between 10000 and
// the kernel's first ephemeral port, so no socket bound to port 0 lands on them; never 5060-5080.
// A test that can bind port 0 itself and read the port back needs none of this.
#pragma once

#include <cstdint>

namespace portier::test {

// What the ports of a reservation must be free for.
enum class PortUse { udp, udp_and_tcp };

// Reserves `count` consecutive ports free for `use` on 127.0.0.1 and returns the first (even when
// `even_start`). Throws std::runtime_error when no free block is found after a bounded number of
// tries or the lock folder cannot be made. Thread-safe; a port is never handed out twice.
std::uint16_t reserve_ports(std::uint32_t count, PortUse use, bool even_start);

// One port free for UDP and TCP. Errors as reserve_ports.
std::uint16_t reserve_port();

// An even start of `count` ports free for UDP: an RTP range. Errors as reserve_ports.
std::uint16_t reserve_rtp_range(std::uint32_t count);

}  // namespace portier::test
