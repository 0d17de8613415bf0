// SPDX-License-Identifier: GPL-3.0-or-later
#include "portier/directory_source/status_line.h"

#include <cstdio>

namespace portier::directory_source {
namespace {

std::string seconds_text(std::int64_t us) {
   char text[32];
   std::snprintf(text, sizeof text, "%.1f s", static_cast<double>(us) / 1e6);
   return text;
}

}  // namespace

std::string status_line(const std::string &head, std::int64_t started_us, std::int64_t finished_us) {
   return head + " in " + seconds_text(finished_us - started_us) + " at host clock " + seconds_text(finished_us);
}

}  // namespace portier::directory_source
