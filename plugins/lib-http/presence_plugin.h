// SPDX-License-Identifier: GPL-3.0-or-later
// What every presence plugin's C ABI side is alike in: the settings parsed for validate and
// create, one std::jthread running the backend's session, and the portier_presence_v1 table whose
// subscribe and unsubscribe only queue keys for that thread, so the engine never waits for the
// network. A plugin gives a traits struct and names the instance type for PORTIER_PLUGIN_EX:
//
//   struct TeamsTraits {
//      using Settings = TeamsSettings;
//      using Session = GraphSession;            // void run(std::stop_token) on the plugin's thread
//      static Result<Settings> parse(std::string_view json);
//      static std::unique_ptr<Session> make(Host host, const Settings &, http::CommandQueue &queue,
//                                           std::atomic<bool> &wake);   // wake: set after each push
//      static bool takes(std::int32_t key_type);
//      static constexpr const char *kId = "presence.teams";
//      static constexpr const char *kKeys = "e-mail keys";           // "... takes e-mail keys, not key type 3"
//      static constexpr const char *kThread = "the Graph thread";    // "too many keys waiting for the Graph thread"
//   };
//   using PresenceTeams = http::PresencePlugin<TeamsTraits>;
//
// Thread tags: validate/create/start/stop/subscribe/unsubscribe [engine]; the session [plugin thread].
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include <portier/kind/presence.h>
#include <portier/plugin.hpp>

#include "command_queue.h"

namespace portier::http {

template <typename Traits>
class PresencePlugin : public Plugin<PresencePlugin<Traits>> {
public:
   using Settings = typename Traits::Settings;
   using Session = typename Traits::Session;

   static Result<void> validate(std::string_view json) {
      auto parsed = Traits::parse(json);
      if (!parsed.ok()) return parsed.error();
      return ok();
   }

   static Result<std::unique_ptr<PresencePlugin>> create(Host host, std::string_view json) {
      auto parsed = Traits::parse(json);
      if (!parsed.ok()) return parsed.error();
      // settings that read with a warning (an old key name) say so once, when the instance is made
      if constexpr (requires { parsed.value().warnings; }) {
         for (const std::string &w : parsed.value().warnings) host.warn(std::string(Traits::kId) + ": " + w);
      }
      return std::make_unique<PresencePlugin>(std::move(parsed).value());
   }

   explicit PresencePlugin(Settings settings) : settings_(std::move(settings)) {}

   Result<void> start() {
      link_ = Traits::make(this->host(), settings_, queue_, wake_);
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

   const void *get_interface(std::string_view iid) const { return iid == PORTIER_IF_PRESENCE_1 ? &kTable : nullptr; }

   portier_status change(bool subscribe, std::int32_t key_type, const char *const *keys, std::size_t count,
                         portier_error *err) {
      const char *what = subscribe ? "subscribe" : "unsubscribe";
      this->host().assert_engine_thread(what);
      if (!link_) return fail(err, PORTIER_ERR_STATE, std::string(what) + ": the plugin is not started");
      if (!Traits::takes(key_type)) {
         return fail(err, PORTIER_ERR_INVALID,
                     std::string(what) + ": " + Traits::kId + " takes " + Traits::kKeys + ", not key type " +
                         std::to_string(key_type));
      }
      if (count > 0 && keys == nullptr) return fail(err, PORTIER_ERR_INVALID, std::string(what) + ": keys is NULL");
      std::vector<Command> commands;
      commands.reserve(count);
      for (std::size_t i = 0; i < count; ++i) {
         if (keys[i] == nullptr) continue;
         commands.push_back(Command{subscribe, key_type, keys[i]});
      }
      if (!queue_.push(std::move(commands))) {
         return fail(err, PORTIER_ERR_BUSY, std::string(what) + ": too many keys waiting for " + Traits::kThread);
      }
      wake_.store(true);  // a session in a long poll may cut it short
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
         return reinterpret_cast<PresencePlugin *>(inst)->change(true, key_type, keys, count, err);
      } catch (...) {
         return internal(err, "subscribe");
      }
   }

   static portier_status PORTIER_ABI abi_unsubscribe(portier_instance *inst, std::int32_t key_type,
                                                     const char *const *keys, std::size_t count,
                                                     portier_error *err) noexcept {
      if (inst == nullptr) return internal(err, "unsubscribe: instance is NULL");
      try {
         return reinterpret_cast<PresencePlugin *>(inst)->change(false, key_type, keys, count, err);
      } catch (...) {
         return internal(err, "unsubscribe");
      }
   }

   static constexpr portier_presence_v1 kTable{static_cast<std::uint32_t>(sizeof(portier_presence_v1)),
                                               &abi_subscribe, &abi_unsubscribe};

   Settings settings_;
   CommandQueue queue_;
   std::atomic<bool> wake_{false};  // set after queueing; a session that polls long clears it when it takes the queue
   std::unique_ptr<Session> link_;  // engine thread only (start/stop); used by thread_
   std::jthread thread_;            // last: joined first on destruction
};

}  // namespace portier::http
