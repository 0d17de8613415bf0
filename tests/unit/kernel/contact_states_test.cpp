// SPDX-License-Identifier: GPL-3.0-or-later
// Live contact state (contact_states.h) on a simulated clock: subscriptions of the keys of
// presence-enabled tenants, sent as differences and retried when the plugin is busy; presence and
// device events fused into contact_state events; stale marks from the clock.
#include <cstring>
#include <set>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include <portier/kind/pbx.h>
#include <portier/kind/presence.h>

#include "kernel/clock.h"
#include "kernel/contact_states.h"
#include "kernel/engine_loop.h"

using namespace portier::kernel;
using portier::directory::ContactKeys;

namespace {

constexpr std::int64_t kWallMs = 1764430000000;  // the wall clock when the simulated clock is 0

// The fake presence plugin's memory: what it was asked, what it takes.
struct FakePlugin {
   std::set<std::int32_t> key_types{PORTIER_PRESENCE_KEY_EXTENSION};
   int busy = 0;  // refuse this many non-empty calls as busy
   std::vector<std::string> calls;  // "+2:100" / "-2:100"
   std::set<std::string> watched;
};
FakePlugin *g_plugin = nullptr;

portier_status change(bool add, std::int32_t type, const char *const *keys, std::size_t count, portier_error *err) {
   if (!g_plugin->key_types.contains(type)) {
      std::snprintf(err->message, sizeof err->message, "key type %d not taken", type);
      return PORTIER_ERR_INVALID;
   }
   if (count > 0 && g_plugin->busy > 0) {
      --g_plugin->busy;
      return PORTIER_ERR_BUSY;
   }
   for (std::size_t i = 0; i < count; ++i) {
      g_plugin->calls.push_back((add ? "+" : "-") + std::to_string(type) + ":" + keys[i]);
      if (add) g_plugin->watched.insert(keys[i]);
      else g_plugin->watched.erase(keys[i]);
   }
   return PORTIER_OK;
}

portier_status PORTIER_ABI fake_subscribe(portier_instance *, std::int32_t type, const char *const *keys,
                                          std::size_t count, portier_error *err) {
   return change(true, type, keys, count, err);
}
portier_status PORTIER_ABI fake_unsubscribe(portier_instance *, std::int32_t type, const char *const *keys,
                                            std::size_t count, portier_error *err) {
   return change(false, type, keys, count, err);
}
const portier_presence_v1 kTable{static_cast<std::uint32_t>(sizeof(portier_presence_v1)), &fake_subscribe,
                                 &fake_unsubscribe};

struct Rig {
   SimulatedClock clock{0};
   EngineLoop loop{clock, 256};
   FakePlugin plugin;
   std::vector<nlohmann::json> published;
   bool pbx_running = true;
   bool presence_running = true;
   std::int64_t wall_wobble_ms = 0;  // the wall clock read a little off, as two real reads are
   std::uint64_t generation = 1;
   std::unique_ptr<ContactStates> states;

   explicit Rig(PresenceConfig config = enabled()) {
      g_plugin = &plugin;
      loop.adopt_current_thread();
      ContactStateHooks hooks;
      hooks.publish = [this](const nlohmann::json &event) { published.push_back(event); };
      hooks.presence_port = [this] {
         return std::optional<PresencePort>(PresencePort{&kTable, nullptr, generation});
      };
      hooks.running = [this](std::string_view id) { return id == "presence.uc" ? presence_running : pbx_running; };
      hooks.wall_ms = [this] { return kWallMs + wall_wobble_ms + clock.now_us() / 1000; };
      states = std::make_unique<ContactStates>(loop, std::move(config), std::move(hooks));
   }
   ~Rig() { g_plugin = nullptr; }

   static PresenceConfig enabled() {
      PresenceConfig config;
      config.configured = true;
      config.plugin = "presence.uc";
      config.tenants = {"DEFAULT"};
      config.stale_after_s = 60;
      return config;
   }

   // The whole book, as the directory worker's first read hands it over, then one tick.
   void book(std::vector<ContactKeys> contacts) {
      states->apply_contacts(ContactKeysDelta{true, std::move(contacts), {}});
      states->tick();
   }

   // One run's change, as the directory worker hands it over after the commit, then one tick.
   void change(std::vector<ContactKeys> changed, std::vector<std::int64_t> removed) {
      states->apply_contacts(ContactKeysDelta{false, std::move(changed), std::move(removed)});
      states->tick();
   }

   void presence(const std::string &key, std::int32_t availability, std::int32_t key_type = PORTIER_PRESENCE_KEY_EXTENSION,
                 const std::string &plugin = "presence.uc") {
      portier_presence_event ev{};
      ev.header.struct_size = sizeof ev;
      ev.header.space = PORTIER_SPACE_PRESENCE;
      ev.header.type = PORTIER_PRESENCE_EV_STATE;
      ev.key_type = key_type;
      ev.availability = availability;
      ev.activity = PORTIER_ACTIVITY_NONE;
      ev.confirmed_us = clock.now_us();
      std::strncpy(ev.key, key.c_str(), sizeof ev.key - 1);
      std::strncpy(ev.note, "at my desk", sizeof ev.note - 1);
      states->on_presence(plugin, ev.header);
   }

   void device(const std::string &extension, std::int32_t state) {
      portier_pbx_device_event ev{};
      ev.header.struct_size = sizeof ev;
      ev.header.space = PORTIER_SPACE_PBX;
      ev.header.type = PORTIER_PBX_EV_DEVICE;
      ev.state = state;
      std::strncpy(ev.device, extension.c_str(), sizeof ev.device - 1);
      states->on_device("pbx.osv", ev.header);
   }

   // Moves the simulated clock by whole ticks, the timer doing its work at each.
   void advance_s(int seconds) {
      for (int i = 0; i < seconds; ++i) {
         clock.set(clock.now_us() + kContactStateTick_us);
         states->tick();
      }
   }

   std::vector<nlohmann::json> events_of(std::int64_t id) const {
      std::vector<nlohmann::json> out;
      for (const auto &e : published)
         if (e["contact_id"] == id) out.push_back(e);
      return out;
   }
};

std::vector<ContactKeys> two_tenants() {
   return {ContactKeys{1, "DEFAULT", "100", {"Ann@Example.com"}},
           ContactKeys{2, "DEFAULT", "101", {}},
           ContactKeys{3, "Hotel", "200", {"guest@example.com"}}};
}

}  // namespace

TEST_CASE("the keys of the contacts of presence-enabled tenants are subscribed by extension") {
   Rig rig;
   rig.book(two_tenants());
   CHECK(rig.states->key_type() == PORTIER_PRESENCE_KEY_EXTENSION);
   CHECK(rig.plugin.watched == std::set<std::string>{"100", "101"});
}

TEST_CASE("a plugin that takes e-mail keys only is asked by the first e-mail, in lower case") {
   Rig rig;
   rig.plugin.key_types = {PORTIER_PRESENCE_KEY_EMAIL};
   rig.book(two_tenants());
   CHECK(rig.states->key_type() == PORTIER_PRESENCE_KEY_EMAIL);
   CHECK(rig.plugin.watched == std::set<std::string>{"ann@example.com"});
}

TEST_CASE("a new phone book sends only the difference") {
   Rig rig;
   rig.book(two_tenants());
   rig.plugin.calls.clear();
   rig.book({ContactKeys{1, "DEFAULT", "100", {}}, ContactKeys{4, "DEFAULT", "102", {}}});
   CHECK(rig.plugin.calls == std::vector<std::string>{"-2:101", "+2:102"});
}

TEST_CASE("a run's change subscribes the keys of added contacts and unsubscribes those of removed ones") {
   Rig rig;
   rig.book(two_tenants());
   rig.plugin.calls.clear();
   rig.change({ContactKeys{4, "DEFAULT", "102", {}}, ContactKeys{5, "Hotel", "201", {}}}, {2});
   CHECK(rig.plugin.calls == std::vector<std::string>{"-2:101", "+2:102"});
   CHECK(rig.plugin.watched == std::set<std::string>{"100", "102"});
}

TEST_CASE("a key two contacts share stays watched until the last of them goes") {
   Rig rig;
   rig.book({ContactKeys{1, "DEFAULT", "100", {}}, ContactKeys{2, "DEFAULT", "100", {}}});
   rig.change({}, {1});
   CHECK(rig.plugin.watched == std::set<std::string>{"100"});
   rig.device("100", PORTIER_PBX_DEVICE_BUSY);
   CHECK_FALSE(rig.states->state_json(1));
   CHECK(rig.states->state_json(2));
   rig.change({}, {2});
   CHECK(rig.plugin.watched.empty());
}

TEST_CASE("a contact whose extension changed is watched by its new key") {
   Rig rig;
   rig.book(two_tenants());
   rig.plugin.calls.clear();
   rig.change({ContactKeys{2, "DEFAULT", "109", {}}}, {});
   CHECK(rig.plugin.calls == std::vector<std::string>{"-2:101", "+2:109"});
   rig.device("109", PORTIER_PBX_DEVICE_BUSY);
   CHECK(rig.events_of(2).back()["state"].is_object());
}

TEST_CASE("keys refused as busy are sent at a later tick") {
   Rig rig;
   rig.plugin.busy = 1;
   rig.book(two_tenants());
   CHECK(rig.plugin.watched.empty());
   CHECK_FALSE(rig.states->subscriptions().settled());
   rig.advance_s(1);
   CHECK(rig.plugin.watched == std::set<std::string>{"100", "101"});
}

TEST_CASE("a restarted presence plugin is subscribed again") {
   Rig rig;
   rig.book(two_tenants());
   rig.plugin.watched.clear();
   rig.generation = 2;
   rig.advance_s(1);
   CHECK(rig.plugin.watched == std::set<std::string>{"100", "101"});
}

TEST_CASE("more keys than max_keys: the rest are not watched") {
   PresenceConfig config = Rig::enabled();
   config.max_keys = 1;
   Rig rig(config);
   rig.book(two_tenants());
   CHECK(rig.plugin.watched.size() == 1);
}

TEST_CASE("a presence change publishes the contact's fused state once") {
   Rig rig;
   rig.book(two_tenants());
   rig.advance_s(5);
   rig.presence("100", PORTIER_AVAILABILITY_AWAY);
   const auto events = rig.events_of(1);
   REQUIRE(events.size() == 1);
   CHECK(events[0]["type"] == "event");
   CHECK(events[0]["event"] == "contact_state");
   CHECK(events[0]["tenant"] == "DEFAULT");
   const nlohmann::json &state = events[0]["state"];
   CHECK(state["summary"] == "away");
   CHECK(state["from"] == "presence");
   CHECK(state["presence"]["source"] == "presence.uc");
   CHECK(state["presence"]["note"] == "at my desk");
   CHECK(state["presence"]["confirmed_ms"] == kWallMs + 5000);
   CHECK(rig.states->state_json(1) == state);
   rig.presence("100", PORTIER_AVAILABILITY_AWAY);  // the same again, confirmed at the same time
   CHECK(rig.events_of(1).size() == 1);
}

TEST_CASE("presence of another plugin or of a tenant without presence changes nothing") {
   Rig rig;
   rig.book(two_tenants());
   rig.presence("100", PORTIER_AVAILABILITY_AWAY, PORTIER_PRESENCE_KEY_EXTENSION, "presence.teams");
   rig.presence("200", PORTIER_AVAILABILITY_AWAY);
   CHECK(rig.published.empty());
   CHECK_FALSE(rig.states->state_json(3));
}

TEST_CASE("a busy phone decides over presence, and the idle phone hands back to it") {
   Rig rig;
   rig.book(two_tenants());
   rig.presence("100", PORTIER_AVAILABILITY_AVAILABLE);
   rig.device("100", PORTIER_PBX_DEVICE_BUSY);
   auto state = rig.events_of(1).back()["state"];
   CHECK(state["summary"] == "busy");
   CHECK(state["from"] == "phone");
   CHECK(state["phone"]["state"] == "busy");
   CHECK(state["phone"]["source"] == "pbx.osv");
   rig.device("100", PORTIER_PBX_DEVICE_IDLE);
   state = rig.events_of(1).back()["state"];
   CHECK(state["summary"] == "available");
   CHECK(state["from"] == "presence");
}

TEST_CASE("presence whose plugin is not running for stale_after is marked stale once, and the phone decides") {
   Rig rig;
   rig.book(two_tenants());
   rig.device("100", PORTIER_PBX_DEVICE_IDLE);
   rig.presence("100", PORTIER_AVAILABILITY_DND);
   CHECK(rig.events_of(1).back()["state"]["summary"] == "dnd");
   const std::size_t before = rig.events_of(1).size();
   rig.advance_s(600);  // a push backend reports only changes: a quiet presence stays confirmed while it runs
   CHECK(rig.events_of(1).size() == before);
   CHECK(rig.events_of(1).back()["state"]["presence"]["stale"] == false);
   rig.presence_running = false;
   rig.advance_s(59);
   CHECK(rig.events_of(1).size() == before);
   rig.advance_s(2);
   REQUIRE(rig.events_of(1).size() == before + 1);
   const auto state = rig.events_of(1).back()["state"];
   CHECK(state["presence"]["stale"] == true);
   CHECK(state["summary"] == "available");
   CHECK(state["from"] == "phone");
   rig.advance_s(10);
   CHECK(rig.events_of(1).size() == before + 1);
   // Running again: the last state counts as confirmed once more, and decides again.
   rig.presence_running = true;
   rig.advance_s(1);
   REQUIRE(rig.events_of(1).size() == before + 2);
   CHECK(rig.events_of(1).back()["state"]["presence"]["stale"] == false);
   CHECK(rig.events_of(1).back()["state"]["summary"] == "dnd");
}

TEST_CASE("a phone whose pbx plugin is down for stale_after is marked stale") {
   Rig rig;
   rig.book(two_tenants());
   rig.device("101", PORTIER_PBX_DEVICE_IDLE);
   rig.advance_s(120);  // a quiet phone stays confirmed while its link runs
   CHECK(rig.events_of(2).back()["state"]["stale"] == false);
   rig.pbx_running = false;
   rig.advance_s(59);
   CHECK(rig.events_of(2).back()["state"]["stale"] == false);
   rig.advance_s(2);
   const auto state = rig.events_of(2).back()["state"];
   CHECK(state["stale"] == true);
   CHECK(state["phone"]["stale"] == true);
}

TEST_CASE("a stopped pbx plugin takes its phone parts away") {
   Rig rig;
   rig.book(two_tenants());
   rig.device("101", PORTIER_PBX_DEVICE_IDLE);
   rig.states->forget_pbx("pbx.osv");
   CHECK(rig.events_of(2).back()["state"].is_null());
   CHECK_FALSE(rig.states->state_json(2));
}

TEST_CASE("the timer does the work once started") {
   Rig rig;
   rig.states->apply_contacts(ContactKeysDelta{true, two_tenants(), {}});
   rig.states->start();
   rig.loop.advance(kContactStateTick_us);
   CHECK(rig.plugin.watched == std::set<std::string>{"100", "101"});
}

TEST_CASE("one state shows one confirmed_ms in its event and in later answers, however the clocks wobble") {
   Rig rig;
   rig.book(two_tenants());
   rig.presence("100", PORTIER_AVAILABILITY_DND);
   const auto event = rig.events_of(1).back()["state"];
   rig.wall_wobble_ms = 1;
   rig.advance_s(1);
   const auto answer = rig.states->state_json(1);
   REQUIRE(answer.has_value());
   CHECK((*answer)["presence"]["confirmed_ms"] == event["presence"]["confirmed_ms"]);
   // A real step of the wall clock (more than a second) is followed.
   rig.wall_wobble_ms = 5000;
   const auto stepped = rig.states->state_json(1);
   CHECK((*stepped)["presence"]["confirmed_ms"].get<std::int64_t>() ==
         event["presence"]["confirmed_ms"].get<std::int64_t>() + 5000);
}
