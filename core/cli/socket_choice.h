// SPDX-License-Identifier: GPL-3.0-or-later
// Which control socket the CLI talks to: --socket, $PORTIER_SOCKET, or the config file's.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace portier::cli {

inline constexpr const char *kDefaultConfigFile = "./config/portier.yaml";
inline constexpr const char *kFallbackSocket = "./var/portierd.sock";

struct SocketChoice {
   std::filesystem::path socket;
   // Set when the config could not be read and kFallbackSocket was used; explains why, so an
   // error about the socket can say which path was tried and where it came from.
   std::string note;
};

struct SocketSources {
   std::optional<std::string> option;       // --socket
   std::optional<std::string> env_socket;   // $PORTIER_SOCKET
   std::optional<std::string> option_config;  // --config
   std::optional<std::string> env_config;   // $PORTIER_CONFIG
};

// The configuration file the CLI reads: --config, else $PORTIER_CONFIG, else the default.
std::filesystem::path config_file(const SocketSources &sources);

SocketChoice choose_socket(const SocketSources &sources);

}  // namespace portier::cli
