// SPDX-License-Identifier: GPL-3.0-or-later
// A fresh folder under /tmp for one test, removed with everything in it afterwards.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <system_error>

namespace portier::kernel::test {

class TempDir {
public:
   TempDir() {
      std::string pattern = "/tmp/portier-unit-XXXXXX";
      if (!mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
      path_ = pattern;
   }
   ~TempDir() {
      std::error_code ec;
      std::filesystem::remove_all(path_, ec);
   }
   TempDir(const TempDir &) = delete;
   TempDir &operator=(const TempDir &) = delete;

   const std::filesystem::path &path() const { return path_; }

private:
   std::filesystem::path path_;
};

}  // namespace portier::kernel::test
