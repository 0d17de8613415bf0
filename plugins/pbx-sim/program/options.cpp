// SPDX-License-Identifier: GPL-3.0-or-later
#include "program/options.h"

#include <charconv>

#include "spec/default_office.h"
#include "spec/office_reader.h"

namespace portier::pbxsim {

const char *const kUsage =
    "usage: portier-pbxsim [options]\n"
    "A simulated OpenScape Voice: a CSTA XML server on 127.0.0.1 over a simulated office.\n"
    "  --port N             CSTA port (default 1040; 0 picks a free one)\n"
    "  --listen 127.0.0.1   address to listen on (loopback only)\n"
    "  --office FILE        the office as YAML (default: a built-in office of 22 extensions)\n"
    "  --script FILE        run a line script of steps (see docs/admin/pbx-sim.md)\n"
    "  --exit-after-script  exit when the script has ended\n"
    "  --demo               free-running demo traffic\n"
    "  --seed N             seed of the demo traffic (default 1)\n"
    "  --demo-every-ms N    mean time between demo calls (default 4000)\n"
    "  --verbose            log every demo call too\n"
    "  --help               this text\n"
    "Prints 'listening on 127.0.0.1:PORT' when ready; logs to stderr; stops on SIGINT or SIGTERM.\n";

namespace {

bool read_uint(const std::string &text, std::uint64_t max, std::uint64_t &out) {
   const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
   return !text.empty() && ec == std::errc() && end == text.data() + text.size() && out <= max;
}

}  // namespace

OptionsResult parse_options(const std::vector<std::string> &args) {
   OptionsResult r;
   ProgramOptions &o = r.options;
   o.sim.office = default_office();
   std::string office_file, script_file;
   for (std::size_t i = 0; i < args.size() && r.error.empty(); ++i) {
      const std::string &a = args[i];
      auto value = [&]() -> const std::string * {
         if (i + 1 < args.size()) return &args[++i];
         r.error = a + " needs a value";
         return nullptr;
      };
      std::uint64_t n = 0;
      if (a == "--help" || a == "-h") {
         o.help = true;
      } else if (a == "--demo") {
         o.sim.demo = true;
      } else if (a == "--exit-after-script") {
         o.sim.stop_after_script = true;
      } else if (a == "--verbose") {
         o.verbose = true;
      } else if (a == "--port" || a == "--seed" || a == "--demo-every-ms") {
         const std::string *v = value();
         if (v == nullptr) break;
         const std::uint64_t max = a == "--port" ? 65535 : a == "--seed" ? UINT64_MAX : 3600000;
         if (!read_uint(*v, max, n) || (a == "--demo-every-ms" && n < 100)) {
            r.error = a + ": '" + *v + "' is not a number in range";
         } else if (a == "--port") {
            o.sim.port = static_cast<std::uint16_t>(n);
         } else if (a == "--seed") {
            o.sim.traffic.seed = n;
         } else {
            o.sim.traffic.every_ms = static_cast<std::uint32_t>(n);
         }
      } else if (a == "--listen") {
         const std::string *v = value();
         if (v != nullptr && *v != "127.0.0.1")
            r.error = "--listen: only 127.0.0.1 is supported (the simulator stays on loopback)";
      } else if (a == "--office" || a == "--script") {
         const std::string *v = value();
         if (v != nullptr) (a == "--office" ? office_file : script_file) = *v;
      } else {
         r.error = "unknown option '" + a + "' (try --help)";
      }
   }
   if (!r.error.empty() || o.help) return r;
   if (!office_file.empty()) {
      auto office = read_office_file(office_file);
      if (!office.ok()) {
         r.error = office.error;
         return r;
      }
      o.sim.office = std::move(*office.spec);
   }
   if (!script_file.empty()) {
      auto script = read_script_file(script_file);
      if (!script.ok()) {
         r.error = script.error;
         return r;
      }
      o.sim.script = std::move(script.steps);
   } else if (o.sim.stop_after_script) {
      r.error = "--exit-after-script needs --script";
   }
   return r;
}

}  // namespace portier::pbxsim
