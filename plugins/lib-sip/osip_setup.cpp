// SPDX-License-Identifier: GPL-3.0-or-later
#include "osip_setup.h"

#include <cstdarg>
#include <cstdlib>
#include <mutex>

#include <osipparser2/osip_parser.h>
#include <osipparser2/osip_port.h>

namespace portier::sip {
namespace {

// osip reports parse trouble as traces; the parse result already says what failed.
void silent_sink(const char *, int, osip_trace_level_t, const char *, va_list) {}

}  // namespace

void ensure_osip() {
   static std::once_flag once;
   std::call_once(once, [] {
      osip_trace_initialize_func(OSIP_INFO4, &silent_sink);
      parser_init();
   });
}

}  // namespace portier::sip
