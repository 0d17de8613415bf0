// SPDX-License-Identifier: GPL-3.0-or-later
#include "kernel/kernel.h"

#include <algorithm>
#include <chrono>
#include <map>

#include <nlohmann/json.hpp>

#include <portier/kind/client.h>
#include <portier/kind/pbx.h>

#include "kernel/directory_commands.h"
#include "kernel/host_services.h"
#include "kernel/log.h"
#include "kernel/plugin_vetting.h"
#include "kernel/wall_time.h"

namespace portier::kernel {
namespace {

portier_str as_str(const std::string &s)
{
   return portier_str{s.data(), s.size()};
}

std::string error_text(const portier_error &err, portier_status st)
{
   std::string msg(err.message, strnlen(err.message, sizeof err.message));
   if (msg.empty()) {
      msg = portier_status_name(st);
   }
   return msg;
}

}  // namespace

int kind_start_rank(const std::string &kind)
{
   static const std::map<std::string, int> ranks{
      {"service", 0}, {"pbx", 1}, {"trunk", 2}, {"presence", 3},
      {"calendar", 4}, {"directory", 5}, {"client", 6}};
   const auto it = ranks.find(kind);
   return it == ranks.end() ? 7 : it->second;
}

Kernel::Kernel(EngineLoop &loop, Config config) : loop_(loop), config_(std::move(config))
{
   for (const auto &entry : config_.plugins) {
      slots_.push_back(make_slot(entry));
   }
}

Kernel::~Kernel()
{
   stop();
}

std::unique_ptr<PluginSlot> Kernel::make_slot(const PluginEntry &entry) const
{
   auto slot = std::make_unique<PluginSlot>();
   slot->entry = entry;
   slot->on_state_change = link_watch_.hook();
   if (!entry.enabled) {
      slot->set_state(PluginState::stopped, kDisabledByConfiguration);
   }
   return slot;
}

std::vector<ConfigError> Kernel::prepare()
{
   std::vector<ConfigError> errors;
   SingleInstanceGuard instances;
   for (auto &slot : slots_) {
      if (!slot->entry.enabled || slot->library) {
         continue;
      }
      auto vetted = vet_plugin(slot->entry, config_);
      if (auto *refusal = std::get_if<std::string>(&vetted)) {
         slot->set_state(PluginState::failed, *refusal);  // the rest goes on
         continue;
      }
      // A second instance of a single-instance library is refused like a library that fails
      // its load checks: that slot fails, the first instance and the rest go on.
      if (std::string refusal = instances.admit(slot->entry, std::get<PluginLibrary>(vetted)); !refusal.empty()) {
         slot->set_state(PluginState::failed, refusal);
         continue;
      }
      slot->library = std::get<PluginLibrary>(std::move(vetted));
      std::string why = check_plugin_settings(*slot->library, slot->entry);
      if (!why.empty()) {
         errors.push_back(ConfigError{slot->entry.settings_at, std::move(why)});
      }
      if (std::string missing = check_plugin_secrets(slot->entry); !missing.empty()) {
         errors.push_back(ConfigError{slot->entry.at, std::move(missing)});
      }
   }
   check_directory_sources(errors);
   check_presence_plugin(errors);
   return errors;
}

std::vector<PluginSlot *> Kernel::start_order()
{
   std::vector<PluginSlot *> order;
   for (auto &slot : slots_) {
      order.push_back(slot.get());
   }
   std::stable_sort(order.begin(), order.end(), [](const PluginSlot *a, const PluginSlot *b) {
      const int ra = a->library ? kind_start_rank(a->library->descriptor.kind) : 99;
      const int rb = b->library ? kind_start_rank(b->library->descriptor.kind) : 99;
      return ra < rb;
   });
   return order;
}

void Kernel::start()
{
   for (PluginSlot *slot : start_order()) {
      start_slot(*slot);
   }
   start_directory();
   start_contact_states();
}

void Kernel::start_slot(PluginSlot &slot)
{
   if (!slot.entry.enabled || !slot.library || slot.phase != Phase::none) {
      return;
   }
   const portier_plugin &d = slot.library->descriptor;
   init_host_table(*this, slot);
   portier_error err = PORTIER_ERROR_INIT;
   portier_instance *inst = nullptr;
   portier_status st = PORTIER_ERR_INTERNAL;
   slot.ctx->creating.store(true);
   try {
      st = d.create(&slot.host, as_str(slot.entry.settings_json), &inst, &err);
   } catch (...) {
      st = PORTIER_ERR_INTERNAL;
      portier_copy_str(err.message, sizeof err.message, "create threw a C++ exception across the ABI");
   }
   slot.ctx->creating.store(false);
   if (!portier_status_ok(st) || inst == nullptr) {
      slot.ctx.reset();
      slot.set_state(PluginState::failed, "create failed: " + error_text(err, st));
      return;
   }
   slot.instance = inst;
   slot.phase = Phase::created;
   slot.set_state(PluginState::running, "");  // may be refined by report_state during start
   err = PORTIER_ERROR_INIT;
   try {
      st = d.start(inst, &err);
   } catch (...) {
      st = PORTIER_ERR_INTERNAL;
      portier_copy_str(err.message, sizeof err.message, "start threw a C++ exception across the ABI");
   }
   if (!portier_status_ok(st)) {
      // A failed start is followed by destroy, never stop (plugin.h).
      retire_host_table(*this, slot);
      d.destroy(inst);
      slot.instance = nullptr;
      slot.phase = Phase::none;
      slot.ctx.reset();
      slot.set_state(PluginState::failed, "start failed: " + error_text(err, st));
      return;
   }
   slot.phase = Phase::started;
   slot.generation = next_plugin_generation();
   slot.ctx->started.store(true);
   slot.events = 0;
}

void Kernel::stop_slot(PluginSlot &slot)
{
   if (slot.instance == nullptr) {
      return;
   }
   const portier_plugin &d = slot.library->descriptor;
   if (slot.phase == Phase::started) {
      d.stop(slot.instance);
   }
   retire_host_table(*this, slot);
   board_.forget(slot.entry.id);  // its lamps are no longer live
   if (contact_states_) contact_states_->forget_pbx(slot.entry.id);
   forwarding_board_.forget(slot.entry.id);
   if (forwarding_) forwarding_->forget(slot.entry.id);
   slot.phase = Phase::stopped;
   d.destroy(slot.instance);
   slot.instance = nullptr;
   slot.phase = Phase::none;
   slot.ctx.reset();
}

void Kernel::stop()
{
   contact_states_.reset();  // no subscription call reaches a stopping presence plugin
   directory_.reset();  // a run waiting for READY is dropped before its plugin goes
   auto order = start_order();
   for (auto it = order.rbegin(); it != order.rend(); ++it) {
      PluginSlot &slot = **it;
      if (slot.instance != nullptr) {
         stop_slot(slot);
         slot.set_state(PluginState::stopped, kStoppedByPortierd);
      }
   }
}

PluginSlot *Kernel::find(std::string_view id) {
   for (auto &slot : slots_) {
      if (slot->entry.id == id) return slot.get();
   }
   return nullptr;
}

std::vector<PluginStatus> Kernel::status() const
{
   std::vector<PluginStatus> out;
   out.reserve(slots_.size());
   for (const auto &slot : slots_) {
      out.push_back(slot->status());
   }
   return out;
}

void Kernel::deliver_event(PluginSlot &slot, const portier_event_header &ev)
{
   ++slot.events;
   log(LogLevel::debug, slot.entry.id,
       "event space " + std::to_string(ev.space) + " type " + std::to_string(ev.type) + " (" +
          std::to_string(ev.struct_size) + " bytes, correlation " + std::to_string(ev.correlation) + ")");
   if (ev.space == PORTIER_SPACE_PBX && ev.type == PORTIER_PBX_EV_DEVICE) {
      board_.apply(slot.entry.id, ev, utc_now_iso());
   }
   contact_state_event(slot, ev);
   if (ev.space == PORTIER_SPACE_PBX && ev.type == PORTIER_PBX_EV_FEATURES) forwarding_board_.apply(slot.entry.id, ev);
   // A RESULT of the kernel's own forwarding command is not the engine's.
   if (ev.space == PORTIER_SPACE_PBX && ev.type == PORTIER_PBX_EV_RESULT && forwarding_ &&
       ev.struct_size >= sizeof(portier_pbx_result_event) &&
       forwarding_->on_result(slot.entry.id, reinterpret_cast<const portier_pbx_result_event &>(ev))) {
      return;
   }
   // A pbx plugin's SYNC_READY ends a phone-book run of its extension list (directory_pbx_source.h).
   if ((ev.space == PORTIER_SPACE_DIRECTORY || (ev.space == PORTIER_SPACE_PBX && ev.type == PORTIER_PBX_EV_SYNC_READY)) &&
       directory_) {
      directory_->on_event(slot.entry.id, ev);
   }
   if (event_sink_) {
      event_sink_(slot, ev);
   }
}

namespace {

const portier_client_v1 *client_table(const PluginSlot &slot) {
   if (!slot.library || slot.instance == nullptr) return nullptr;
   const void *table = slot.library->descriptor.get_interface(slot.instance, PORTIER_IF_CLIENT_1);
   const auto *client = static_cast<const portier_client_v1 *>(table);
   if (client == nullptr || !PORTIER_HAS(client, portier_client_v1, deliver) || client->deliver == nullptr) return nullptr;
   return client;
}

}  // namespace

void Kernel::handle_client_request(PluginSlot &slot, std::uint64_t request_id, const std::string &json)
{
   // submit() let only JSON objects with a string "type" through.
   const nlohmann::json request = nlohmann::json::parse(json, nullptr, false);
   const std::string type = request.value("type", std::string());
   if (LogOn::serves(type)) {
      if (!log_on_) {
         LogOnOptions options;
         options.store_path = config_.store.path;
         log_on_ = std::make_unique<LogOn>(loop_, std::move(options));
      }
      // The answer may come after a reload or a restart of the plugin: it goes to the same instance or nowhere.
      auto answer = [this, id = slot.entry.id, generation = slot.generation, request_id](nlohmann::json fields) {
         PluginSlot *target = find(id);
         if (target != nullptr && target->generation == generation && target->phase == Phase::started) {
            deliver_answer(*target, request_id, std::move(fields));
         }
      };
      log_on_->handle(request, config_.engine.accounts, std::move(answer));
      return;
   }
   if (SessionCommands::serves(type)) {
      if (!sessions_) sessions_ = std::make_unique<SessionCommands>(config_.store.path);
      // Wall time: a kept session's times must mean the same after a restart (the host clock may not).
      const std::int64_t now_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                                      std::chrono::system_clock::now().time_since_epoch())
                                      .count();
      deliver_answer(slot, request_id, sessions_->handle(request, slot.entry.id, config_.engine.accounts, now_ms));
      return;
   }
   if (serves_admin_command(type)) {
      answer_admin_command(slot, request_id, type);
      return;
   }
   if (ForwardingCommands::serves(type)) {
      answer_forwarding_request(slot, request_id, request);
      return;
   }
   nlohmann::json answer;
   if (type == "status") {
      answer["ok"] = true;
      answer["plugins"] = status();
   } else if (serves_directory(type)) {
      answer = answer_directory_request(request);
   } else if (client_handler_) {
      answer = client_handler_(request);  // kept alive for the loop
      if (!answer.is_object()) answer = nlohmann::json{{"ok", false}, {"error", "internal: answer is not an object"}};
   } else {
      answer["ok"] = false;
      answer["error"] = "unknown request type '" + type + "'";
   }
   deliver_answer(slot, request_id, std::move(answer));
}

void Kernel::deliver_answer(PluginSlot &slot, std::uint64_t request_id, nlohmann::json answer)
{
   answer["type"] = "answer";
   answer["request_id"] = request_id;
   const portier_client_v1 *client = client_table(slot);
   if (client == nullptr) {
      log_misbehaving(slot.entry.id, "submitted a request but serves no portier.client/1 to answer it");
      return;
   }
   // A caller's number or name from the wire may hold bytes that are not UTF-8: replaced, not thrown.
   const std::string text = answer.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
   client->deliver(slot.instance, request_id, as_str(text));
}

void Kernel::deliver_to_clients(const nlohmann::json &message)
{
   std::string text;
   for (const auto &slot : slots_) {
      if (slot->phase != Phase::started || !slot->library || slot->library->descriptor.kind == nullptr ||
          std::string_view(slot->library->descriptor.kind) != "client")
         continue;
      const portier_client_v1 *client = client_table(*slot);
      if (client == nullptr) continue;
      // Numbers and names come from the wire: bytes that are not UTF-8 become U+FFFD, never a throw.
      if (text.empty()) text = message.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
      client->deliver(slot->instance, 0, as_str(text));
   }
}

}  // namespace portier::kernel
