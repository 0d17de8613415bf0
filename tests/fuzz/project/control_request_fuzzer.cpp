// SPDX-License-Identifier: GPL-3.0-or-later
// Fuzzes portier::control::check_request, which reads one request line from a local client.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>
#include <variant>

#include "control/request_check.h"

namespace {

void require(bool holds) {
   if (!holds) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
   const std::string_view line(reinterpret_cast<const char *>(data), size);
   const auto checked = portier::control::check_request(line);
   if (const auto *error = std::get_if<portier::control::RequestError>(&checked)) {
      require(!error->message.empty());
      // The error goes back to the client as one JSON line: it must serialise.
      const auto answer = portier::control::error_answer(error->message);
      (void)answer.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
      return 0;
   }
   const auto &request = std::get<nlohmann::json>(checked);
   require(request.is_object() && request.contains("cmd") && request["cmd"].is_string());
   return 0;
}
