// SPDX-License-Identifier: GPL-3.0-or-later
// A temporary folder for one test, removed with everything in it when the test ends.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace test {

class TempDir {
public:
   TempDir();
   TempDir(const TempDir &) = delete;
   TempDir &operator=(const TempDir &) = delete;
   ~TempDir();

   // Writes `bytes` to `name` in the folder and returns the file's absolute path.
   std::string write(const std::string &name, std::string_view bytes) const;
   const std::filesystem::path &path() const noexcept { return path_; }

private:
   std::filesystem::path path_;
};

}  // namespace test
