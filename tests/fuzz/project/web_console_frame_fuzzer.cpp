// SPDX-License-Identifier: GPL-3.0-or-later
// Fuzzes what a console sends over client.web's WebSocket: the nesting guard
// (portier::web::nesting_within) and the frame reader (read_console_frame), and what goes back
// (answer_for_console, refusal_answer). The same bytes are also read as an engine answer.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <variant>

#include <nlohmann/json.hpp>

#include "broken_promise.h"
#include "console_frames.h"
#include "json_depth.h"

using nlohmann::json;
using portier::fuzz::require;
using namespace portier::web;

namespace {

// A console id is the JSON text of a string or an integer, within its bound.
void require_console_id(const std::string &id) {
   if (id.empty()) return;
   require(id.size() <= kMaxConsoleIdBytes, "a console id is at most kMaxConsoleIdBytes");
   const json parsed = json::parse(id, nullptr, false);
   require(!parsed.is_discarded() && (parsed.is_string() || parsed.is_number_integer()),
           "a console id is a JSON string or integer");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
   const std::string_view text(reinterpret_cast<const char *>(data), size);
   const bool within = nesting_within(text, kMaxFrameDepth);
   if (within) require(nesting_within(text, kMaxFrameDepth + 1), "a deeper limit never refuses what a lower one took");
   if (text.find_first_of("[{") == std::string_view::npos) require(nesting_within(text, 0), "only a bracket nests");

   const auto frame = read_console_frame(text);
   std::string console_id;
   if (const auto *command = std::get_if<EngineCommand>(&frame)) {
      require(within, "an accepted frame nests within kMaxFrameDepth");
      const json j = json::parse(command->json, nullptr, false);
      require(j.is_object() && j.contains("type") && j["type"].is_string(), "a command is an object with a string type");
      require(!j.contains("id"), "the console's id never reaches the engine");
      require_console_id(command->console_id);
      console_id = command->console_id;
   } else {
      const auto &refused = std::get<FrameRefused>(frame);
      require(!refused.message.empty(), "a refusal says why");
      require_console_id(refused.console_id);
      console_id = refused.console_id;
      const json back = json::parse(refusal_answer("invalid", refused.message, refused.console_id), nullptr, false);
      require(back.is_object() && back["ok"] == false && back["error"] == "invalid", "a refusal reads as the engine's");
   }

   // The same bytes as an engine answer on its way to the console that asked.
   const std::string answer = answer_for_console(text, console_id);
   const json engine = json::parse(text, nullptr, false);
   if (!engine.is_discarded() && engine.is_object()) {
      const json out = json::parse(answer, nullptr, false);
      require(out.is_object() && !out.contains("request_id"), "the plugin's request id never reaches a console");
      if (!console_id.empty()) require(out["id"] == json::parse(console_id), "the answer carries the console's id");
   } else {
      require(answer == text, "a text that is not an object passes unchanged");
   }
   return 0;
}
