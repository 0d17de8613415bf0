// SPDX-License-Identifier: GPL-3.0-or-later
#include "console_frames.h"

#include <nlohmann/json.hpp>

#include "json_text.h"

#include "json_depth.h"

namespace portier::web {
namespace {

using nlohmann::json;


}  // namespace

std::variant<EngineCommand, FrameRefused> read_console_frame(std::string_view text) {
   if (!nesting_within(text, kMaxFrameDepth)) {
      return FrameRefused{"a command nests deeper than " + std::to_string(kMaxFrameDepth) + " levels", ""};
   }
   json frame = json::parse(text, nullptr, false);
   if (frame.is_discarded()) return FrameRefused{"not JSON: a command is a JSON object with a string \"type\"", ""};
   if (!frame.is_object()) return FrameRefused{"a command is a JSON object with a string \"type\"", ""};

   std::string console_id;
   const auto id = frame.find("id");
   if (id != frame.end()) {
      if (!id->is_string() && !id->is_number_integer()) {
         return FrameRefused{"\"id\" must be a string or an integer", ""};
      }
      console_id = json_text(*id);
      if (console_id.size() > kMaxConsoleIdBytes) {
         return FrameRefused{"\"id\" is longer than " + std::to_string(kMaxConsoleIdBytes) + " bytes", ""};
      }
      frame.erase(id);
   }
   const auto type = frame.find("type");
   if (type == frame.end() || !type->is_string()) {
      return FrameRefused{"a command is a JSON object with a string \"type\"", console_id};
   }
   return EngineCommand{json_text(frame), console_id};
}

std::string answer_for_console(std::string_view engine_answer, std::string_view console_id) {
   json answer = json::parse(engine_answer, nullptr, false);
   if (answer.is_discarded() || !answer.is_object()) return std::string(engine_answer);
   answer.erase("request_id");
   if (!console_id.empty()) {
      json id = json::parse(console_id, nullptr, false);
      if (!id.is_discarded()) answer["id"] = std::move(id);
   }
   return json_text(answer);
}

std::string refusal_answer(std::string_view code, std::string_view message, std::string_view console_id) {
   json answer{{"type", "answer"}, {"ok", false}, {"error", code}, {"message", message}};
   if (!console_id.empty()) {
      json id = json::parse(console_id, nullptr, false);
      if (!id.is_discarded()) answer["id"] = std::move(id);
   }
   return json_text(answer);
}

}  // namespace portier::web
