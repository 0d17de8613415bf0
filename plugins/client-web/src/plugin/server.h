// SPDX-License-Identifier: GPL-3.0-or-later
// client.web's server: one I/O thread of its own running HTTP/1.1 and WebSocket (and TLS when
// configured) on one port. Opening binds the port, so start() fails with the reason; deliver()
// hands the engine's messages to the I/O thread and returns at once.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string_view>

#include <portier/host.hpp>
#include <portier/kind/client.h>
#include <portier/result.hpp>

#include "settings.h"

namespace portier::web {

class WebServer {
public:
   // Loads the TLS certificate and key, binds and listens; nothing runs yet. `root` must be an
   // existing directory. [engine]
   static Result<std::unique_ptr<WebServer>> open(Host host, const portier_host_client_v1 *client,
                                                  WebSettings settings, const std::filesystem::path &root);
   ~WebServer();
   WebServer(const WebServer &) = delete;
   WebServer &operator=(const WebServer &) = delete;

   // Starts the I/O thread. [engine]
   void run();
   // Closes every connection and joins the I/O thread. [engine]
   void stop();
   // An answer (request_id > 0) or event (0) from the engine; `json` is copied. [engine]
   void deliver(std::uint64_t request_id, std::string_view json);

   // The port actually bound (the configured one, or the one the system chose for port 0).
   std::uint16_t port() const;

private:
   struct Impl;
   explicit WebServer(std::unique_ptr<Impl> impl);
   std::unique_ptr<Impl> impl_;
};

}  // namespace portier::web
