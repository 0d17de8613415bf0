// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/socket_choice.h"

#include <exception>

#include "kernel/config.h"

namespace portier::cli {
namespace {

bool present(const std::optional<std::string> &value) { return value && !value->empty(); }

}  // namespace

std::filesystem::path config_file(const SocketSources &sources) {
   if (present(sources.option_config)) return *sources.option_config;
   if (present(sources.env_config)) return *sources.env_config;
   return kDefaultConfigFile;
}

SocketChoice choose_socket(const SocketSources &sources) {
   if (present(sources.option)) return {*sources.option, ""};
   if (present(sources.env_socket)) return {*sources.env_socket, ""};

   const auto file = config_file(sources);
   std::string why;
   try {
      auto loaded = kernel::load_config_file(file);
      if (loaded.config && !loaded.config->system.control_socket.empty()) {
         return {loaded.config->system.control_socket, ""};
      }
      why = loaded.errors.empty() ? "it names no system.control_socket"
                                  : loaded.errors.front().to_string();
   } catch (const std::exception &e) {
      why = e.what();
   }
   return {kFallbackSocket, "could not read the control socket from " + file.string() + " (" +
                                why + "); tried " + kFallbackSocket};
}

}  // namespace portier::cli
