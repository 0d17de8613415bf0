// SPDX-License-Identifier: GPL-3.0-or-later
#include "hub.h"

#include <utility>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>
#include <portier/text.hpp>

namespace portier::web {
namespace {

using nlohmann::json;

constexpr std::uint64_t kPluginItself = 0;

Message shared_text(std::string text) { return std::make_shared<const std::string>(std::move(text)); }

}  // namespace

std::uint64_t Hub::join(std::weak_ptr<ConsoleOutbox> outbox, Scope scope) {
   const std::uint64_t console = next_console_++;
   consoles_.emplace(console, Console{std::move(outbox), std::move(scope), {}});
   // A console that connects late sees the whole state before the events that follow it.
   submit(console, EngineCommand{R"({"type":"snapshot"})", ""});
   return console;
}

void Hub::leave(std::uint64_t console) {
   consoles_.erase(console);
   routes_.forget_console(console);
}

void Hub::on_frame(std::uint64_t console, std::string_view text) {
   const auto it = consoles_.find(console);
   if (it == consoles_.end()) return;
   auto read = read_console_frame(text);
   if (auto *refused = std::get_if<FrameRefused>(&read)) {
      send_to(console, shared_text(refusal_answer("invalid", refused->message, refused->console_id)));
      return;
   }
   auto &command = std::get<EngineCommand>(read);
   if (command.json.find("\"watch_contacts\"") != std::string::npos &&
       json::parse(command.json, nullptr, false).value("type", json()) == "watch_contacts") {
      watch(it->second, console, command);
      return;
   }
   auto scoped = scope_command(command.json, it->second.scope,
                               [this](std::string_view a) { return attendant_tenant(a); });
   if (auto *forbidden = std::get_if<Forbidden>(&scoped)) {
      send_to(console, shared_text(refusal_answer("forbidden", forbidden->message, command.console_id)));
      return;
   }
   command.json = std::move(std::get<std::string>(scoped));
   submit(console, command);
}

void Hub::on_binary_frame(std::uint64_t console) {
   send_to(console, shared_text(refusal_answer("invalid", "commands are text frames (JSON), not binary", "")));
}

std::variant<std::uint64_t, std::string> Hub::open_and_submit(std::uint64_t console, const EngineCommand &command) {
   const auto request_id = routes_.open(console, command.console_id);
   if (!request_id) {
      return refusal_answer("busy",
                            "too many commands waiting for their answers (" + std::to_string(kMaxCommandsWaiting) +
                                "); wait for one",
                            command.console_id);
   }
   portier_error err = PORTIER_ERROR_INIT;
   const portier_status s = client_->submit(host_.raw()->ctx, *request_id, to_str(command.json), &err);
   if (!portier_status_ok(s)) {
      routes_.close(*request_id);
      const char *code = s == PORTIER_ERR_BUSY ? "busy" : s == PORTIER_ERR_INVALID ? "invalid" : "unavailable";
      err.message[sizeof err.message - 1] = '\0';
      const std::string why = err.message[0] != '\0' ? err.message : portier_status_name(s);
      return refusal_answer(code, why, command.console_id);
   }
   // A log_on's attendant and tenant: known at once when new (its events may come before the
   // answer), forgotten again when the engine refuses it, confirmed when it accepts.
   if (command.json.find("\"log_on\"") != std::string::npos) {
      const json j = json::parse(command.json, nullptr, false);
      if (j.is_object() && j.value("type", "") == "log_on" && j.value("attendant", json()).is_string()) {
         const std::string attendant = j["attendant"].get<std::string>();
         const std::string tenant = j.value("tenant", std::string("DEFAULT"));
         const bool tentative = !attendant_tenant(attendant) && attendant_tenants_.size() < kMaxKnownAttendants;
         if (tentative) attendant_tenants_[attendant] = tenant;
         log_ons_[*request_id] = LogOnSent{attendant, tenant, tentative};
      }
   }
   return *request_id;
}

void Hub::submit(std::uint64_t console, const EngineCommand &command) {
   auto sent = open_and_submit(console, command);
   if (auto *refusal = std::get_if<std::string>(&sent)) send_to(console, shared_text(std::move(*refusal)));
}

void Hub::ask(std::string command, std::function<void(std::string)> on_answer) {
   auto sent = open_and_submit(kPluginItself, EngineCommand{std::move(command), ""});
   if (auto *refusal = std::get_if<std::string>(&sent)) {
      on_answer(std::move(*refusal));
      return;
   }
   questions_.emplace(std::get<std::uint64_t>(sent), std::move(on_answer));
}

void Hub::deliver(std::uint64_t request_id, std::string text) {
   if (request_id == 0) {
      if (is_contact_state(text)) {
         deliver_contact_state(std::move(text));
         return;
      }
      // Fail closed: an event of no tenant that is not system-wide reaches system managers only.
      const Audience audience = event_audience(text, [this](std::string_view a) { return attendant_tenant(a); });
      const Message event = shared_text(std::move(text));
      std::vector<std::uint64_t> gone;
      for (const auto &[console, c] : consoles_) {
         if (!may_see(audience, c.scope)) continue;
         if (auto live = c.outbox.lock()) {
            live->send(event);
         } else {
            gone.push_back(console);
         }
      }
      for (std::uint64_t console : gone) leave(console);
      return;
   }
   learn_attendants(request_id, text);
   auto route = routes_.close(request_id);
   if (!route) return;  // its console left meanwhile
   if (route->console == kPluginItself) {
      if (auto q = questions_.extract(request_id)) q.mapped()(std::move(text));
      return;
   }
   const auto it = consoles_.find(route->console);
   if (it == consoles_.end()) return;
   send_to(route->console, shared_text(scope_answer(answer_for_console(text, route->console_id), it->second.scope)));
}

void Hub::watch(Console &c, std::uint64_t console, const EngineCommand &command) {
   auto ids = read_watch_ids(command.json);
   if (auto *why = std::get_if<std::string>(&ids)) {
      send_to(console, shared_text(refusal_answer("invalid", *why, command.console_id)));
      return;
   }
   c.watching = std::move(std::get<WatchSet>(ids));
   const json answer{{"type", "answer"}, {"ok", true}, {"watching", c.watching.size()}};
   send_to(console, shared_text(answer_for_console(answer.dump(), command.console_id)));
}

// Fail closed: an event without a usable tenant or contact id reaches nobody.
void Hub::deliver_contact_state(std::string text) {
   const auto event = read_contact_state(text);
   if (!event) return;
   Message m;
   for (const auto &[console, c] : consoles_) {
      if (!wants_contact_state(*event, c.scope, c.watching)) continue;
      if (!m) m = shared_text(std::move(text));
      if (auto live = c.outbox.lock()) live->send(m);
   }
}

void Hub::learn_attendants(std::uint64_t request_id, std::string_view answer) {
   const auto log_on = log_ons_.extract(request_id);
   const bool snapshot = answer.find("\"snapshot\"") != std::string_view::npos;
   if (!log_on && !snapshot) return;
   const json j = json::parse(answer, nullptr, false);
   const bool ok = !j.is_discarded() && j.is_object() && j.value("ok", false) == true;
   if (log_on) {
      const LogOnSent &sent = log_on.mapped();
      if (ok && attendant_tenants_.size() < kMaxKnownAttendants) {
         attendant_tenants_[sent.attendant] = sent.tenant;
      } else if (!ok && sent.tentative) {
         attendant_tenants_.erase(sent.attendant);
      }
      return;
   }
   if (!ok) return;
   const auto s = j.find("snapshot");
   if (s == j.end() || !s->is_object() || !s->contains("attendants") || !(*s)["attendants"].is_array()) return;
   attendant_tenants_.clear();  // the whole state: who logged off is gone
   for (const json &a : (*s)["attendants"]) {
      if (attendant_tenants_.size() >= kMaxKnownAttendants) break;
      if (a.is_object() && a.value("attendant", json()).is_string() && a.value("tenant", json()).is_string()) {
         attendant_tenants_[a["attendant"].get<std::string>()] = a["tenant"].get<std::string>();
      }
   }
}

std::optional<std::string> Hub::attendant_tenant(std::string_view attendant) const {
   const auto it = attendant_tenants_.find(attendant);
   if (it == attendant_tenants_.end()) return std::nullopt;
   return it->second;
}

void Hub::close_session(std::string_view session, std::uint16_t code, const std::string &reason) {
   for (const auto &[console, c] : consoles_) {
      if (c.scope.session != session) continue;
      if (auto live = c.outbox.lock()) live->close(code, reason);
   }
}

void Hub::close_all(std::uint16_t code, const std::string &reason) {
   for (const auto &[console, c] : consoles_) {
      if (auto live = c.outbox.lock()) live->close(code, reason);
   }
}

void Hub::send_to(std::uint64_t console, Message m) {
   const auto it = consoles_.find(console);
   if (it == consoles_.end()) return;
   if (auto live = it->second.outbox.lock()) live->send(std::move(m));
}

}  // namespace portier::web
