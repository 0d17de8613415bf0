// SPDX-License-Identifier: MIT
// The Plugin<Derived> trampolines: results and exceptions become statuses and messages.
#include <catch2/catch.hpp>

#include <cstring>
#include <memory>
#include <new>
#include <stdexcept>
#include <string>

#include <portier/portier.hpp>

#include "fake_host.hpp"

namespace {

// What each test wants the plugin to do, set before calling the trampolines.
struct Script {
   std::string throw_in;          // "ctor", "start", "reconfigure", "stop", "get_interface"
   std::string what = "boom";
   bool throw_int = false;
   bool throw_bad_alloc = false;
   bool throw_portier = false;
   int stops = 0;
   int destroyed = 0;
   std::string last_config;
};
Script script;

void maybe_throw(const char *where) {
   if (script.throw_in != where) return;
   if (script.throw_int) throw 7;
   if (script.throw_bad_alloc) throw std::bad_alloc();
   if (script.throw_portier) throw portier::Exception(portier::Error{PORTIER_ERR_UNAVAILABLE, 404, "peer gone"});
   throw std::runtime_error(script.what);
}

class Full : public portier::Plugin<Full> {
public:
   static portier::Result<void> validate(std::string_view json) {
      portier::Settings s(json);
      s.get_int("port", 5060, 1, 65535);
      return s.finish();
   }
   Full(portier::Host, std::string_view json) {
      maybe_throw("ctor");
      script.last_config = std::string(json);
   }
   ~Full() { ++script.destroyed; }
   portier::Result<void> start() {
      maybe_throw("start");
      return host().report_state(PORTIER_STATE_RUNNING);
   }
   portier::Result<void> reconfigure(std::string_view json) {
      maybe_throw("reconfigure");
      if (json == "{\"fail\":true}") return portier::error(PORTIER_ERR_UNAVAILABLE, "cannot apply now", 17);
      script.last_config = std::string(json);
      return portier::ok();
   }
   void stop() {
      ++script.stops;
      maybe_throw("stop");
   }
   const void *get_interface(std::string_view iid) {
      maybe_throw("get_interface");
      return iid == "test.iface/1" ? &kTable : nullptr;
   }
   static const int kTable;
};
const int Full::kTable = 1;

// Only a constructor: everything else takes the wrapper's defaults.
class Minimal : public portier::Plugin<Minimal> {
public:
   Minimal(portier::Host, std::string_view) {}
};

// A static create() that can refuse with a config error; start() returning void.
class Factory : public portier::Plugin<Factory> {
public:
   static portier::Result<std::unique_ptr<Factory>> create(portier::Host, std::string_view json) {
      if (json == "{}") return std::make_unique<Factory>(1);
      return portier::error(PORTIER_ERR_CONFIG, "settings: not empty");
   }
   explicit Factory(int v) : value(v) {}
   void start() { started = true; }
   int value;
   bool started = false;
};

constexpr portier::PluginInfo kInfo{"test.full", PORTIER_KIND_SERVICE, "Full", "2.3.4", "ACME", "", "",
                                    "MIT", "A test plugin.", nullptr, nullptr};
constexpr portier_plugin kFull = portier::Plugin<Full>::descriptor(kInfo);
constexpr portier_plugin kMinimal =
    portier::Plugin<Minimal>::descriptor(portier::PluginInfo{"test.min", "service", "Min", "1.0.0"});
constexpr portier_plugin kFactory =
    portier::Plugin<Factory>::descriptor(portier::PluginInfo{"test.factory", "service", "F", "1.0.0"});

portier_str str(const char *s) { return portier_str{s, std::strlen(s)}; }

struct Instance {
   fake::Host fake;
   const portier_plugin &d;
   portier_instance *inst = nullptr;
   explicit Instance(const portier_plugin &desc, const char *config = "{}") : d(desc) {
      script = Script{};
      portier_error err = PORTIER_ERROR_INIT;
      REQUIRE(d.create(&fake.table, str(config), &inst, &err) == PORTIER_OK);
      REQUIRE(inst != nullptr);
   }
   ~Instance() { d.destroy(inst); }
};

}  // namespace

TEST_CASE("the descriptor carries the info and every lifecycle function") {
   CHECK(kFull.struct_size == sizeof(portier_plugin));
   CHECK(kFull.abi_major == PORTIER_ABI_MAJOR);
   CHECK(std::string(kFull.id) == "test.full");
   CHECK(std::string(kFull.kind) == "service");
   CHECK(std::string(kFull.version) == "2.3.4");
   CHECK(std::string(kFull.license) == "MIT");
   CHECK(std::string(kMinimal.vendor).empty());
   CHECK(kMinimal.features == nullptr);
   for (const portier_plugin *d : {&kFull, &kMinimal}) {
      CHECK(d->validate_config != nullptr);
      CHECK(d->create != nullptr);
      CHECK(d->start != nullptr);
      CHECK(d->reconfigure != nullptr);
      CHECK(d->stop != nullptr);
      CHECK(d->destroy != nullptr);
      CHECK(d->get_interface != nullptr);
   }
}

TEST_CASE("create passes the host and the settings, start reaches the host through host()") {
   Instance i(kFull, "{\"port\":5061}");
   CHECK(script.last_config == "{\"port\":5061}");
   portier_error err = PORTIER_ERROR_INIT;
   REQUIRE(i.d.start(i.inst, &err) == PORTIER_OK);
   REQUIRE(i.fake.states.size() == 1);
   CHECK(i.fake.states[0].first == PORTIER_STATE_RUNNING);
}

TEST_CASE("an exception in start becomes an internal error with its message") {
   Instance i(kFull);
   script.throw_in = "start";
   script.what = "socket refused";
   portier_error err = PORTIER_ERROR_INIT;
   CHECK(i.d.start(i.inst, &err) == PORTIER_ERR_INTERNAL);
   CHECK(std::string(err.message) == "exception in start: socket refused");
}

TEST_CASE("an exception of a non-std type is reported as unknown") {
   Instance i(kFull);
   script.throw_in = "reconfigure";
   script.throw_int = true;
   portier_error err = PORTIER_ERROR_INIT;
   CHECK(i.d.reconfigure(i.inst, str("{}"), &err) == PORTIER_ERR_INTERNAL);
   CHECK(std::string(err.message) == "exception in reconfigure: unknown exception");
}

TEST_CASE("a very long exception message is cut to fit the error record") {
   Instance i(kFull);
   script.throw_in = "start";
   script.what = std::string(2000, 'x');
   portier_error err = PORTIER_ERROR_INIT;
   CHECK(i.d.start(i.inst, &err) == PORTIER_ERR_INTERNAL);
   const std::string msg(err.message);
   CHECK(msg.size() == PORTIER_ERROR_SIZE - 1);
   CHECK(msg.rfind("exception in start: xxx", 0) == 0);
}

TEST_CASE("a portier::Exception keeps its status, detail and message") {
   Instance i(kFull);
   script.throw_in = "start";
   script.throw_portier = true;
   portier_error err = PORTIER_ERROR_INIT;
   CHECK(i.d.start(i.inst, &err) == PORTIER_ERR_UNAVAILABLE);
   CHECK(err.detail == 404);
   CHECK(std::string(err.message) == "peer gone");
}

TEST_CASE("bad_alloc becomes NO_MEMORY") {
   Instance i(kFull);
   script.throw_in = "start";
   script.throw_bad_alloc = true;
   portier_error err = PORTIER_ERROR_INIT;
   CHECK(i.d.start(i.inst, &err) == PORTIER_ERR_NO_MEMORY);
   CHECK(std::string(err.message) == "out of memory in start");
}

TEST_CASE("an exception in the constructor fails create and leaves out untouched") {
   script = Script{};
   script.throw_in = "ctor";
   fake::Host fake;
   portier_instance *inst = nullptr;
   portier_error err = PORTIER_ERROR_INIT;
   CHECK(kFull.create(&fake.table, str("{}"), &inst, &err) == PORTIER_ERR_INTERNAL);
   CHECK(inst == nullptr);
   CHECK(std::string(err.message) == "exception in create: boom");
}

TEST_CASE("the trampolines accept a NULL error record") {
   Instance i(kFull);
   script.throw_in = "start";
   CHECK(i.d.start(i.inst, nullptr) == PORTIER_ERR_INTERNAL);
   CHECK(i.d.validate_config(str("{\"port\":0}"), nullptr) == PORTIER_ERR_CONFIG);
}

TEST_CASE("a failed reconfigure reports the plugin's status, detail and message") {
   Instance i(kFull);
   portier_error err = PORTIER_ERROR_INIT;
   CHECK(i.d.reconfigure(i.inst, str("{\"fail\":true}"), &err) == PORTIER_ERR_UNAVAILABLE);
   CHECK(err.detail == 17);
   CHECK(std::string(err.message) == "cannot apply now");
   CHECK(i.d.reconfigure(i.inst, str("{\"port\":1}"), &err) == PORTIER_OK);
   CHECK(script.last_config == "{\"port\":1}");
}

TEST_CASE("validate_config reports a bad setting as a config error") {
   portier_error err = PORTIER_ERROR_INIT;
   CHECK(kFull.validate_config(str("{\"port\":70000}"), &err) == PORTIER_ERR_CONFIG);
   CHECK(std::string(err.message) == "settings.port: 70000 is out of range 1..65535");
   CHECK(kFull.validate_config(str("{\"port\":5060}"), &err) == PORTIER_OK);
}

TEST_CASE("without reconfigure the plugin asks to be restarted") {
   Instance i(kMinimal);
   portier_error err = PORTIER_ERROR_INIT;
   CHECK(i.d.reconfigure(i.inst, str("{}"), &err) == PORTIER_ERR_UNSUPPORTED);
   CHECK(std::string(err.message) == "reconfigure: not supported; restart");
}

TEST_CASE("without validate only empty settings are accepted") {
   portier_error err = PORTIER_ERROR_INIT;
   CHECK(kMinimal.validate_config(str("{}"), &err) == PORTIER_OK);
   CHECK(kMinimal.validate_config(str("{\"x\":1}"), &err) == PORTIER_ERR_CONFIG);
   CHECK(std::string(err.message) == "settings: unknown key 'x' (this plugin takes no settings)");
}

TEST_CASE("the defaults: start succeeds, stop does nothing, no interfaces") {
   Instance i(kMinimal);
   portier_error err = PORTIER_ERROR_INIT;
   CHECK(i.d.start(i.inst, &err) == PORTIER_OK);
   CHECK(i.d.get_interface(i.inst, "portier.pbx/1") == nullptr);
   i.d.stop(i.inst);
}

TEST_CASE("get_interface returns the plugin's table by id") {
   Instance i(kFull);
   CHECK(i.d.get_interface(i.inst, "test.iface/1") == &Full::kTable);
   CHECK(i.d.get_interface(i.inst, "other/1") == nullptr);
   CHECK(i.d.get_interface(i.inst, nullptr) == nullptr);
}

TEST_CASE("an exception in get_interface gives NULL and is logged") {
   Instance i(kFull);
   script.throw_in = "get_interface";
   CHECK(i.d.get_interface(i.inst, "test.iface/1") == nullptr);
   CHECK(i.fake.logged(PORTIER_LOG_ERROR, "exception in get_interface: boom"));
}

TEST_CASE("an exception in stop is logged since stop cannot fail") {
   Instance i(kFull);
   script.throw_in = "stop";
   i.d.stop(i.inst);
   CHECK(script.stops == 1);
   CHECK(i.fake.logged(PORTIER_LOG_ERROR, "exception in stop: boom"));
}

TEST_CASE("destroy deletes the instance") {
   script = Script{};
   fake::Host fake;
   portier_instance *inst = nullptr;
   REQUIRE(kFull.create(&fake.table, str("{}"), &inst, nullptr) == PORTIER_OK);
   kFull.destroy(inst);
   CHECK(script.destroyed == 1);
}

TEST_CASE("a static create can refuse with its own status") {
   fake::Host fake;
   portier_instance *inst = nullptr;
   portier_error err = PORTIER_ERROR_INIT;
   CHECK(kFactory.create(&fake.table, str("{\"a\":1}"), &inst, &err) == PORTIER_ERR_CONFIG);
   CHECK(inst == nullptr);
   CHECK(std::string(err.message) == "settings: not empty");
   REQUIRE(kFactory.create(&fake.table, str("{}"), &inst, &err) == PORTIER_OK);
   CHECK(kFactory.start(inst, &err) == PORTIER_OK);
   CHECK(reinterpret_cast<Factory *>(inst)->started);
   CHECK(reinterpret_cast<Factory *>(inst)->host().raw() == &fake.table);
   kFactory.destroy(inst);
}

TEST_CASE("create refuses a NULL out pointer") {
   fake::Host fake;
   portier_error err = PORTIER_ERROR_INIT;
   CHECK(kMinimal.create(&fake.table, str("{}"), nullptr, &err) == PORTIER_ERR_INVALID);
}
