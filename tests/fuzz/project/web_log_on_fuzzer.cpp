// SPDX-License-Identifier: GPL-3.0-or-later
// Fuzzes client.web's log-on: the body of POST /api/session (portier::web::read_log_on_body)
// and the command it becomes; and the core's answer reader (read_authenticate_answer) with the
// JSON the browser then gets.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <variant>

#include <nlohmann/json.hpp>

#include "broken_promise.h"
#include "log_on.h"

using nlohmann::json;
using portier::fuzz::require;
using namespace portier::web;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
   const std::string_view body(reinterpret_cast<const char *>(data), size);

   const auto read = read_log_on_body(body);
   if (const auto *r = std::get_if<LogOnRequest>(&read)) {
      require(body.size() <= kMaxLogOnBodyBytes, "a body over the limit is refused");
      require(!r->tenant.empty() && r->tenant.size() <= kMaxNameChars && !r->user.empty() &&
                  r->user.size() <= kMaxNameChars && !r->password.empty() && r->password.size() <= kMaxPasswordChars,
              "tenant, user and password are within their bounds");
      const json command = json::parse(authenticate_command(*r, "127.0.0.1"), nullptr, false);
      require(command.is_object() && command["type"] == "authenticate" && command["tenant"] == r->tenant &&
                  command["user"] == r->user && command["password"] == r->password && command["remote"] == "127.0.0.1",
              "the authenticate command carries the body's fields unchanged");
   } else {
      require(!std::get<Invalid>(read).message.empty(), "a refused body says why");
   }

   const auto answer = read_authenticate_answer(body);
   if (const auto *account = std::get_if<Account>(&answer)) {
      const json page = json::parse(session_json(*account, "csrf"), nullptr, false);
      require(page.is_object() && page["ok"] == true && page["account"].is_object(), "a session reads back as JSON");
   } else {
      const auto &refused = std::get<LogOnRefused>(answer);
      require(refused.retry_after_ms >= 0, "a lock-out never lasts a negative time");
      const unsigned status = log_on_status(refused.error);
      require(status == 400 || status == 401 || status == 429 || status == 503, "a refusal maps to a known status");
      const json page = json::parse(refusal_json(refused.error, refused.message, refused.retry_after_ms), nullptr, false);
      require(page.is_object() && page["ok"] == false, "a refusal reads back as JSON");
      require(retry_after_seconds(refused.retry_after_ms) >= 1, "Retry-After is at least one second");
   }
   return 0;
}
