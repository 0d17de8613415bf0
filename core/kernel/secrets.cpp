// SPDX-License-Identifier: GPL-3.0-or-later
#include "kernel/secrets.h"

#include <cstdlib>
#include <fstream>
#include <iterator>

namespace portier::kernel {
namespace {

// Secret files are small: a password, a token, a key.
constexpr std::size_t kMaxSecretBytes = 64 * 1024;

}  // namespace

std::optional<std::string> read_secret(const SecretRef &ref, std::string &why)
{
   if (!ref.env.empty()) {
      const char *value = std::getenv(ref.env.c_str());
      if (value == nullptr) {
         why = "secret '" + ref.name + "': environment variable " + ref.env + " is not set";
         return std::nullopt;
      }
      return std::string(value);
   }
   std::ifstream in(ref.file, std::ios::binary);
   if (!in) {
      why = "secret '" + ref.name + "': cannot read " + ref.file.string();
      return std::nullopt;
   }
   std::string value;
   value.resize(kMaxSecretBytes + 1);
   in.read(value.data(), static_cast<std::streamsize>(value.size()));
   value.resize(static_cast<std::size_t>(in.gcount()));
   if (value.size() > kMaxSecretBytes) {
      why = "secret '" + ref.name + "': " + ref.file.string() + " is larger than 64 KiB";
      return std::nullopt;
   }
   // Editors end files with a newline that is no part of a password.
   while (!value.empty() && (value.back() == '\n' || value.back() == '\r')) {
      value.pop_back();
   }
   return value;
}

}  // namespace portier::kernel
