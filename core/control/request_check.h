// SPDX-License-Identifier: GPL-3.0-or-later
// Turns one request line into a checked command, or the error answer the client gets.
#pragma once

#include <string_view>
#include <variant>

#include <nlohmann/json.hpp>

namespace portier::control {

struct RequestError {
   std::string message;
};

// Parses `line` (without its '\n') and checks that it is an object whose "cmd" is one of
// status, lamps, reload, stop or engine. Never throws.
std::variant<nlohmann::json, RequestError> check_request(std::string_view line);

// {"ok":false,"error":message}
nlohmann::json error_answer(std::string_view message);

}  // namespace portier::control
