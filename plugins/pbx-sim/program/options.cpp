// SPDX-License-Identifier: GPL-3.0-or-later
#include "program/options.h"

#include <algorithm>
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
    "  --sip                the SIP side: registrar for trunk.sip, calls over the trunk\n"
    "  --sip-port N         its UDP and TCP port (default 5090; 0 picks a free one; not 5060-5080)\n"
    "  --register-id ID     the trunk's register id (default portier-cps; case-sensitive)\n"
    "  --trunk-user U       digest user (default portier)\n"
    "  --trunk-password P   digest password (default portier)\n"
    "  --cps-numbers LIST   CPS numbers routed to the trunk, comma-separated E.164 numbers or\n"
    "                       ranges (default +498970071200..99)\n"
    "  --rtp-start N        first RTP port of the simulated parties (default 32000; 0: any free)\n"
    "  --rtp-count N        RTP ports (default 200)\n"
    "  --office-prefix P    E.164 prefix of short office numbers (default +49897007)\n"
    "  --verbose            log every demo call too\n"
    "  --help               this text\n"
    "Prints 'listening on 127.0.0.1:PORT' (and 'sip on 127.0.0.1:PORT') when ready; logs to stderr; stops on SIGINT or SIGTERM.\n";

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
      } else if (a == "--sip") {
         o.sim.sip.enabled = true;
      } else if (a == "--sip-port" || a == "--rtp-start" || a == "--rtp-count") {
         const std::string *v = value();
         if (v == nullptr) break;
         const std::uint64_t max = a == "--rtp-count" ? 20000 : 65535;
         if (!read_uint(*v, max, n) || (a == "--rtp-count" && n < 2)) {
            r.error = a + ": '" + *v + "' is not a number in range";
         } else if (a == "--sip-port") {
            if (n >= 5060 && n <= 5080) r.error = "--sip-port: 5060-5080 belong to the PBX and trunk.sip";
            o.sim.sip.port = static_cast<std::uint16_t>(n);
         } else if (a == "--rtp-start") {
            o.sim.sip.rtp_start = static_cast<std::uint16_t>(n);
         } else {
            o.sim.sip.rtp_count = static_cast<std::uint32_t>(n);
         }
      } else if (a == "--register-id" || a == "--trunk-user" || a == "--trunk-password" || a == "--office-prefix") {
         const std::string *v = value();
         if (v == nullptr) break;
         if (a == "--register-id") o.sim.sip.trunk.register_id = *v;
         else if (a == "--trunk-user") o.sim.sip.trunk.user = *v;
         else if (a == "--trunk-password") o.sim.sip.trunk.password = *v;
         else o.sim.sip.office_prefix = *v;
      } else if (a == "--cps-numbers") {
         const std::string *v = value();
         if (v == nullptr) break;
         o.sim.sip.cps_numbers.clear();
         std::size_t start = 0;
         while (start <= v->size() && o.sim.sip.cps_numbers.size() < 256) {
            const std::size_t comma = std::min(v->find(',', start), v->size());
            if (comma > start) o.sim.sip.cps_numbers.push_back(v->substr(start, comma - start));
            start = comma + 1;
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
