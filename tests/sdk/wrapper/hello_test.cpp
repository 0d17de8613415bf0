// SPDX-License-Identifier: MIT
// The example plugin, loaded from its built .so the way the core loads it, against the fake host.
#include <catch2/catch.hpp>

#include <dlfcn.h>

#include <cstring>
#include <string>

#include <portier/portier.h>

#include "fake_host.hpp"

namespace {

const portier_plugin &hello() {
   static const portier_plugin *d = [] {
      void *lib = dlopen(PORTIER_HELLO_PLUGIN, RTLD_NOW | RTLD_LOCAL);
      REQUIRE(lib != nullptr);  // the library stays loaded, as in the core
      auto entry = reinterpret_cast<portier_plugin_entry_fn>(dlsym(lib, PORTIER_ENTRY_SYMBOL));
      REQUIRE(entry != nullptr);
      return entry(1);
   }();
   REQUIRE(d != nullptr);
   return *d;
}

portier_str str(const std::string &s) { return portier_str{s.data(), s.size()}; }

std::string validate(const std::string &json) {
   portier_error err = PORTIER_ERROR_INIT;
   const portier_status s = hello().validate_config(str(json), &err);
   return s == PORTIER_OK ? "" : std::string(portier_status_name(s)) + ": " + err.message;
}

}  // namespace

TEST_CASE("the example describes itself as the hello service") {
   const portier_plugin &d = hello();
   CHECK(std::string(d.id) == "hello");
   CHECK(std::string(d.kind) == "service");
   CHECK(std::string(d.name) == "Hello example");
   CHECK(std::string(d.version) == "1.0.0");
   CHECK(std::string(d.license) == "MIT");
}

TEST_CASE("the example validates its settings with precise messages") {
   CHECK(validate("{}").empty());
   CHECK(validate(R"({"greeting":"Hi","interval_ms":100})").empty());
   CHECK(validate(R"({"interval_ms":5})") ==
         "PORTIER_ERR_CONFIG: settings.interval_ms: 5 is out of range 100..3600000");
   CHECK(validate(R"({"greting":"Hi"})") ==
         "PORTIER_ERR_CONFIG: settings: unknown key 'greting' (did you mean 'greeting'?)");
   CHECK(validate(R"({"greeting":""})") ==
         "PORTIER_ERR_CONFIG: settings.greeting: length 0 is out of range 1..200 characters");
}

TEST_CASE("the example greets at start, then on every tick, and reports running") {
   fake::Host fake;
   portier_instance *inst = nullptr;
   portier_error err = PORTIER_ERROR_INIT;
   REQUIRE(hello().create(&fake.table, str(R"({"greeting":"Moin","interval_ms":1000})"), &inst, &err) == PORTIER_OK);
   REQUIRE(hello().start(inst, &err) == PORTIER_OK);
   CHECK(fake.logged(PORTIER_LOG_INFO, "Moin"));
   REQUIRE(fake.states.size() == 1);
   CHECK(fake.states[0].first == PORTIER_STATE_RUNNING);
   REQUIRE(fake.timers.size() == 1);
   CHECK(fake.timers.begin()->second.period_us == 1000000);
   fake.fire_all();
   fake.fire_all();
   CHECK(fake.logged(PORTIER_LOG_INFO, "Moin (#1)"));
   CHECK(fake.logged(PORTIER_LOG_INFO, "Moin (#2)"));
   hello().stop(inst);
   CHECK(fake.timers.empty());
   const int cancels = fake.cancels;
   hello().destroy(inst);
   CHECK(fake.cancels == cancels);  // nothing of the host is called after stop
}

TEST_CASE("the example applies new settings without a restart") {
   fake::Host fake;
   portier_instance *inst = nullptr;
   portier_error err = PORTIER_ERROR_INIT;
   REQUIRE(hello().create(&fake.table, str("{}"), &inst, &err) == PORTIER_OK);
   REQUIRE(hello().start(inst, &err) == PORTIER_OK);
   CHECK(fake.logged(PORTIER_LOG_INFO, "Hello from Portier"));
   CHECK(fake.timers.begin()->second.period_us == 60000000);
   REQUIRE(hello().reconfigure(inst, str(R"({"greeting":"Servus","interval_ms":500})"), &err) == PORTIER_OK);
   REQUIRE(fake.timers.size() == 1);
   CHECK(fake.timers.begin()->second.period_us == 500000);
   fake.fire_all();
   CHECK(fake.logged(PORTIER_LOG_INFO, "Servus (#1)"));
   CHECK(hello().reconfigure(inst, str(R"({"interval_ms":1})"), &err) == PORTIER_ERR_CONFIG);
   CHECK(fake.timers.begin()->second.period_us == 500000);  // the old settings stay in force
   hello().stop(inst);
   hello().destroy(inst);
}
