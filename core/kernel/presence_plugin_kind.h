// SPDX-License-Identifier: GPL-3.0-or-later
// Which plugin `presence.plugin` may name, known from the library's descriptor alone: one of
// kind presence. Shared by `portier check` (check.cpp) and portierd's start
// (presence_service.cpp), so both say the same, at the line and column of the `plugin:` value
// (as directory_source_kind.h does for the directory sources).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <portier/kind/presence.h>

#include "kernel/config.h"
#include "kernel/presence_config.h"

namespace portier::kernel {

// The error at the `plugin:` value when `kind` (the descriptor's, may be null) is not presence;
// nullopt when it is. [any]
inline std::optional<ConfigError> presence_plugin_kind_error(const PresenceConfig &presence, const char *kind) {
   const std::string_view k = kind ? kind : "";
   if (k == PORTIER_KIND_PRESENCE) return std::nullopt;
   return ConfigError{Position{presence.file, presence.line, presence.column},
                      "presence.plugin: '" + presence.plugin + "' is a plugin of kind '" + std::string(k) +
                          "', not presence"};
}

}  // namespace portier::kernel
