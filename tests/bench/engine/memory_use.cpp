// SPDX-License-Identifier: GPL-3.0-or-later
#include "memory_use.h"

#include <malloc.h>
#include <unistd.h>

#include <fstream>

namespace portier::bench {

MemoryUse memory_use() {
   MemoryUse use;
   std::ifstream statm("/proc/self/statm");
   std::int64_t size_pages = 0;
   std::int64_t resident_pages = 0;
   if (statm >> size_pages >> resident_pages) use.rss_bytes = resident_pages * sysconf(_SC_PAGESIZE);
   const struct mallinfo2 info = mallinfo2();
   use.heap_bytes = static_cast<std::int64_t>(info.uordblks + info.hblkhd);
   return use;
}

}  // namespace portier::bench
