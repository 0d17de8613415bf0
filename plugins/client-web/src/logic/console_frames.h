// SPDX-License-Identifier: GPL-3.0-or-later
// The console's WebSocket messages and the engine's JSON commands (docs/sdk/client-api.md): a
// text frame from a console becomes one engine command; the engine's answer goes back with the
// console's own "id" in place of the plugin's request id.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <variant>

namespace portier::web {

inline constexpr std::size_t kMaxFrameDepth = 32;    // commands nest 2 deep; more is garbage
inline constexpr std::size_t kMaxConsoleIdBytes = 128;

// A command for the engine. `console_id` is the console's "id" as JSON text ("\"7\"", "7"), or
// "" when it sent none; the command itself goes to the engine without it.
struct EngineCommand {
   std::string json;
   std::string console_id;
};

// A frame the plugin answers itself, never reaching the engine.
struct FrameRefused {
   std::string message;     // names what is wrong
   std::string console_id;  // as in EngineCommand, when the frame was an object with a usable "id"
};

// Reads one text frame: a JSON object with a string "type" and, optionally, an "id" that is a
// string or an integer (at most kMaxConsoleIdBytes of JSON).
std::variant<EngineCommand, FrameRefused> read_console_frame(std::string_view text);

// The engine's answer as the console gets it: "request_id" dropped, the console's "id" added
// when it sent one. A text that is not a JSON object passes unchanged.
std::string answer_for_console(std::string_view engine_answer, std::string_view console_id);

// An answer the plugin gives itself, in the engine's shape:
// {"type":"answer","ok":false,"error":<code>,"message":<message>[,"id":<console id>]}.
// Codes: "invalid" (a malformed frame, as the engine's own), "busy" (queue full, too many
// commands waiting), "unavailable" (the engine does not take commands now).
std::string refusal_answer(std::string_view code, std::string_view message, std::string_view console_id);

}  // namespace portier::web
