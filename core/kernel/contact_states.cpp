// SPDX-License-Identifier: GPL-3.0-or-later
#include "kernel/contact_states.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <set>

#include <portier/kind/pbx.h>

#include "kernel/device_board.h"
#include "kernel/fixed_text.h"
#include "kernel/log.h"

namespace portier::kernel {

namespace {

constexpr std::string_view kPresenceLog = "presence";

std::string lower(std::string text) {
   for (char &c : text)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
   return text;
}

}  // namespace

ContactStates::ContactStates(EngineLoop &loop, PresenceConfig config, ContactStateHooks hooks)
    : loop_(loop), config_(std::move(config)), hooks_(std::move(hooks)), table_(config_.max_keys) {}

ContactStates::~ContactStates() {
   if (timer_ != 0) loop_.timer_cancel(timer_);
}

void ContactStates::start() {
   if (timer_ == 0) timer_ = loop_.timer_start(0, kContactStateTick_us, [this] { tick(); });
}

void ContactStates::tick() {
   if (config_.configured) sync_subscriptions();
   update_phone_stale();
   update_presence_stale();
   std::set<std::int64_t> touched;
   table_.mark_stale(presence_stale_, [&](const std::string &key) {
      for (auto [it, end] = by_presence_key_.equal_range(key); it != end; ++it) touched.insert(it->second);
   });
   republish_all(touched);
}

bool ContactStates::presence_enabled(const std::string &tenant) const {
   if (!config_.configured) return false;
   // A "*" contact is in every tenant's book, so any presence-enabled tenant sees it.
   if (config_.all_tenants || (tenant == "*" && !config_.tenants.empty())) return true;
   return std::find(config_.tenants.begin(), config_.tenants.end(), tenant) != config_.tenants.end();
}

namespace {

// Erases the one pair (key, id) of a multimap index.
void erase_pair(std::multimap<std::string, std::int64_t, std::less<>> &index, const std::string &key, std::int64_t id) {
   for (auto [it, end] = index.equal_range(key); it != end; ++it) {
      if (it->second == id) {
         index.erase(it);
         return;
      }
   }
}

}  // namespace

void ContactStates::drop_contact(std::int64_t id) {
   const auto it = contacts_.find(id);
   if (it == contacts_.end()) return;
   if (!it->second.lamp_key.empty()) erase_pair(by_extension_, it->second.lamp_key, id);
   unwatch(id, it->second);
   contacts_.erase(it);
}

// Costs the size of the change, not of the book: a run that changes ten contacts of a million
// touches ten entries here (the directory worker did the reading and comparing).
void ContactStates::apply_contacts(ContactKeysDelta delta) {
   std::set<std::int64_t> touched;
   if (delta.whole) {
      for (const auto &[id, entry] : contacts_) touched.insert(id);
      contacts_.clear();
      by_extension_.clear();
      by_presence_key_.clear();
      watched_.clear();
      subscriptions_.want({});
   }
   for (const std::int64_t id : delta.removed) {
      drop_contact(id);
      touched.insert(id);
   }
   std::size_t left_out = 0;
   for (directory::ContactKeys &c : delta.changed) {
      drop_contact(c.id);
      touched.insert(c.id);
      std::string key = c.extension.empty() ? std::string() : lamp_key(c.extension);
      if (!key.empty()) by_extension_.emplace(key, c.id);
      std::string email = c.emails.empty() ? std::string() : lower(std::move(c.emails.front()));
      Entry &entry = contacts_[c.id];
      entry = Entry{std::move(c.tenant), std::move(c.extension), std::move(key), std::move(email), {}};
      watch(c.id, entry, left_out);
   }
   warn_cap(left_out);
   log(LogLevel::info, kPresenceLog,
       "phone book " + std::string(delta.whole ? "read" : "changed") + ": " + std::to_string(delta.changed.size()) +
           " contacts with an extension or e-mail new or changed, " + std::to_string(delta.removed.size()) +
           " gone; " + std::to_string(contacts_.size()) + " in all");
   republish_all(touched);
}

void ContactStates::watch(std::int64_t id, Entry &entry, std::size_t &left_out) {
   entry.presence_key.clear();
   if (!presence_enabled(entry.tenant)) return;
   // The key the plugin knows the person by: the extension, or the first e-mail address.
   const std::string &raw = key_type_ == PORTIER_PRESENCE_KEY_EXTENSION ? entry.extension
                            : key_type_ == PORTIER_PRESENCE_KEY_EMAIL    ? entry.email
                                                                         : std::string();
   if (raw.empty()) return;
   const auto it = watched_.find(raw);
   if (it == watched_.end()) {
      // A contact left out stays so until the keys are indexed anew (a new key type or plugin
      // instance), even when others leave; the warning says how many there were.
      if (watched_.size() >= config_.max_keys) {
         ++left_out;
         return;
      }
      watched_.emplace(raw, 1);
      subscriptions_.want_key(raw);
   } else {
      ++it->second;
   }
   entry.presence_key = presence_key(key_type_, raw);
   by_presence_key_.emplace(entry.presence_key, id);
}

void ContactStates::unwatch(std::int64_t id, const Entry &entry) {
   if (entry.presence_key.empty()) return;
   erase_pair(by_presence_key_, entry.presence_key, id);
   const std::string &raw = key_type_ == PORTIER_PRESENCE_KEY_EXTENSION ? entry.extension : entry.email;
   const auto it = watched_.find(raw);
   if (it == watched_.end()) return;
   if (--it->second == 0) {
      subscriptions_.drop_key(it->first);
      watched_.erase(it);
   }
}

void ContactStates::warn_cap(std::size_t left_out) {
   if (left_out == 0 || warned_cap_) return;
   warned_cap_ = true;  // once: phone-book changes come after every import
   log(LogLevel::warning, kPresenceLog,
       "presence.max_keys is " + std::to_string(config_.max_keys) + ": " + std::to_string(left_out) +
           " contacts of presence-enabled tenants are not watched");
}

void ContactStates::index_presence_keys() {
   by_presence_key_.clear();
   watched_.clear();
   subscriptions_.want({});
   std::size_t left_out = 0;
   for (auto &[id, entry] : contacts_) watch(id, entry, left_out);
   warn_cap(left_out);
}

bool ContactStates::probe_key_type(const PresencePort &port) {
   // Settings-free: an empty subscribe of a key type the plugin does not take is refused as
   // invalid, so the first type it accepts is the one it is asked about; extension first.
   for (const std::int32_t type : {PORTIER_PRESENCE_KEY_EXTENSION, PORTIER_PRESENCE_KEY_EMAIL}) {
      portier_error err = PORTIER_ERROR_INIT;
      const portier_status status = port.table->subscribe(port.instance, type, nullptr, 0, &err);
      if (status == PORTIER_OK) {
         key_type_ = type;
         log(LogLevel::info, kPresenceLog,
             "'" + config_.plugin + "' is asked by " + (type == PORTIER_PRESENCE_KEY_EXTENSION ? "extension" : "e-mail"));
         return true;
      }
      if (status != PORTIER_ERR_INVALID) return false;  // busy or not ready: the next tick asks again
   }
   if (last_failure_ != "no key type") {
      last_failure_ = "no key type";
      log(LogLevel::warning, kPresenceLog, "'" + config_.plugin + "' takes neither extension nor e-mail keys");
   }
   return false;
}

void ContactStates::sync_subscriptions() {
   const std::optional<PresencePort> port = hooks_.presence_port ? hooks_.presence_port() : std::nullopt;
   if (!port || port->table == nullptr || !PORTIER_HAS(port->table, portier_presence_v1, unsubscribe)) return;
   if (port->generation != port_generation_) {
      port_generation_ = port->generation;
      subscriptions_.forget_sent();  // a new instance watches nothing yet
      if (key_type_ == 0 && !probe_key_type(*port)) {
         port_generation_ = 0;  // asked again next tick
         return;
      }
      index_presence_keys();
   }
   if (subscriptions_.settled()) return;
   std::string why;
   const portier_status status = subscriptions_.flush(
       [&](bool subscribe, const std::vector<const char *> &keys, std::string &message) {
          portier_error err = PORTIER_ERROR_INIT;
          const auto fn = subscribe ? port->table->subscribe : port->table->unsubscribe;
          const portier_status st = fn(port->instance, key_type_, keys.data(), keys.size(), &err);
          if (st != PORTIER_OK) message.assign(err.message, strnlen(err.message, sizeof err.message));
          return st;
       },
       why);
   if (status == PORTIER_OK) {
      log(LogLevel::info, kPresenceLog,
          "'" + config_.plugin + "' watches " + std::to_string(subscriptions_.sent()) + " keys");
      last_failure_.clear();
   } else if (status != PORTIER_ERR_BUSY && why != last_failure_) {
      last_failure_ = why;  // retried every tick, logged once
      log(LogLevel::warning, kPresenceLog, "'" + config_.plugin + "' refused keys: " + why);
   }
}

void ContactStates::update_phone_stale() {
   const std::int64_t now = loop_.clock().now_us();
   std::set<std::string> sources;
   for (const auto &[extension, part] : phones_) sources.insert(part.source);
   for (const std::string &source : sources) {
      const bool up = hooks_.running ? hooks_.running(source) : true;
      bool stale = false;
      if (up) {
         pbx_down_since_.erase(source);
      } else {
         const auto since = pbx_down_since_.try_emplace(source, now).first->second;
         stale = is_stale(since, now, config_.stale_after_s);
      }
      for (auto &[extension, part] : phones_) {
         if (part.source != source || part.stale == stale) continue;
         part.stale = stale;
         for (auto [it, end] = by_extension_.equal_range(extension); it != end; ++it) republish(it->second);
      }
   }
}

// Like the phone: a push backend (XMPP) reports only changes, and a polling one confirms on every
// round, so while the presence plugin runs its states count as confirmed. Its parts go stale once
// it has not been `running` (limited, failed, stopped) for stale_after.
void ContactStates::update_presence_stale() {
   if (!config_.configured) return;
   const std::int64_t now = loop_.clock().now_us();
   if (!hooks_.running || hooks_.running(config_.plugin)) {
      presence_down_since_.reset();
      presence_stale_ = false;
      return;
   }
   if (!presence_down_since_) presence_down_since_ = now;
   presence_stale_ = is_stale(*presence_down_since_, now, config_.stale_after_s);
}

void ContactStates::on_presence(std::string_view plugin, const portier_event_header &ev) {
   if (!config_.configured || plugin != config_.plugin) return;
   std::string key;
   if (!table_.apply(plugin, ev, presence_stale_, key)) return;
   for (auto [it, end] = by_presence_key_.equal_range(key); it != end; ++it) republish(it->second);
}

void ContactStates::on_device(std::string_view plugin, const portier_event_header &ev) {
   if (ev.space != PORTIER_SPACE_PBX || ev.type != PORTIER_PBX_EV_DEVICE ||
       ev.struct_size < sizeof(portier_pbx_device_event))
      return;
   portier_pbx_device_event record;
   std::memcpy(&record, &ev, sizeof record);
   const std::string extension = lamp_key(text_of(record.device));
   if (extension.empty()) return;
   // Every device is kept (as many as the device board keeps): the next import may add its contact.
   if (phones_.size() >= kMaxLamps && !phones_.contains(extension)) return;
   PhonePart &part = phones_[extension];
   part = PhonePart{record.state, std::string(plugin), loop_.clock().now_us(), false};
   for (auto [it, end] = by_extension_.equal_range(extension); it != end; ++it) republish(it->second);
}

void ContactStates::forget_pbx(std::string_view plugin) {
   std::set<std::int64_t> touched;
   for (auto it = phones_.begin(); it != phones_.end();) {
      if (it->second.source != plugin) {
         ++it;
         continue;
      }
      for (auto [c, end] = by_extension_.equal_range(it->first); c != end; ++c) touched.insert(c->second);
      it = phones_.erase(it);
   }
   pbx_down_since_.erase(std::string(plugin));
   republish_all(touched);
}

std::string ContactStates::lamp_key(std::string_view device) const {
   return hooks_.extension_of ? hooks_.extension_of(device) : std::string(device);
}

std::optional<FusedState> ContactStates::fused(const Entry &entry) const {
   std::optional<PhonePart> phone;
   std::optional<PresencePart> presence;
   if (!entry.lamp_key.empty())
      if (const auto it = phones_.find(entry.lamp_key); it != phones_.end()) phone = it->second;
   if (!entry.presence_key.empty())
      if (const PresencePart *part = table_.find(entry.presence_key)) presence = *part;
   return fuse(phone, presence, config_.precedence);
}

// Host clock to Unix ms, kept once found: read anew for every answer, the two clocks' difference
// wobbles by a millisecond, and one state would show two confirmed_ms (in its event and in a
// later directory_contact). Read again only when the wall clock stepped by more than a second.
std::int64_t ContactStates::epoch_offset_ms() const {
   const std::int64_t now = (hooks_.wall_ms ? hooks_.wall_ms() : 0) - loop_.clock().now_us() / 1000;
   if (!epoch_offset_ms_ || std::llabs(now - *epoch_offset_ms_) > 1000) epoch_offset_ms_ = now;
   return *epoch_offset_ms_;
}

std::optional<nlohmann::json> ContactStates::state_json(std::int64_t id) const {
   const auto it = contacts_.find(id);
   if (it == contacts_.end()) return std::nullopt;
   const std::optional<FusedState> state = fused(it->second);
   if (!state) return std::nullopt;
   return to_json(*state, epoch_offset_ms());
}

void ContactStates::republish(std::int64_t id) {
   const auto it = contacts_.find(id);
   std::optional<FusedState> state;
   if (it != contacts_.end()) state = fused(it->second);
   const auto last = published_.find(id);
   const bool had = last != published_.end();
   if (had ? (state && *state == last->second) : !state) return;
   if (state) published_[id] = *state;
   else published_.erase(id);
   if (!hooks_.publish) return;
   nlohmann::json event{{"type", "event"},
                        {"event", "contact_state"},
                        {"tenant", it != contacts_.end() ? it->second.tenant : std::string("*")},
                        {"contact_id", id}};
   if (state) {
      event["state"] = to_json(*state, epoch_offset_ms());
   } else {
      event["state"] = nullptr;  // nothing is known any more
   }
   hooks_.publish(event);
}

template <typename Ids>
void ContactStates::republish_all(const Ids &ids) {
   for (const std::int64_t id : ids) republish(id);
}

}  // namespace portier::kernel
