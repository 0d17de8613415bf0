// SPDX-License-Identifier: GPL-3.0-or-later
// Fuzzes the SDK's strict JSON reader (portier::json::parse) and portier::Settings on top of it.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include <portier/json.hpp>
#include <portier/settings.hpp>

#include "broken_promise.h"

using portier::fuzz::require;

namespace {

// Walks a parsed value and checks the shape the reader promises. Recursion is bounded by the
// reader's own depth limit.
void check_shape(const portier::json::Value &v) {
   using portier::json::Kind;
   if (v.kind == Kind::object) {
      require(v.keys.size() == v.items.size(), "one value per key");
      for (std::size_t i = 0; i < v.keys.size(); ++i) {
         require(v.find(v.keys[i]) == &v.items[i], "keys are unique");
      }
   } else {
      require(v.keys.empty(), "only objects have keys");
   }
   if (v.kind == Kind::string) require(v.text.find('\0') == std::string::npos, "no NUL in a string");
   if (v.kind == Kind::number) require(!v.text.empty(), "a number keeps its token");
   for (const auto &item : v.items) check_shape(item);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
   const std::string_view text(reinterpret_cast<const char *>(data), size);

   const auto parsed = portier::json::parse(text);
   if (parsed.ok()) {
      check_shape(parsed.value());
   } else {
      require(parsed.message().rfind("invalid JSON", 0) == 0, "errors start with 'invalid JSON'");
   }

   // Tight limits reach the size, depth and count refusals with short inputs.
   const auto small = portier::json::parse(text, portier::json::Limits{256, 4, 16});
   require(!small.ok() || parsed.ok(), "tighter limits accept no more than the defaults");

   // A plugin reading its settings the usual way.
   portier::Settings settings(text);
   (void)settings.get_string("greeting", "Hello", 1, 200);
   (void)settings.get_int("interval_ms", 60000, 100, 3600000);
   (void)settings.get_int("offset", 0, INT64_MIN, INT64_MAX);
   (void)settings.get_bool("enabled", true);
   (void)settings.has("extra");
   const auto finished = settings.finish();
   require(finished.ok() || !finished.message().empty(), "a failed finish() says why");
   require(finished.ok() == (parsed.ok() && parsed.value().kind == portier::json::Kind::object &&
                             settings.problems().empty() && settings.unknown_keys().empty()),
           "finish() is OK exactly for an object with no problem and no unknown key");
   return 0;
}
