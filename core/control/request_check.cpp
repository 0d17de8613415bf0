// SPDX-License-Identifier: GPL-3.0-or-later
#include "control/request_check.h"

#include <array>
#include <string>

namespace portier::control {
namespace {

constexpr std::array<std::string_view, 5> kCommands{"status", "lamps", "reload", "stop", "engine"};

// nlohmann's what() starts with "[json.exception.parse_error.101] parse error at line 1, column
// N: "; the offset is reported separately, so keep only the explanation after it.
std::string parse_detail(const char *what) {
   std::string_view text(what);
   const auto colon = text.find(": ");
   if (colon != std::string_view::npos) text.remove_prefix(colon + 2);
   return std::string(text);
}

}  // namespace

nlohmann::json error_answer(std::string_view message) {
   return nlohmann::json{{"ok", false}, {"error", std::string(message)}};
}

std::variant<nlohmann::json, RequestError> check_request(std::string_view line) {
   nlohmann::json request;
   try {
      request = nlohmann::json::parse(line);
   } catch (const nlohmann::json::parse_error &e) {
      return RequestError{"malformed JSON at offset " + std::to_string(e.byte) + ": " +
                          parse_detail(e.what())};
   } catch (const nlohmann::json::exception &e) {
      // Parse errors are not the only throw: a number too large for a double is out_of_range.
      return RequestError{"malformed JSON: " + parse_detail(e.what())};
   }
   if (!request.is_object()) return RequestError{"request must be a JSON object"};
   const auto cmd = request.find("cmd");
   if (cmd == request.end() || !cmd->is_string()) {
      return RequestError{"request needs a \"cmd\" string"};
   }
   const auto &name = cmd->get_ref<const std::string &>();
   for (const auto known : kCommands) {
      if (name == known) return request;
   }
   return RequestError{"unknown command '" + name + "' (expected status, lamps, reload, stop, engine)"};
}

}  // namespace portier::control
