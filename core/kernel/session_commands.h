// SPDX-License-Identifier: GPL-3.0-or-later
// The client-API commands session_save, session_drop and session_list (docs/sdk/client-api.md):
// a client plugin keeps its log-on sessions in the core's store so they outlive a restart of
// portierd. Each plugin instance sees only its own rows. A session whose account is gone or
// disabled, or whose time is up, is deleted rather than listed.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/model/account.h"
#include "kernel/store.h"

namespace portier::kernel {

class SessionCommands {
public:
   // `store_path` is the kernel's store, opened at the first command; "" keeps nothing.
   explicit SessionCommands(std::filesystem::path store_path) : store_path_(std::move(store_path)) {}

   // True for the request types answered here.
   static bool serves(std::string_view type);
   // The answer's fields ("ok", ...) for `request` of the plugin instance `plugin`. `accounts`
   // are the configuration's in force, `now_ms` the wall clock in Unix ms. [engine]
   nlohmann::json handle(const nlohmann::json &request, std::string_view plugin,
                         const std::vector<engine::Account> &accounts, std::int64_t now_ms);

private:
   nlohmann::json save(const nlohmann::json &request, std::string_view plugin,
                       const std::vector<engine::Account> &accounts, std::int64_t now_ms);
   nlohmann::json drop(const nlohmann::json &request, std::string_view plugin);
   nlohmann::json list(std::string_view plugin, const std::vector<engine::Account> &accounts, std::int64_t now_ms);
   Store *store();

   std::filesystem::path store_path_;
   std::optional<Store> store_;
   bool store_failed_ = false;  // told once in the log
};

}  // namespace portier::kernel
