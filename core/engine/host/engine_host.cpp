// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/host/engine_host.h"

#include <cstring>
#include <portier/kind/pbx.h>
#include <portier/kind/trunk.h>
#include <portier/plugin.h>

#include "engine/api/client_api.h"
#include "engine/host/command_failures.h"
#include "engine/host/engine_log.h"
#include "engine/host/trunk_events.h"
#include "kernel/log.h"

namespace portier::engine {
namespace {

constexpr std::string_view kSource = "engine";
constexpr int kSipTrunkGone = 503;

bool is_trunk(const kernel::PluginSlot &slot) {
   return slot.library && slot.library->descriptor.kind != nullptr &&
          std::strcmp(slot.library->descriptor.kind, PORTIER_KIND_TRUNK) == 0;
}

bool is_pbx(const kernel::PluginSlot &slot) {
   return slot.library && slot.library->descriptor.kind != nullptr &&
          std::strcmp(slot.library->descriptor.kind, PORTIER_KIND_PBX) == 0;
}

// How consoles see a link: a plugin that runs with a restriction (trunk not registered) is
// degraded; one that stopped or failed (the PBX's CSTA link lost) is down.
LinkState link_state_of(const kernel::LinkChange &change) {
   LinkState link;
   link.link = change.kind == PORTIER_KIND_PBX ? LinkKind::pbx : LinkKind::trunk;
   link.id = change.id;
   switch (change.state) {
   case kernel::PluginState::running: link.state = LinkHealth::up; break;
   case kernel::PluginState::limited: link.state = LinkHealth::degraded; break;
   case kernel::PluginState::stopped:
   case kernel::PluginState::failed: link.state = LinkHealth::down; break;
   }
   link.detail = change.reason;
   return link;
}

}  // namespace

EngineHost::EngineHost(kernel::Kernel &kernel)
    : kernel_(kernel),
      timers_(kernel.loop()),
      adapter_([this](const CommandFailure &failure) { on_command_failure(failure); }),
      pbx_adapter_(
          [this](const PbxFailure &failure) {
             kernel::log(kernel::LogLevel::warning, kSource, describe(failure));  // the phone keeps its old CFU
             if (engine_ && !failure.dial) engine_->on_forwarding_result(failure.device, failure.on, false);
          },
          [this](const PbxFailure &done) {
             if (engine_ && !done.dial) engine_->on_forwarding_result(done.device, done.on, true);
          }) {
   stats_ = std::make_unique<StatsKeeper>(open_stats_store(kernel.config().store.path), timers_,
                                          utc_at_engine_zero(timers_));
   engine_ = std::make_unique<Engine>(kernel.config().engine, adapter_, timers_,
                                      [this](const EngineEvent &event) { on_engine_event(event); });
   refresh_trunk();
   refresh_pbx();
   // Front ends: their JSON commands reach the engine, and its events reach them.
   kernel_.set_client_handler(
       [this](const nlohmann::json &request) { return command(request); });
   // Every change of a link, posted by the kernel (so never re-entrant), in order: those of the
   // start are still queued and arrive first. Reading the states now as well would replay that
   // history after the present.
   kernel_.set_link_sink(
       [this](const kernel::LinkChange &change) { engine_->on_link_state(link_state_of(change)); });
   kernel::log(kernel::LogLevel::info, kSource,
               "started with " + std::to_string(kernel.config().engine.ddi.size()) + " DDI entries; trunk " +
                   (adapter_.attached() ? "'" + adapter_.plugin_id() + "'" : std::string("none")));
}

EngineHost::~EngineHost() {
   // Calls still held are left to the trunk, which ends them when it stops right after.
   const std::size_t held = engine_->call_count();
   kernel_.set_client_handler(nullptr);
   kernel_.set_link_sink(nullptr);
   engine_->clear_all_forwarding();  // the pbx plugin still runs: no phone stays forwarded
   engine_.reset();
   kernel::log(kernel::LogLevel::info, kSource, "stopped with " + std::to_string(held) + " calls held");
}

void EngineHost::on_plugin_event(const kernel::PluginSlot &from, const portier_event_header &ev) {
   if (ev.space == PORTIER_SPACE_PBX && is_pbx(from)) {
      if (from.generation != pbx_generation_) refresh_pbx();
      if (from.generation == pbx_generation_ && ev.type == PORTIER_PBX_EV_RESULT &&
          ev.struct_size >= sizeof(portier_pbx_result_event)) {
         pbx_adapter_.on_result(reinterpret_cast<const portier_pbx_result_event &>(ev));
      }
      return;
   }
   if (ev.space != PORTIER_SPACE_TRUNK || !is_trunk(from)) return;
   if (from.generation != trunk_generation_) refresh_trunk();
   if (from.generation != trunk_generation_) {
      if (ignored_trunk_ != from.entry.id) {
         ignored_trunk_ = from.entry.id;
         kernel::log(kernel::LogLevel::warning, kSource,
                     "ignoring the events of trunk '" + from.entry.id + "': the engine drives '" +
                         adapter_.plugin_id() + "' only");
      }
      return;
   }
   if (route_trunk_event(ev, *engine_, adapter_) == TrunkEventUse::malformed) {
      kernel::log_misbehaving(from.entry.id, "trunk event type " + std::to_string(ev.type) + " of " +
                                                 std::to_string(ev.struct_size) + " bytes is too short; ignored");
   }
}

void EngineHost::after_reload(bool applied) {
   if (applied) {
      engine_->set_data(kernel_.config().engine);
      kernel::log(kernel::LogLevel::info, kSource,
                  "engine data reloaded (" + std::to_string(kernel_.config().engine.ddi.size()) +
                      " DDI entries); calls held keep their rules");
   }
   // Announcements may have changed; a new trunk instance has just had them loaded.
   if (!refresh_trunk() && applied && adapter_.attached()) load_media();
   refresh_pbx();
}

bool EngineHost::refresh_trunk() {
   kernel::PluginSlot *chosen = nullptr;
   for (const kernel::PluginEntry &entry : kernel_.config().plugins) {
      kernel::PluginSlot *slot = kernel_.find(entry.id);
      if (slot && is_trunk(*slot) && slot->phase == kernel::Phase::started && slot->instance) {
         chosen = slot;
         break;
      }
   }
   const std::uint64_t generation = chosen ? chosen->generation : 0;
   if (generation == trunk_generation_) return false;

   if (trunk_generation_ != 0) {
      // The calls of the old instance are gone with it; the engine hears so now, not never.
      const auto held = engine_->call_ids();
      adapter_.detach();
      trunk_generation_ = 0;
      kernel::log(kernel::LogLevel::warning, kSource,
                  "trunk changed or stopped; ending " + std::to_string(held.size()) + " calls it carried");
      for (const std::string &id : held) engine_->on_ended(id, kSipTrunkGone);
   }
   if (!chosen) {
      adapter_.detach();
      return false;
   }
   const void *table = chosen->library->descriptor.get_interface(chosen->instance, PORTIER_IF_TRUNK_1);
   const auto *api = static_cast<const portier_trunk_v1 *>(table);
   if (api == nullptr) {
      if (no_table_ != chosen->generation) {  // once per instance, not per event
         no_table_ = chosen->generation;
         kernel::log_misbehaving(chosen->entry.id, "is of kind trunk but serves no portier.trunk/1");
      }
      return false;
   }
   adapter_.attach(TrunkTable{chosen->instance, api, chosen->entry.id});
   trunk_generation_ = chosen->generation;
   // Only a fallback: a trunk that sends CHANNEL_SPLIT gives its own processing share.
   engine_->set_channel_ratio(channel_ratio_setting(chosen->entry.settings_json));
   kernel::log(kernel::LogLevel::info, kSource, "drives trunk '" + chosen->entry.id + "'");
   load_media();
   return true;
}

bool EngineHost::refresh_pbx() {
   kernel::PluginSlot *chosen = nullptr;
   for (const kernel::PluginEntry &entry : kernel_.config().plugins) {
      kernel::PluginSlot *slot = kernel_.find(entry.id);
      if (slot && is_pbx(*slot) && slot->phase == kernel::Phase::started && slot->instance) {
         chosen = slot;
         break;
      }
   }
   const std::uint64_t generation = chosen ? chosen->generation : 0;
   if (generation == pbx_generation_) return false;
   pbx_adapter_.detach();
   pbx_generation_ = 0;
   const void *table = chosen ? chosen->library->descriptor.get_interface(chosen->instance, PORTIER_IF_PBX_1) : nullptr;
   if (chosen && !table && no_pbx_table_ != chosen->generation) {  // once per instance, not per event
      no_pbx_table_ = chosen->generation;
      kernel::log_misbehaving(chosen->entry.id, "is of kind pbx but serves no portier.pbx/1");
   }
   if (!table) {
      engine_->set_pbx(nullptr);  // what it set stays known, for the next pbx plugin to clear
      return false;
   }
   pbx_adapter_.attach(PbxTable{chosen->instance, static_cast<const portier_pbx_v1 *>(table), chosen->entry.id});
   pbx_generation_ = chosen->generation;
   kernel::log(kernel::LogLevel::info, kSource, "drives forwarding over pbx '" + chosen->entry.id + "'");
   engine_->set_pbx(&pbx_adapter_);
   return true;
}

void EngineHost::load_media() {
   // "moh" and other media of the trunk's own `media` setting are loaded by the trunk itself.
   for (const Announcement &announcement : kernel_.config().engine.announcements) {
      adapter_.load_media(announcement.id, announcement.file);
   }
}

void EngineHost::on_engine_event(const EngineEvent &event) {
   if (stats_) stats_->record(event);
   kernel::log(kernel::LogLevel::info, kSource, describe(event));
   nlohmann::json json = event_json(event);
   if (event_observer_) event_observer_(json);
   kernel_.deliver_to_clients(std::move(json));
}

nlohmann::json EngineHost::command(const nlohmann::json &request) {
   return handle_client_command(*engine_, request, timers_.now_ms(),
                                [this](const nlohmann::json &r) { return stats_->answer(r); });
}

void EngineHost::on_command_failure(const CommandFailure &failure) {
   kernel::log(kernel::LogLevel::warning, kSource, describe(failure));
   // Often inside an engine call (a command refused at once): the engine hears it afterwards.
   timers_.start(0, [this, failure] { apply_failure(failure, *engine_, adapter_); });
}

}  // namespace portier::engine
