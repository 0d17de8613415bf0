// SPDX-License-Identifier: GPL-3.0-or-later
// The client-API commands for administrators that the kernel answers itself (docs/sdk/client-api.md
// "Administration"): plugin_status, config_check and config_reload, the same figures and steps
// as the control channel's status, `portier check` and reload. A client plugin decides who may
// ask (client.web: system managers only); the kernel answers whoever asks. Engine thread only.
#pragma once

#include <functional>
#include <string_view>

#include <nlohmann/json.hpp>

namespace portier::kernel {

class Kernel;

// Re-reads the configuration file in force and publishes it, as the control channel's reload
// does: {"ok":true,"message","changes"} or {"ok":false,"error","errors"} with nothing changed.
// portierd sets it (it records the publish and tells the engine); without one config_reload is
// answered `unavailable`. [engine]
using ConfigReloader = std::function<nlohmann::json()>;

// True for plugin_status, config_check and config_reload.
bool serves_admin_command(std::string_view type);

// {"ok":true,"plugins":[{"id","kind","name","version","state","detail","since","events"}]}:
// every configured plugin, in configuration order. [engine]
nlohmann::json plugin_status_answer(const Kernel &kernel);

// Checks the configuration file in force as it is on disk now (what a reload would read), as
// `portier check` does: {"ok":true,"file","valid","findings":["FILE:LINE:COL: ..."]}. A daemon on
// the embedded configuration answers `unavailable`. Loads plugin libraries but starts nothing. [engine]
nlohmann::json config_check_answer(const Kernel &kernel);

// Runs `reload` and turns its result into the answer's fields: {"ok":true,"applied":true,
// "message","changes"} or {"ok":true,"applied":false,"message","findings"} (a refused publish
// is an answer, not an error: nothing changed). [engine]
nlohmann::json config_reload_answer(const ConfigReloader &reload);

}  // namespace portier::kernel
