// SPDX-License-Identifier: GPL-3.0-or-later
#include "files_dir.h"

#include <dlfcn.h>

#include <system_error>

namespace portier::web {

std::optional<std::filesystem::path> plugin_files_dir() {
   Dl_info info{};
   // Any address inside this object names it; the function's own is at hand.
   if (dladdr(reinterpret_cast<const void *>(&plugin_files_dir), &info) == 0 || info.dli_fname == nullptr) {
      return std::nullopt;
   }
   std::error_code ec;
   const std::filesystem::path self = std::filesystem::canonical(info.dli_fname, ec);
   if (ec) return std::nullopt;
   // lib/portier/plugins/<file>.so -> share/portier/client-web
   return (self.parent_path() / ".." / ".." / ".." / "share" / "portier" / "client-web").lexically_normal();
}

}  // namespace portier::web
