// SPDX-License-Identifier: GPL-3.0-or-later
// What the process holds: resident memory from /proc, and bytes in use from the allocator.
#pragma once

#include <cstdint>

namespace portier::bench {

struct MemoryUse {
   std::int64_t rss_bytes = 0;
   std::int64_t heap_bytes = 0;  // glibc mallinfo2: bytes handed out by malloc, not yet freed
};

MemoryUse memory_use();

}  // namespace portier::bench
