// SPDX-License-Identifier: GPL-3.0-or-later
#include "scratch_dir.h"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <system_error>

namespace portier::test {
namespace {

class ProcessScratch {
public:
   ProcessScratch() {
      std::string pattern = "/tmp/portier-test-XXXXXX";
      if (!::mkdtemp(pattern.data())) throw std::runtime_error("scratch_dir: mkdtemp failed for " + pattern);
      path_ = pattern;
   }
   ~ProcessScratch() {
      const char *keep = std::getenv("PORTIER_KEEP_TEST_FILES");
      if (keep && *keep && std::string_view(keep) != "0") {
         std::fprintf(stderr, "test files kept in %s\n", path_.c_str());
         return;
      }
      std::error_code ec;
      std::filesystem::remove_all(path_, ec);
   }
   ProcessScratch(const ProcessScratch &) = delete;
   ProcessScratch &operator=(const ProcessScratch &) = delete;

   const std::string &path() const { return path_; }

private:
   std::string path_;
};

}  // namespace

const std::string &scratch_dir() {
   static const ProcessScratch scratch;  // destroyed at exit, after the test's own objects
   return scratch.path();
}

std::string scratch_path(std::string_view name) { return scratch_dir() + "/" + std::string(name); }

}  // namespace portier::test
