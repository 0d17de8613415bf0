// SPDX-License-Identifier: GPL-3.0-or-later
// A registered WAV file that variants and queues play.
#pragma once

#include <filesystem>
#include <string>

namespace portier::engine {

struct Announcement {
   std::string id;
   std::filesystem::path file;  // absolute after loading
   std::string tenant;
};

}  // namespace portier::engine
