// SPDX-License-Identifier: GPL-3.0-or-later
#include "kernel/forwarding_commands.h"

#include <algorithm>
#include <cctype>
#include <cstddef>
#include <cstring>
#include <utility>

#include "directory/contact_lookup.h"
#include "kernel/audit_log.h"
#include "kernel/device_match.h"
#include "kernel/log.h"
#include "kernel/wall_time.h"
#include "numbers/number_error.h"
#include "numbers/to_e164.h"

namespace portier::kernel {
namespace {

constexpr std::string_view kForwardingLog = "forwarding";
constexpr std::size_t kMaxTenantBytes = 64;
constexpr std::size_t kMaxDestinationBytes = 64;
constexpr std::size_t kMaxByBytes = 128;
constexpr std::size_t kMaxWaiting = 256;  // commands waiting for their RESULT

nlohmann::json error(const char *code, std::string message) {
   return {{"ok", false}, {"error", code}, {"message", std::move(message)}};
}

const std::string *string_field(const nlohmann::json &request, const char *key) {
   const auto it = request.find(key);
   return it != request.end() && it->is_string() ? &it->get_ref<const std::string &>() : nullptr;
}

bool dialable(std::string_view text) {
   if (text.empty()) return false;
   const std::size_t from = text.front() == '+' ? 1 : 0;
   return text.size() > from &&
          std::all_of(text.begin() + static_cast<std::ptrdiff_t>(from), text.end(),
                      [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; });
}

// The destination as the PBX gets it: E.164 read with the master site's plan (the attendant
// may type an extension or a national number); without a plan, digits as typed.
std::optional<std::string> destination_of(std::string_view typed, const numbers::NumberPlan *plan, std::string &why) {
   if (typed.empty()) {
      why = "\"destination\" is empty";
      return std::nullopt;
   }
   if (typed.size() > kMaxDestinationBytes) {
      why = "\"destination\" is longer than " + std::to_string(kMaxDestinationBytes) + " bytes";
      return std::nullopt;
   }
   if (plan != nullptr) {
      auto e164 = numbers::to_e164(*plan, typed, numbers::Form::display);
      if (e164) return *e164;
      why = "\"destination\" '" + std::string(typed) + "' is not a number: " + numbers::describe(e164.error());
      return std::nullopt;
   }
   if (dialable(typed)) return std::string(typed);
   why = "\"destination\" '" + std::string(typed) + "' is not a number (digits, optionally after '+')";
   return std::nullopt;
}

std::string describe(const ForwardingCommands::Change &c) {
   std::string line = "contact " + std::to_string(c.contact_id);
   if (!c.contact_name.empty()) line += " (" + c.contact_name + ")";
   line += " device " + c.device + " at " + c.plugin + ": " + c.kind;
   line += c.destination.empty() ? " off" : " to " + c.destination;
   return line;
}

}  // namespace

std::int32_t forwarding_type_of(std::string_view kind) {
   if (kind == "unconditional") return PORTIER_PBX_FORWARD_UNCONDITIONAL;
   if (kind == "busy") return PORTIER_PBX_FORWARD_BUSY;
   if (kind == "no_answer") return PORTIER_PBX_FORWARD_NO_ANSWER;
   return 0;
}

ForwardingCommands::ForwardingCommands(EngineLoop &loop, std::filesystem::path store_path)
    : loop_(loop), store_path_(std::move(store_path)) {}

ForwardingCommands::~ForwardingCommands() {
   for (auto &[correlation, w] : waiting_) loop_.timer_cancel(w.timer);
}

bool ForwardingCommands::serves(std::string_view type) { return type == "set_forwarding" || type == "clear_forwarding"; }

void ForwardingCommands::handle(const nlohmann::json &request, DirectorySync *sync, const DeviceBoard &board,
                                const std::vector<PbxLink> &pbx, const numbers::NumberPlan *plan, Answer answer) {
   const std::string type = request.value("type", std::string());
   const bool on = type == "set_forwarding";
   Change change;
   const std::string *tenant = string_field(request, "tenant");
   if (tenant == nullptr || tenant->empty() || *tenant == "*" || tenant->size() > kMaxTenantBytes)
      return answer(error("invalid", type + ": \"tenant\" must name one tenant"));
   change.tenant = *tenant;
   const auto id = request.find("contact_id");
   if (id == request.end() || !id->is_number_integer() || id->get<std::int64_t>() < 1)
      return answer(error("invalid", type + ": \"contact_id\" must be a contact id (a positive integer)"));
   change.contact_id = id->get<std::int64_t>();
   const std::string *kind = string_field(request, "kind");
   const std::int32_t forward_type = kind ? forwarding_type_of(*kind) : 0;
   if (forward_type == 0)
      return answer(error("invalid", type + ": \"kind\" must be \"unconditional\", \"busy\" or \"no_answer\""));
   change.kind = *kind;
   if (on) {
      const std::string *typed = string_field(request, "destination");
      std::string why = "\"destination\" must be a string";
      auto destination = typed ? destination_of(*typed, plan, why) : std::nullopt;
      if (!destination) return answer(error("invalid", type + ": " + why));
      change.destination = std::move(*destination);
   }
   if (const std::string *by = string_field(request, "by")) {
      change.by = cut_to_bytes(*by, kMaxByBytes);
   } else if (const std::string *attendant = string_field(request, "attendant")) {
      change.by = cut_to_bytes(*attendant, kMaxByBytes);
   }
   if (sync == nullptr) return answer(error("unavailable", type + ": no phone book is configured"));
   auto found = directory::find_contact(sync->db(), change.tenant, change.contact_id);
   if (!found) return answer(error("unavailable", type + ": " + found.error().what));
   if (!found.value())
      return answer(error("not_found", type + ": no contact " + std::to_string(change.contact_id) +
                                           " in the phone book of tenant '" + change.tenant + "'"));
   const directory::Contact &contact = found.value()->contact;
   change.contact_name = contact.name.display;
   std::vector<std::string> numbers;
   for (const directory::ContactNumber &number : contact.numbers) {
      // Without a number plan the book keeps numbers as given; a "+" one is E.164 already.
      const std::string &e164 = number.e164.empty() ? number.given : number.e164;
      if (e164.starts_with('+')) numbers.push_back(e164);
   }
   const PbxLink *link = nullptr;
   for (const PbxLink &candidate : pbx) {
      if (auto device = device_of_contact(board, candidate.plugin, contact.extension, numbers, plan)) {
         change.device = std::move(*device);
         link = &candidate;
         break;
      }
   }
   if (link == nullptr)
      return answer(error("no_device", type + ": contact " + std::to_string(change.contact_id) +
                                           (contact.extension.empty() ? " has no extension nor phone a pbx plugin reports"
                                                                      : "'s extension " + contact.extension +
                                                                            " is no device a pbx plugin reports")));
   change.plugin = link->plugin;
   if (!PORTIER_HAS(link->api, portier_pbx_v1, set_forwarding) || link->api->set_forwarding == nullptr)
      return answer(error("failed", type + ": pbx plugin '" + link->plugin + "' cannot set forwarding"));
   if (waiting_.size() >= kMaxWaiting)
      return answer(error("busy", type + ": " + std::to_string(kMaxWaiting) + " forwarding commands are waiting for the PBX"));

   const std::uint64_t correlation = next_correlation_++;
   portier_error err = PORTIER_ERROR_INIT;
   const portier_status status =
       link->api->set_forwarding(link->instance, change.device.c_str(), forward_type, on,
                                 on ? change.destination.c_str() : nullptr, correlation, &err);
   if (status != PORTIER_PENDING && status != PORTIER_OK) {
      err.message[sizeof err.message - 1] = '\0';
      const std::string why = std::string(portier_status_name(status)) + (err.message[0] ? ": " : "") + err.message;
      audit(change, false, why);
      return answer(error("failed", type + ": " + why));
   }
   // OK still brings its RESULT (pbx.h): either way the answer waits for it.
   Waiting &w = waiting_[correlation];
   w.change = std::move(change);
   w.answer = std::move(answer);
   w.timer = loop_.timer_start(kForwardingGuardUs, 0, [this, correlation] {
      settle(correlation, false,
             "the PBX did not answer within " + std::to_string(kForwardingGuardUs / 1'000'000) + " s");
   });
}

bool ForwardingCommands::on_result(std::string_view plugin, const portier_pbx_result_event &result) {
   const auto it = waiting_.find(result.header.correlation);
   if (it == waiting_.end() || it->second.change.plugin != plugin) return false;
   const bool ok = result.status == PORTIER_OK || result.status == PORTIER_PENDING;
   std::string why;
   if (!ok) {
      why = portier_status_name(result.status);
      if (result.detail != 0) why += " (" + std::to_string(result.detail) + ")";
      const std::string message(result.message, strnlen(result.message, sizeof result.message));
      if (!message.empty()) why += ": " + message;
   }
   settle(result.header.correlation, ok, std::move(why));
   return true;
}

void ForwardingCommands::forget(std::string_view plugin) {
   std::vector<std::uint64_t> gone;
   for (const auto &[correlation, w] : waiting_) {
      if (w.change.plugin == plugin) gone.push_back(correlation);
   }
   for (std::uint64_t correlation : gone) settle(correlation, false, "pbx plugin '" + std::string(plugin) + "' stopped");
}

void ForwardingCommands::settle(std::uint64_t correlation, bool ok, std::string why) {
   auto node = waiting_.extract(correlation);
   if (!node) return;
   Waiting &w = node.mapped();
   loop_.timer_cancel(w.timer);
   audit(w.change, ok, why);
   const Change &c = w.change;
   const char *type = c.destination.empty() ? "clear_forwarding" : "set_forwarding";
   if (!ok) return w.answer(error("failed", std::string(type) + ": the PBX refused " + describe(c) + ": " + why));
   w.answer({{"ok", true},
             {"contact_id", c.contact_id},
             {"device", c.device},
             {"kind", c.kind},
             {"destination", c.destination}});
}

void ForwardingCommands::audit(const Change &change, bool ok, const std::string &why) {
   const std::string action = std::string(change.destination.empty() ? "forwarding_cleared" : "forwarding_set") +
                              (ok ? "" : "_failed");
   std::string detail = describe(change);
   if (!ok) detail += ": " + why;
   log(ok ? LogLevel::info : LogLevel::warning, kForwardingLog,
       action + " by " + (change.by.empty() ? "?" : change.by) + " of tenant " + change.tenant + ": " + detail);
   if (!store_ && !store_failed_) {
      std::string problem;
      store_ = Store::open(store_path_, problem);
      if (!store_) {
         store_failed_ = true;
         log(LogLevel::error, kForwardingLog, "no audit of forwarding changes: " + problem);
      }
   }
   if (!store_) return;
   AuditEntry entry;
   entry.time = utc_now_iso_ms();
   entry.tenant = change.tenant;
   entry.user = change.by;
   entry.action = action;
   entry.detail = cut_to_bytes(detail, kAuditFieldBytes);
   std::string problem;
   if (!append_audit(*store_, entry, problem)) log(LogLevel::error, kForwardingLog, "audit row not written: " + problem);
}

}  // namespace portier::kernel
