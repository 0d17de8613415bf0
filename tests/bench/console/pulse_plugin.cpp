// SPDX-License-Identifier: GPL-3.0-or-later
// bench.pulse: a test-only client plugin for console_bench. It is the benchmark's event source
// and its clock. Loaded before client.web, it logs on `attendants` attendants, waits for the
// `trigger` file, then toggles them available / unavailable at `rate` commands per second for
// `seconds` through portier.host.client/1 (the engine's real command path), so the engine emits
// one attendant_changed event per command. The kernel hands each event to the client plugins in
// load order, bench.pulse first: deliver() stamps it with CLOCK_MONOTONIC at that moment, the
// moment the engine's event reaches the client plugins, and keeps the stamps. After the last
// command a marker command follows; its answer comes after every event before it, and then the
// stamps are written to the `record` file ("NANOSECONDS ATTENDANT STATE" per event).
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include <portier/kind/client.h>
#include <portier/portier.hpp>

namespace portier::bench {
namespace {

using Clock = std::chrono::steady_clock;  // CLOCK_MONOTONIC: one clock for every process here

constexpr std::uint64_t kMarkerRequest = std::uint64_t{1} << 40;  // above every log_on/toggle id
constexpr std::chrono::milliseconds kTriggerPoll{10};
constexpr int kBusyRetries = 100;  // a full engine queue: retried 1 ms apart, then counted lost

struct PulseSettings {
   int attendants = 50;
   int rate = 200;
   int seconds = 20;
   std::string tenant = "DEFAULT";
   std::string trigger;
   std::string record;
};

Result<PulseSettings> read_pulse_settings(std::string_view json) {
   Settings s(json);
   PulseSettings out;
   out.attendants = static_cast<int>(s.get_int("attendants", 50, 1, 1000));
   out.rate = static_cast<int>(s.get_int("rate", 200, 1, 10000));
   out.seconds = static_cast<int>(s.get_int("seconds", 20, 1, 600));
   out.tenant = s.get_string("tenant", "DEFAULT", 1, 128);
   out.trigger = s.get_string("trigger", "", 1, 4096);
   out.record = s.get_string("record", "", 1, 4096);
   if (out.trigger.empty()) s.problem("trigger", "is required (the file console_bench creates to start)");
   if (out.record.empty()) s.problem("record", "is required (the file the stamps go to)");
   auto done = s.finish();
   if (!done.ok()) return done.error();
   return out;
}

std::string attendant_name(int i) {
   char name[32];
   std::snprintf(name, sizeof name, "pulse-%03d", i);
   return name;
}

// The value of "key":"..." in the engine's compact JSON; "" when absent.
std::string_view string_field(std::string_view json, std::string_view key) {
   const std::string pattern = "\"" + std::string(key) + "\":\"";
   const std::size_t at = json.find(pattern);
   if (at == std::string_view::npos) return {};
   const std::size_t from = at + pattern.size();
   const std::size_t end = json.find('"', from);
   return end == std::string_view::npos ? std::string_view() : json.substr(from, end - from);
}

struct Stamp {
   std::int64_t ns;
   std::string attendant;
   std::string state;
};

class Pulse : public Plugin<Pulse> {
public:
   static Result<void> validate(std::string_view json) {
      auto read = read_pulse_settings(json);
      if (!read.ok()) return read.error();
      return ok();
   }

   static Result<std::unique_ptr<Pulse>> create(Host host, std::string_view json) {
      auto read = read_pulse_settings(json);
      if (!read.ok()) return read.error();
      return std::make_unique<Pulse>(host, std::move(read).value());
   }

   Pulse(Host, PulseSettings settings) : settings_(std::move(settings)) {}

   Result<void> start() {
      client_ = host().get_service<portier_host_client_v1>(PORTIER_HOST_CLIENT_1);
      if (client_ == nullptr || client_->submit == nullptr) {
         return portier::error(PORTIER_ERR_UNAVAILABLE, "the host serves no portier.host.client/1");
      }
      stamps_.reserve(static_cast<std::size_t>(settings_.rate) * static_cast<std::size_t>(settings_.seconds));
      thread_ = std::thread([this] { run(); });
      return ok();
   }

   void stop() {
      stopping_ = true;
      if (thread_.joinable()) thread_.join();
   }

   const void *get_interface(std::string_view iid) const { return iid == PORTIER_IF_CLIENT_1 ? &kTable : nullptr; }

   // [engine] Stamps first, everything else after: the stamp is the figure's start.
   static void PORTIER_ABI deliver(portier_instance *inst, uint64_t request_id, portier_str json) noexcept {
      const std::int64_t now = std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now().time_since_epoch()).count();
      if (inst == nullptr) return;
      Pulse &self = *reinterpret_cast<Pulse *>(inst);
      const std::string_view text(json.data, json.size);
      try {
         if (request_id == 0 && self.pulsing_ && text.find("\"attendant_changed\"") != std::string_view::npos) {
            const std::string_view attendant = string_field(text, "attendant");
            if (attendant.rfind("pulse-", 0) == 0) {
               self.stamps_.push_back(Stamp{now, std::string(attendant), std::string(string_field(text, "state"))});
            }
         } else if (request_id == kMarkerRequest) {
            self.write_record();
         }
      } catch (...) {
         self.host().error("bench.pulse: out of memory");
      }
   }

   static const portier_client_v1 kTable;

private:
   bool submit(std::uint64_t request_id, const std::string &command) {
      for (int attempt = 0; attempt < kBusyRetries && !stopping_; ++attempt) {
         portier_error err = PORTIER_ERROR_INIT;
         const portier_status s = client_->submit(host().raw()->ctx, request_id, to_str(command), &err);
         if (s == PORTIER_PENDING || s == PORTIER_OK) return true;
         if (s != PORTIER_ERR_BUSY) break;
         std::this_thread::sleep_for(std::chrono::milliseconds(1));
      }
      ++lost_;
      return false;
   }

   void run() {
      std::uint64_t id = 1;
      for (int i = 0; i < settings_.attendants; ++i) {
         // Devices +4989700790000.. are the bench's own numbers; no PBX is asked about them.
         char device[32];
         std::snprintf(device, sizeof device, "+49897007%05d", 90000 + i);
         submit(id++, "{\"type\":\"log_on\",\"attendant\":\"" + attendant_name(i) + "\",\"device\":\"" + device +
                          "\",\"tenant\":\"" + settings_.tenant + "\"}");
      }
      host().info("bench.pulse: " + std::to_string(settings_.attendants) + " attendants logged on; waiting for " +
                  settings_.trigger);
      std::error_code ec;
      while (!stopping_ && !std::filesystem::exists(settings_.trigger, ec)) std::this_thread::sleep_for(kTriggerPoll);
      if (stopping_) return;

      const long total = static_cast<long>(settings_.rate) * settings_.seconds;
      const auto period = std::chrono::nanoseconds(1000000000L / settings_.rate);
      host().info("bench.pulse: " + std::to_string(total) + " commands at " + std::to_string(settings_.rate) + "/s");
      pulsing_ = true;
      const auto t0 = Clock::now();
      for (long n = 0; n < total && !stopping_; ++n) {
         std::this_thread::sleep_until(t0 + n * period);
         const int who = static_cast<int>(n % settings_.attendants);
         const bool available = (n / settings_.attendants) % 2 == 0;  // each pass flips everyone
         submit(id++, "{\"type\":\"set_available\",\"attendant\":\"" + attendant_name(who) +
                          "\",\"available\":" + (available ? "true" : "false") + "}");
      }
      submitted_ = total;
      // The engine answers in order: this answer comes after every event of the commands above.
      submit(kMarkerRequest, "{\"type\":\"snapshot\"}");
   }

   // [engine] Written once, then renamed, so the reader never sees half a file.
   void write_record() {
      const std::string part = settings_.record + ".part";
      {
         std::ofstream out(part, std::ios::trunc);
         out << "# commands " << submitted_.load() << " lost " << lost_.load() << " events " << stamps_.size() << "\n";
         for (const Stamp &s : stamps_) out << s.ns << ' ' << s.attendant << ' ' << s.state << '\n';
      }
      std::error_code ec;
      std::filesystem::rename(part, settings_.record, ec);
      if (ec) host().error("bench.pulse: cannot write " + settings_.record + ": " + ec.message());
      host().info("bench.pulse: " + std::to_string(stamps_.size()) + " events recorded in " + settings_.record);
   }

   PulseSettings settings_;
   const portier_host_client_v1 *client_ = nullptr;
   std::thread thread_;
   std::atomic<bool> stopping_{false};
   std::atomic<bool> pulsing_{false};
   std::atomic<long> submitted_{0};
   std::atomic<long> lost_{0};
   std::vector<Stamp> stamps_;  // engine thread only
};

const portier_client_v1 Pulse::kTable{static_cast<std::uint32_t>(sizeof(portier_client_v1)), &Pulse::deliver};

constexpr const char *const kRequired[] = {PORTIER_HOST_CLIENT_1, nullptr};

constexpr PluginInfo kInfo{
    "bench.pulse",                  // id
    PORTIER_KIND_CLIENT,            // kind
    "Console benchmark pulse",      // name
    "0.1.0",                        // version
    "Portier",                      // vendor
    "",                             // url
    "",                             // support_url
    "GPL-3.0-or-later",             // license
    "Test only: drives attendant_changed events at a fixed rate and stamps them for console_bench.",
    nullptr,                        // features
    kRequired,                      // required_services
};

}  // namespace
}  // namespace portier::bench

PORTIER_PLUGIN_EX(portier::bench::Pulse, portier::bench::kInfo)
