// SPDX-License-Identifier: GPL-3.0-or-later
// Live state of the phone book's contacts (docs/presence.md): phone parts from the pbx plugins'
// device events (by extension), presence parts from the one presence plugin (by extension or
// e-mail), fused per contact by the configured precedence, with stale marks re-evaluated on a
// loop timer. It keeps the presence plugin subscribed to the keys of the contacts of
// presence-enabled tenants (the phone book's keys come from the directory worker as changes, see
// contact_keys_delta.h), and publishes a `contact_state` event for each contact whose fused
// state changes. Engine thread only.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>
#include <portier/event.h>
#include <portier/kind/presence.h>

#include "directory/contact_keys.h"
#include "kernel/contact_keys_delta.h"
#include "kernel/engine_loop.h"
#include "kernel/presence_config.h"
#include "kernel/presence_fusion.h"
#include "kernel/presence_subscriptions.h"
#include "kernel/presence_table.h"

namespace portier::kernel {

// The presence plugin's interface while it is started; table and instance borrowed from its
// slot. `generation` changes when the plugin is started anew (its subscriptions are gone).
struct PresencePort {
   const portier_presence_v1 *table = nullptr;
   portier_instance *instance = nullptr;
   std::uint64_t generation = 0;
};

struct ContactStateHooks {
   // Hands a `contact_state` event to the client plugins.
   std::function<void(const nlohmann::json &event)> publish;
   // The presence plugin's port, or nullopt while it is not started.
   std::function<std::optional<PresencePort>()> presence_port;
   // Whether the plugin `id` runs without restriction (its reports count as confirmed).
   std::function<bool(std::string_view id)> running;
   // The extension a device key stands for ("+49897007123" -> "123" by the number plan), so a
   // PBX that reports E.164 devices still finds contacts with digit extensions; both sides are
   // compared in this form. Unset: as given.
   std::function<std::string(std::string_view device)> extension_of;
   // Now as Unix milliseconds, to show host-clock times to people.
   std::function<std::int64_t()> wall_ms;
};

// The timer's period: subscription retries, phone-book changes and stale marks.
inline constexpr std::int64_t kContactStateTick_us = 1000000;

class ContactStates {
public:
   ContactStates(EngineLoop &loop, PresenceConfig config, ContactStateHooks hooks);
   // Cancels the timer.
   ~ContactStates();
   ContactStates(const ContactStates &) = delete;
   ContactStates &operator=(const ContactStates &) = delete;

   // Arms the timer; its first turn comes at once (run on the loop, never inside this call).
   void start();
   // One turn of the timer: subscriptions, stale marks. [engine]
   void tick();
   // Applies a change of the phone book's keys (read by the directory worker): only the contacts
   // it names are re-indexed, their presence keys (un)subscribed at the next tick and their
   // states published again. [engine]
   void apply_contacts(ContactKeysDelta delta);

   // A presence event of `plugin`; ignored unless it is the configured presence plugin.
   void on_presence(std::string_view plugin, const portier_event_header &ev);
   // A pbx device event of `plugin` (the device is the extension).
   void on_device(std::string_view plugin, const portier_event_header &ev);
   // The pbx plugin `plugin` stopped: its phone parts are gone.
   void forget_pbx(std::string_view plugin);

   // The fused state of contact `id` as the contract's `state` object, or nullopt when nothing
   // is known about it (no part, or not a contact with an extension or e-mail).
   std::optional<nlohmann::json> state_json(std::int64_t id) const;

   // The presence key type in use (PORTIER_PRESENCE_KEY_*), 0 while not yet known.
   std::int32_t key_type() const { return key_type_; }
   const PresenceSubscriptions &subscriptions() const { return subscriptions_; }

private:
   struct Entry {
      std::string tenant;
      std::string extension;      // as the phone book has it
      std::string lamp_key;       // the extension as extension_of spells it, for the phone part
      std::string email;          // the first, in lower case; "" when none
      std::string presence_key;   // the table's spelling, "" when not watched
   };

   void drop_contact(std::int64_t id);
   void index_presence_keys();
   // Gives `entry` its presence key when its tenant is watched and max_keys allows. [engine]
   void watch(std::int64_t id, Entry &entry, std::size_t &left_out);
   void unwatch(std::int64_t id, const Entry &entry);
   void warn_cap(std::size_t left_out);
   bool presence_enabled(const std::string &tenant) const;
   void sync_subscriptions();
   bool probe_key_type(const PresencePort &port);
   void update_phone_stale();
   void update_presence_stale();
   std::int64_t epoch_offset_ms() const;
   std::optional<FusedState> fused(const Entry &entry) const;
   void republish(std::int64_t id);
   template <typename Ids>
   void republish_all(const Ids &ids);

   EngineLoop &loop_;
   PresenceConfig config_;
   ContactStateHooks hooks_;
   std::uint64_t timer_ = 0;

   std::map<std::int64_t, Entry> contacts_;
   std::multimap<std::string, std::int64_t, std::less<>> by_extension_;
   std::multimap<std::string, std::int64_t, std::less<>> by_presence_key_;
   std::map<std::int64_t, FusedState> published_;
   // Raw keys (extension or first e-mail) watched, with how many contacts share each.
   std::map<std::string, std::size_t, std::less<>> watched_;

   std::string lamp_key(std::string_view device) const;

   std::map<std::string, PhonePart, std::less<>> phones_;   // by lamp key
   std::map<std::string, std::int64_t, std::less<>> pbx_down_since_;  // pbx plugin -> host clock
   std::optional<std::int64_t> presence_down_since_;  // host clock since the presence plugin is not running
   bool presence_stale_ = false;                      // down for stale_after: every presence part is stale
   mutable std::optional<std::int64_t> epoch_offset_ms_;  // host clock -> Unix ms, see epoch_offset_ms()
   PresenceTable table_;
   PresenceSubscriptions subscriptions_;
   std::int32_t key_type_ = 0;
   std::uint64_t port_generation_ = 0;
   bool warned_cap_ = false;
   std::string last_failure_;     // logged once per distinct failure
};

}  // namespace portier::kernel
