// SPDX-License-Identifier: MIT
// The SDK's example plugin: a `service` that logs a greeting now and then. It shows the whole
// lifecycle written with portier.hpp: checked settings, a host timer, state reports and
// reconfiguration without a restart.
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>

#include <portier/portier.hpp>

namespace hello {

// The plugin's settings, read and checked in one place for validate, create and reconfigure.
struct Config {
   std::string greeting;
   std::int64_t interval_ms = 0;
};

constexpr std::int64_t kMinIntervalMs = 100;
constexpr std::int64_t kMaxIntervalMs = 3600000;  // one hour

portier::Result<Config> read_config(std::string_view json) {
   portier::Settings s(json);
   Config c;
   c.greeting = s.get_string("greeting", "Hello from Portier", 1, 200);
   c.interval_ms = s.get_int("interval_ms", 60000, kMinIntervalMs, kMaxIntervalMs);
   if (auto checked = s.finish(); !checked.ok()) return checked.error();
   return c;
}

class Hello : public portier::Plugin<Hello> {
public:
   static portier::Result<void> validate(std::string_view json) {
      auto config = read_config(json);
      if (!config.ok()) return config.error();
      return portier::ok();
   }

   // The host validated the settings before create(), so a failure here is the host's bug;
   // create() still refuses it rather than running on defaults.
   static portier::Result<std::unique_ptr<Hello>> create(portier::Host host, std::string_view json) {
      auto config = read_config(json);
      if (!config.ok()) return config.error();
      return std::make_unique<Hello>(host, std::move(config).value());
   }

   Hello(portier::Host host, Config config) : config_(std::move(config)), timer_(host) {}

   portier::Result<void> start() {
      host().info(config_.greeting);
      if (auto started = start_timer(); !started.ok()) return started;
      return host().report_state(PORTIER_STATE_RUNNING);
   }

   portier::Result<void> reconfigure(std::string_view json) {
      auto config = read_config(json);
      if (!config.ok()) return config.error();
      config_ = std::move(config).value();
      count_ = 0;
      return start_timer();  // restarts with the new interval; the old one is cancelled
   }

   void stop() { timer_.cancel(); }

private:
   portier::Result<void> start_timer() {
      const std::chrono::milliseconds every(config_.interval_ms);
      return timer_.start(every, every, [this] {
         ++count_;
         host().info(config_.greeting + " (#" + std::to_string(count_) + ")");
      });
   }

   Config config_;
   portier::Timer timer_;
   std::uint64_t count_ = 0;
};

constexpr portier::PluginInfo kInfo{
    "hello",                                                     // id
    PORTIER_KIND_SERVICE,                                        // kind
    "Hello example",                                             // name
    "1.0.0",                                                     // version
    "Portier",                                                   // vendor
    "",                                                          // url
    "",                                                          // support_url
    "MIT",                                                       // license
    "The SDK's example: logs a greeting at a set interval.",     // description
    nullptr,                                                     // features
    nullptr,                                                     // required_services
};

}  // namespace hello

PORTIER_PLUGIN_EX(hello::Hello, hello::kInfo)
