// SPDX-License-Identifier: GPL-3.0-or-later
#include "kernel/directory_source_kind.h"

#include <string>
#include <string_view>

#include <portier/kind/pbx.h>
#include <portier/plugin.h>

namespace portier::kernel {

std::optional<ConfigError> directory_source_kind_error(const DirectorySourceConfig &source, const char *kind) {
   const std::string_view k = kind ? kind : "";
   if (k == PORTIER_KIND_DIRECTORY || k == PORTIER_KIND_PBX) return std::nullopt;
   return ConfigError{Position{source.file, source.line, source.column},
                      source.path + ".plugin: '" + source.plugin + "' is a plugin of kind '" + std::string(k) +
                          "', not directory (nor a pbx plugin offering " + PORTIER_IF_PBX_SYNC_1 + ")"};
}

}  // namespace portier::kernel
