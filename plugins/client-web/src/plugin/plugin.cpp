// SPDX-License-Identifier: GPL-3.0-or-later
// client.web: the plugin object and its portier.client/1 table. Settings are read by the logic
// part; start() finds the front end's directory, binds the port and starts the I/O thread;
// deliver() hands the engine's messages over to that thread.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>

#include <portier/kind/client.h>
#include <portier/portier.hpp>

#include "files_dir.h"
#include "server.h"
#include "settings.h"

namespace portier::web {
namespace {

namespace fs = std::filesystem;

// The directory to serve: the configured root, or the plugin's own files; canonical.
Result<fs::path> front_end_dir(const WebSettings &settings) {
   fs::path dir;
   if (!settings.root.empty()) {
      dir = settings.root;
   } else if (auto own = plugin_files_dir()) {
      dir = *own;
   } else {
      return portier::error(PORTIER_ERR_UNAVAILABLE, "cannot tell where the plugin's own files are; set settings.root");
   }
   std::error_code ec;
   const fs::path real = fs::canonical(dir, ec);
   if (ec || !fs::is_directory(real, ec)) {
      return portier::error(PORTIER_ERR_UNAVAILABLE,
                            (settings.root.empty() ? "the plugin's own files are missing: '" : "settings.root: '") +
                                dir.string() + "' is not a directory");
   }
   return real;
}

class Web : public Plugin<Web> {
public:
   static Result<void> validate(std::string_view json) {
      auto read = read_settings(json);
      if (!read.ok()) return read.error();
      return ok();
   }

   static Result<std::unique_ptr<Web>> create(Host host, std::string_view json) {
      auto read = read_settings(json);
      if (!read.ok()) return read.error();
      return std::make_unique<Web>(host, std::move(read).value());
   }

   Web(Host, WebSettings settings) : settings_(std::move(settings)) {}

   Result<void> start() {
      const auto *client = host().get_service<portier_host_client_v1>(PORTIER_HOST_CLIENT_1);
      if (client == nullptr || client->struct_size < sizeof(portier_host_client_v1) || client->submit == nullptr) {
         return portier::error(PORTIER_ERR_UNAVAILABLE, "the host serves no portier.host.client/1");
      }
      auto dir = front_end_dir(settings_);
      if (!dir.ok()) return dir.error();
      std::error_code ec;
      if (!fs::is_regular_file(dir.value() / "index.html", ec)) {
         host().warn("client.web: " + dir.value().string() + " has no index.html; the console will not load");
      }
      auto opened = WebServer::open(host(), client, settings_, dir.value());
      if (!opened.ok()) return opened.error();
      server_ = std::move(opened).value();
      server_->run();
      host().info("client.web: serving " + dir.value().string() + " on " + describe_listen(settings_, server_->port()) +
                 " (consoles at /ws)");
      return ok();
   }

   void stop() {
      if (server_) server_->stop();
      server_.reset();
   }

   const void *get_interface(std::string_view iid) const { return iid == PORTIER_IF_CLIENT_1 ? &kTable : nullptr; }

   static void PORTIER_ABI deliver(portier_instance *inst, uint64_t request_id, portier_str json) noexcept {
      if (inst == nullptr) return;
      Web &self = *reinterpret_cast<Web *>(inst);
      try {
         if (self.server_) self.server_->deliver(request_id, to_view(json));
      } catch (...) {
         self.host().error("client.web: out of memory: a message to the consoles was dropped");
      }
   }

   static const portier_client_v1 kTable;

private:
   WebSettings settings_;
   std::unique_ptr<WebServer> server_;
};

const portier_client_v1 Web::kTable{static_cast<std::uint32_t>(sizeof(portier_client_v1)), &Web::deliver};

constexpr const char *const kRequired[] = {PORTIER_HOST_CLIENT_1, nullptr};

constexpr PluginInfo kInfo{
    "client.web",                      // id
    PORTIER_KIND_CLIENT,               // kind
    "Attendant console (web)",         // name
    "0.1.0",                           // version
    "Portier",                         // vendor
    "",                                // url
    "",                                // support_url
    "GPL-3.0-or-later",                // license
    "Serves the attendant console over HTTP and WebSocket and carries the engine's JSON API to it.",
    nullptr,                           // features
    kRequired,                         // required_services
};

}  // namespace
}  // namespace portier::web

PORTIER_PLUGIN_EX(portier::web::Web, portier::web::kInfo)
