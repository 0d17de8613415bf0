// SPDX-License-Identifier: GPL-3.0-or-later
// presence.circuit: the descriptor, settings, start/stop and the portier_presence_v1 table. start()
// runs one std::jthread with the Circuit session (circuit_session); subscribe and unsubscribe only
// queue the keys for it, so the engine never waits for the network.
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include <portier/kind/presence.h>
#include <portier/plugin.hpp>

#include "command_queue.h"
#include "circuit_session.h"
#include "circuit_settings.h"

namespace portier::circuit {
namespace {

class PresenceCircuit : public Plugin<PresenceCircuit> {
public:
   static Result<void> validate(std::string_view json) {
      auto parsed = parse_circuit_settings(json);
      if (!parsed.ok()) return parsed.error();
      return ok();
   }

   static Result<std::unique_ptr<PresenceCircuit>> create(Host /*host: the base keeps it*/, std::string_view json) {
      auto parsed = parse_circuit_settings(json);
      if (!parsed.ok()) return parsed.error();
      return std::make_unique<PresenceCircuit>(std::move(parsed).value());
   }

   explicit PresenceCircuit(CircuitSettings settings) : settings_(std::move(settings)) {}

   Result<void> start() {
      link_ = std::make_unique<CircuitSession>(host(), settings_, queue_);
      thread_ = std::jthread([link = link_.get()](std::stop_token stop) { link->run(stop); });
      return ok();
   }

   void stop() {
      if (thread_.joinable()) {
         thread_.request_stop();
         thread_.join();
      }
      link_.reset();
   }

   const void *get_interface(std::string_view iid) const {
      return iid == PORTIER_IF_PRESENCE_1 ? &kTable : nullptr;
   }

   portier_status change(bool subscribe, std::int32_t key_type, const char *const *keys, std::size_t count,
                         portier_error *err) {
      const char *what = subscribe ? "subscribe" : "unsubscribe";
      host().assert_engine_thread(what);
      if (!link_) return fail(err, PORTIER_ERR_STATE, std::string(what) + ": the plugin is not started");
      if (key_type != PORTIER_PRESENCE_KEY_EMAIL) {
         return fail(err, PORTIER_ERR_INVALID,
                     std::string(what) + ": presence.circuit takes e-mail keys, not key type " +
                         std::to_string(key_type));
      }
      if (count > 0 && keys == nullptr) return fail(err, PORTIER_ERR_INVALID, std::string(what) + ": keys is NULL");
      std::vector<http::Command> commands;
      commands.reserve(count);
      for (std::size_t i = 0; i < count; ++i) {
         if (keys[i] == nullptr) continue;
         commands.push_back(http::Command{subscribe, key_type, keys[i]});
      }
      if (!queue_.push(std::move(commands))) {
         return fail(err, PORTIER_ERR_BUSY, std::string(what) + ": too many keys waiting for the Circuit thread");
      }
      return PORTIER_OK;
   }

private:
   static portier_status fail(portier_error *err, portier_status status, const std::string &message) {
      detail::write_error(err, 0, {message});
      return status;
   }

   static portier_status internal(portier_error *err, std::string_view where) noexcept {
      detail::write_error(err, 0, {"exception in ", where});
      return PORTIER_ERR_INTERNAL;
   }

   static portier_status PORTIER_ABI abi_subscribe(portier_instance *inst, std::int32_t key_type,
                                                   const char *const *keys, std::size_t count,
                                                   portier_error *err) noexcept {
      if (inst == nullptr) return internal(err, "subscribe: instance is NULL");
      try {
         return reinterpret_cast<PresenceCircuit *>(inst)->change(true, key_type, keys, count, err);
      } catch (...) {
         return internal(err, "subscribe");
      }
   }

   static portier_status PORTIER_ABI abi_unsubscribe(portier_instance *inst, std::int32_t key_type,
                                                     const char *const *keys, std::size_t count,
                                                     portier_error *err) noexcept {
      if (inst == nullptr) return internal(err, "unsubscribe: instance is NULL");
      try {
         return reinterpret_cast<PresenceCircuit *>(inst)->change(false, key_type, keys, count, err);
      } catch (...) {
         return internal(err, "unsubscribe");
      }
   }

   static constexpr portier_presence_v1 kTable{static_cast<std::uint32_t>(sizeof(portier_presence_v1)),
                                               &abi_subscribe, &abi_unsubscribe};

   CircuitSettings settings_;
   http::CommandQueue queue_;
   std::unique_ptr<CircuitSession> link_;  // engine thread only (start/stop); used by thread_
   std::jthread thread_;                 // last: joined first on destruction
};

}  // namespace
}  // namespace portier::circuit

PORTIER_PLUGIN_EX(portier::circuit::PresenceCircuit,
                  portier::PluginInfo{"presence.circuit", PORTIER_KIND_PRESENCE, "Circuit presence", "1.0.0", "", "",
                                      "", "GPL-3.0-or-later",
                                      "Presence of Circuit users, keyed by e-mail, polled from the Circuit REST API v2.",
                                      nullptr, nullptr})
