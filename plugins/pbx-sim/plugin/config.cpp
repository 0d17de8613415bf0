// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugin/config.h"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <initializer_list>

#include <portier/settings.hpp>

#include "spec/default_office.h"
#include "spec/office_reader.h"
#ifdef PORTIER_PBXSIM_SIP
#include "sip/cps_numbers.h"
#endif

namespace portier::pbxsim {
namespace {

// A string member of a nested settings object (trunk, rtp); problems name "trunk.user".
std::string nested_string(Settings &s, const json::Value &object, std::string_view parent, std::string_view key,
                          const std::string &fallback, std::size_t min_size = 1) {
   const json::Value *v = object.find(key);
   if (v == nullptr || v->kind == json::Kind::null) return fallback;
   const std::string path = std::string(parent) + "." + std::string(key);
   if (v->kind != json::Kind::string || v->text.size() < min_size || v->text.size() > 256) {
      s.problem(path, "expected a string of " + std::to_string(min_size) + " to 256 characters");
      return fallback;
   }
   return v->text;
}

std::int64_t nested_int(Settings &s, const json::Value &object, std::string_view parent, std::string_view key,
                        std::int64_t fallback, std::int64_t min, std::int64_t max) {
   const json::Value *v = object.find(key);
   if (v == nullptr || v->kind == json::Kind::null) return fallback;
   const std::string path = std::string(parent) + "." + std::string(key);
   std::int64_t n = 0;
   const auto [end, ec] = std::from_chars(v->text.data(), v->text.data() + v->text.size(), n);
   if (v->kind != json::Kind::number || ec != std::errc() || end != v->text.data() + v->text.size() || n < min || n > max) {
      s.problem(path, "expected a whole number " + std::to_string(min) + ".." + std::to_string(max));
      return fallback;
   }
   return n;
}

void check_members(Settings &s, const json::Value &object, std::string_view parent,
                   std::initializer_list<std::string_view> known) {
   for (const std::string &key : object.keys)
      if (std::find(known.begin(), known.end(), key) == known.end())
         s.problem(std::string(parent) + "." + key, "unknown key");
}

// The SIP side: sip, sip_port, trunk {register_id, user, password, realm}, cps_numbers,
// rtp {start_port, count}, office_prefix.
void read_sip_settings(Settings &s, SipOptions &sip) {
   sip.enabled = s.get_bool("sip", false);
   sip.port = static_cast<std::uint16_t>(s.get_int("sip_port", kDefaultSipPort, 0, 65535));
   if (sip.port >= 5060 && sip.port <= 5080) s.problem("sip_port", "5060-5080 belong to the PBX and trunk.sip; choose another port");
   sip.office_prefix = s.get_string("office_prefix", sip.office_prefix, 0, 32);
   if (const json::Value *trunk = s.get("trunk")) {
      if (trunk->kind != json::Kind::object) {
         s.problem("trunk", "expected an object {register_id, user, password}");
      } else {
         check_members(s, *trunk, "trunk", {"register_id", "user", "password", "realm"});
         sip.trunk.register_id = nested_string(s, *trunk, "trunk", "register_id", sip.trunk.register_id);
         sip.trunk.user = nested_string(s, *trunk, "trunk", "user", sip.trunk.user);
         // Empty: an open registrar (no digest), as the shipped demo runs it.
         sip.trunk.password = nested_string(s, *trunk, "trunk", "password", sip.trunk.password, 0);
         sip.trunk.realm = nested_string(s, *trunk, "trunk", "realm", sip.trunk.realm);
      }
   }
   if (const json::Value *rtp = s.get("rtp")) {
      if (rtp->kind != json::Kind::object) {
         s.problem("rtp", "expected an object {start_port, count}");
      } else {
         check_members(s, *rtp, "rtp", {"start_port", "count"});
         sip.rtp_start = static_cast<std::uint16_t>(nested_int(s, *rtp, "rtp", "start_port", sip.rtp_start, 0, 65534));
         sip.rtp_count = static_cast<std::uint32_t>(nested_int(s, *rtp, "rtp", "count", sip.rtp_count, 2, 20000));
      }
   }
   if (const json::Value *numbers = s.get("cps_numbers")) {
      if (numbers->kind != json::Kind::array || numbers->items.size() > 256) {
         s.problem("cps_numbers", "expected a list of E.164 numbers or ranges");
      } else {
         sip.cps_numbers.clear();
         for (std::size_t i = 0; i < numbers->items.size(); ++i) {
            const json::Value &item = numbers->items[i];
            const std::string key = "cps_numbers[" + std::to_string(i) + "]";
            if (item.kind != json::Kind::string) {
               s.problem(key, "expected a string such as \"+498970071200..99\"");
               continue;
            }
#ifdef PORTIER_PBXSIM_SIP
            if (CpsParse parsed = parse_cps_range(item.text); !parsed.range) s.problem(key, parsed.error);
#endif
            sip.cps_numbers.push_back(item.text);
         }
      }
   }
}

}  // namespace

Result<SimulatorOptions> read_plugin_config(std::string_view json) {
   Settings s(json);
   SimulatorOptions o;
   o.port = static_cast<std::uint16_t>(s.get_int("port", 1040, 0, 65535));
   o.demo = s.get_bool("demo", false);
   o.traffic.seed = static_cast<std::uint64_t>(s.get_int("seed", 1, 0, INT64_MAX));
   o.traffic.every_ms = static_cast<std::uint32_t>(s.get_int("demo_every_ms", 4000, 100, 3600000));
   o.traffic.max_calls = static_cast<std::size_t>(s.get_int("demo_max_calls", 6, 1, 1000));
   read_sip_settings(s, o.sip);
   const json::Value *inline_office = s.get("office");
   const std::string office_file = s.get_string("office_file", "", 0, 4096);
   const std::string script_file = s.get_string("script", "", 0, 4096);
   o.office = default_office();
   if (inline_office != nullptr && !office_file.empty()) {
      s.problem("", "give either 'office' or 'office_file', not both");
   } else if (inline_office != nullptr) {
      // The reader names the key path ("office.extensions[2].name: ..."); Settings adds "settings.".
      auto read = read_office_json(*inline_office, "office");
      const std::size_t colon = read.error.find(": ");
      if (read.ok()) o.office = std::move(*read.spec);
      else if (colon == std::string::npos) s.problem("office", read.error);
      else s.problem(read.error.substr(0, colon), read.error.substr(colon + 2));
   } else if (!office_file.empty()) {
      auto read = read_office_file(office_file);
      if (read.ok()) o.office = std::move(*read.spec);
      else s.problem("office_file", read.error);
   }
   if (!script_file.empty()) {
      auto read = read_script_file(script_file);
      if (read.ok()) o.script = std::move(read.steps);
      else s.problem("script", read.error);
   }
   if (auto checked = s.finish(); !checked.ok()) return checked.error();
   return o;
}

}  // namespace portier::pbxsim
