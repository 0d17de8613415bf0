// SPDX-License-Identifier: GPL-3.0-or-later
#include "temp_dir.h"

#include <cstdlib>
#include <fstream>
#include <stdexcept>

namespace test {

TempDir::TempDir() {
   std::string pattern = (std::filesystem::temp_directory_path() / "portier-csv-XXXXXX").string();
   if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
   path_ = pattern;
}

TempDir::~TempDir() {
   std::error_code ignored;
   std::filesystem::remove_all(path_, ignored);
}

std::string TempDir::write(const std::string &name, std::string_view bytes) const {
   const std::filesystem::path file = path_ / name;
   std::ofstream out(file, std::ios::binary | std::ios::trunc);
   out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
   if (!out) throw std::runtime_error("cannot write " + file.string());
   return file.string();
}

}  // namespace test
