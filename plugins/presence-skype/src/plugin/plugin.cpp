// SPDX-License-Identifier: GPL-3.0-or-later
// presence.skype: the descriptor, settings, start/stop and the portier_presence_v1 table. start()
// runs one std::jthread with the UCWA session (ucwa_session); subscribe and unsubscribe only
// queue the keys for it, so the engine never waits for the network.
#include <atomic>
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
#include "skype_settings.h"
#include "ucwa_session.h"

namespace portier::skype {
namespace {

class PresenceSkype : public Plugin<PresenceSkype> {
public:
   static Result<void> validate(std::string_view json) {
      auto parsed = parse_skype_settings(json);
      if (!parsed.ok()) return parsed.error();
      return ok();
   }

   static Result<std::unique_ptr<PresenceSkype>> create(Host /*host: the base keeps it*/, std::string_view json) {
      auto parsed = parse_skype_settings(json);
      if (!parsed.ok()) return parsed.error();
      return std::make_unique<PresenceSkype>(std::move(parsed).value());
   }

   explicit PresenceSkype(SkypeSettings settings) : settings_(std::move(settings)) {}

   Result<void> start() {
      link_ = std::make_unique<UcwaSession>(host(), settings_, queue_, wake_);
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
      if (key_type != PORTIER_PRESENCE_KEY_SIP_URI && key_type != PORTIER_PRESENCE_KEY_EMAIL) {
         return fail(err, PORTIER_ERR_INVALID,
                     std::string(what) + ": presence.skype takes SIP URI and e-mail keys, not key type " +
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
         return fail(err, PORTIER_ERR_BUSY, std::string(what) + ": too many keys waiting for the UCWA thread");
      }
      wake_.store(true);  // cuts the event channel's long poll short
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
         return reinterpret_cast<PresenceSkype *>(inst)->change(true, key_type, keys, count, err);
      } catch (...) {
         return internal(err, "subscribe");
      }
   }

   static portier_status PORTIER_ABI abi_unsubscribe(portier_instance *inst, std::int32_t key_type,
                                                     const char *const *keys, std::size_t count,
                                                     portier_error *err) noexcept {
      if (inst == nullptr) return internal(err, "unsubscribe: instance is NULL");
      try {
         return reinterpret_cast<PresenceSkype *>(inst)->change(false, key_type, keys, count, err);
      } catch (...) {
         return internal(err, "unsubscribe");
      }
   }

   static constexpr portier_presence_v1 kTable{static_cast<std::uint32_t>(sizeof(portier_presence_v1)),
                                               &abi_subscribe, &abi_unsubscribe};

   SkypeSettings settings_;
   http::CommandQueue queue_;
   std::atomic<bool> wake_{false};  // set after queueing; the session clears it when it takes the queue
   std::unique_ptr<UcwaSession> link_;  // engine thread only (start/stop); used by thread_
   std::jthread thread_;                 // last: joined first on destruction
};

}  // namespace
}  // namespace portier::skype

PORTIER_PLUGIN_EX(portier::skype::PresenceSkype,
                  portier::PluginInfo{"presence.skype", PORTIER_KIND_PRESENCE, "Skype for Business presence", "1.0.0", "", "",
                                      "", "GPL-3.0-or-later",
                                      "Presence of Skype for Business users, keyed by SIP URI or e-mail, from UCWA's event channel.",
                                      nullptr, nullptr})
