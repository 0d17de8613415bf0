// SPDX-License-Identifier: GPL-3.0-or-later
// The phone-book commands of the client API that the kernel answers itself: directory_search,
// directory_contact, directory_sync, directory_status and directory_report
// (docs/sdk/client-api.md, "Phone book"). Engine thread only.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "kernel/directory_sync.h"
#include "numbers/number_plan.h"

namespace portier::kernel {

// The busy-lamp state of the device with this extension ("idle", "busy", ...), nullopt when no
// pbx plugin reports it.
using PhoneStateOf = std::function<std::optional<std::string>(std::string_view extension)>;

// The fused live state of contact `id` as the client API's `state` object (contact_states.h),
// nullopt when nothing is known about it.
using ContactStateOf = std::function<std::optional<nlohmann::json>(std::int64_t id)>;

// True for the request types answered here.
bool serves_directory(std::string_view type);

// The answer's fields ("ok", ...; the kernel adds "type" and "request_id"). `sync` null: no phone
// book is configured, and every command is answered "unavailable". `plan` gives each number its
// dialled form ("dial"); null: numbers have none. `state_of` adds each contact's `state`; unset:
// none is added.
nlohmann::json answer_directory(const nlohmann::json &request, DirectorySync *sync, const PhoneStateOf &phone_state,
                                const numbers::NumberPlan *plan, const ContactStateOf &state_of = {});

}  // namespace portier::kernel
