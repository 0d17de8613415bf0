// SPDX-License-Identifier: GPL-3.0-or-later
// Fuzzes portier::control::check_request, which reads one request line from a local client.
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <variant>

#include "broken_promise.h"
#include "control/request_check.h"

using portier::fuzz::require;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
   const std::string_view line(reinterpret_cast<const char *>(data), size);
   const auto checked = portier::control::check_request(line);  // promised never to throw
   if (const auto *error = std::get_if<portier::control::RequestError>(&checked)) {
      require(!error->message.empty(), "an error has a message");
      // The answer goes back as one line, serialised the way ControlSession::send does.
      const auto answer = portier::control::error_answer(error->message);
      (void)answer.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
      return 0;
   }
   const auto &request = std::get<nlohmann::json>(checked);
   const auto cmd = request.find("cmd");
   require(request.is_object() && cmd != request.end() && cmd->is_string(),
           "an accepted request is an object with a \"cmd\" string");
   return 0;
}
