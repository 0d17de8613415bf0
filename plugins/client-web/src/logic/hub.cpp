// SPDX-License-Identifier: GPL-3.0-or-later
#include "hub.h"

#include <utility>
#include <variant>
#include <vector>

#include <portier/text.hpp>

namespace portier::web {
namespace {

Message shared_text(std::string text) { return std::make_shared<const std::string>(std::move(text)); }

}  // namespace

std::uint64_t Hub::join(std::weak_ptr<ConsoleOutbox> outbox) {
   const std::uint64_t console = next_console_++;
   consoles_.emplace(console, std::move(outbox));
   // A console that connects late sees the whole state before the events that follow it.
   submit(console, EngineCommand{R"({"type":"snapshot"})", ""});
   return console;
}

void Hub::leave(std::uint64_t console) {
   consoles_.erase(console);
   routes_.forget_console(console);
}

void Hub::on_frame(std::uint64_t console, std::string_view text) {
   auto read = read_console_frame(text);
   if (auto *refused = std::get_if<FrameRefused>(&read)) {
      send_to(console, shared_text(refusal_answer("invalid", refused->message, refused->console_id)));
      return;
   }
   submit(console, std::get<EngineCommand>(read));
}

void Hub::on_binary_frame(std::uint64_t console) {
   send_to(console, shared_text(refusal_answer("invalid", "commands are text frames (JSON), not binary", "")));
}

void Hub::submit(std::uint64_t console, const EngineCommand &command) {
   const auto request_id = routes_.open(console, command.console_id);
   if (!request_id) {
      send_to(console, shared_text(refusal_answer("busy",
                                              "too many commands waiting for their answers (" +
                                                  std::to_string(kMaxCommandsWaiting) + "); wait for one",
                                              command.console_id)));
      return;
   }
   portier_error err = PORTIER_ERROR_INIT;
   const portier_status s = client_->submit(host_.raw()->ctx, *request_id, to_str(command.json), &err);
   if (portier_status_ok(s)) return;
   routes_.close(*request_id);
   const char *code = s == PORTIER_ERR_BUSY ? "busy" : s == PORTIER_ERR_INVALID ? "invalid" : "unavailable";
   err.message[sizeof err.message - 1] = '\0';
   const std::string why = err.message[0] != '\0' ? err.message : portier_status_name(s);
   send_to(console, shared_text(refusal_answer(code, why, command.console_id)));
}

void Hub::deliver(std::uint64_t request_id, std::string text) {
   if (request_id == 0) {
      const Message event = shared_text(std::move(text));
      std::vector<std::uint64_t> gone;
      for (const auto &[console, outbox] : consoles_) {
         if (auto live = outbox.lock()) {
            live->send(event);
         } else {
            gone.push_back(console);
         }
      }
      for (std::uint64_t console : gone) leave(console);
      return;
   }
   auto route = routes_.close(request_id);
   if (!route) return;  // its console left meanwhile
   send_to(route->console, shared_text(answer_for_console(text, route->console_id)));
}

void Hub::send_to(std::uint64_t console, Message m) {
   const auto it = consoles_.find(console);
   if (it == consoles_.end()) return;
   if (auto live = it->second.lock()) live->send(std::move(m));
}

}  // namespace portier::web
