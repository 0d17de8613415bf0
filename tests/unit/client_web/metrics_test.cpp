// SPDX-License-Identifier: GPL-3.0-or-later
// /metrics: the exposition text line by line (HELP, TYPE, label escaping), the figures made from
// events, snapshot and plugin states, address allow-lists and the metrics settings.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "address_allow.h"
#include "metrics_figures.h"
#include "metrics_text.h"
#include "settings.h"

using namespace portier::web;
using nlohmann::json;

namespace {

bool has_line(const std::string &text, const std::string &line) {
   return ("\n" + text).find("\n" + line + "\n") != std::string::npos;
}

std::vector<AddressRange> ranges(std::initializer_list<const char *> texts) {
   std::vector<AddressRange> out;
   for (const char *t : texts) {
      auto r = parse_address_range(t);
      REQUIRE(r);
      out.push_back(*r);
   }
   return out;
}

}  // namespace

TEST_CASE("the exposition text has HELP and TYPE before each family's samples") {
   const std::vector<MetricFamily> families{
       {"portier_calls_waiting", "Calls waiting.", "gauge",
        {{{{"tenant", "DEFAULT"}, {"queue", "+4930100"}}, 2}, {{{"tenant", "Hotel"}, {"queue", "+4930200"}}, 0}}},
       {"portier_ws_dropped_total", "Slow consoles closed.", "counter", {{{}, 7}}},
       {"portier_link_up", "Links.", "gauge", {}}};
   CHECK(exposition_text(families) ==
         "# HELP portier_calls_waiting Calls waiting.\n"
         "# TYPE portier_calls_waiting gauge\n"
         "portier_calls_waiting{tenant=\"DEFAULT\",queue=\"+4930100\"} 2\n"
         "portier_calls_waiting{tenant=\"Hotel\",queue=\"+4930200\"} 0\n"
         "# HELP portier_ws_dropped_total Slow consoles closed.\n"
         "# TYPE portier_ws_dropped_total counter\n"
         "portier_ws_dropped_total 7\n"
         "# HELP portier_link_up Links.\n"
         "# TYPE portier_link_up gauge\n");
}

TEST_CASE("label values escape backslash, double quote and line feed, HELP escapes backslash and line feed") {
   CHECK(escape_label_value(R"(a\b"c)" "\n" "d") == R"(a\\b\"c\nd)");
   CHECK(escape_label_value("Hôtel") == "Hôtel");
   CHECK(escape_help("one\\two\nthree \"q\"") == "one\\\\two\\nthree \"q\"");
   const std::vector<MetricFamily> f{{"m", "h", "gauge", {{{{"tenant", "Ho\"tel\\\n"}}, -1}}}};
   CHECK(has_line(exposition_text(f), R"(m{tenant="Ho\"tel\\\n"} -1)"));
}

TEST_CASE("events are counted by type, a channel alert's figures are kept, answers are not counted") {
   MetricsCounters c;
   c.observe(0, R"({"event":"call_queued","type":"event"})");
   c.observe(0, R"({"event":"call_queued","type":"event"})");
   c.observe(0, R"({"caller":"\"event\":\"fake\"","event":"call_ended","type":"event"})");
   c.observe(0, R"({"event":"channel_alert","in_use":27,"level":"alert","processing":30,"total":40,"type":"event"})");
   c.observe(0, R"({"event":"Bad Name","type":"event"})");
   c.observe(5, R"({"type":"answer","ok":true})");
   CHECK(c.events().at("call_queued") == 2);
   CHECK(c.events().at("call_ended") == 1);
   CHECK(c.events().at("channel_alert") == 1);
   CHECK(c.events().at("other") == 1);
   CHECK(c.events().size() == 4);
   REQUIRE(c.channels());
   CHECK(c.channels()->in_use == 27);
   CHECK(c.channels()->total == 40);
   CHECK(c.channels()->processing == 30);
}

TEST_CASE("no more than kMaxEventTypes event types get their own series") {
   MetricsCounters c;
   for (std::size_t i = 0; i < kMaxEventTypes + 10; ++i) {
      c.observe(0, "{\"event\":\"e" + std::to_string(i) + "\"}");
   }
   CHECK(c.events().size() == kMaxEventTypes + 1);
   CHECK(c.events().at("other") == 10);
}

TEST_CASE("the families show waiting and connected calls, channels, links, events, consoles and start time") {
   MetricsCounters c;
   c.observe(0, R"({"event":"call_queued"})");
   c.observe(0, R"({"event":"channel_alert","in_use":9,"processing":8,"total":10})");
   c.console_dropped();
   const std::string snapshot =
       json{{"type", "answer"},
            {"ok", true},
            {"snapshot",
             {{"calls",
               {{{"call_id", "c1"}, {"phase", "waiting"}},
                {{"call_id", "c2"}, {"phase", "waiting"}},
                {{"call_id", "c3"}, {"phase", "offered"}},
                {{"call_id", "c4"}, {"phase", "connected"}},
                {{"call_id", "c5"}, {"phase", "waiting"}, {"tenant", "Hotel"}}}},
              {"queues",
               {{{"queue", "+4930100"}, {"tenant", "DEFAULT"}, {"calls", {"c1", "c2", "c3"}}},
                {{"queue", "+4930200"}, {"calls", {"c5"}}}}}}}}
           .dump();
   const std::string status = json{{"ok", true},
                                   {"plugins",
                                    {{{"id", "pbx.osv"}, {"kind", "pbx"}, {"state", "running"}},
                                     {{"id", "trunk.sip"}, {"kind", "trunk"}, {"state", "failed"}},
                                     {{"id", "client.web"}, {"kind", "client"}, {"state", "running"}}}}}
                                  .dump();
   const std::string text = exposition_text(metrics_families(c, MetricsInput{snapshot, status, 3, 1764400000}));
   CHECK(has_line(text, "# TYPE portier_calls_waiting gauge"));
   CHECK(has_line(text, R"(portier_calls_waiting{tenant="DEFAULT",queue="+4930100"} 2)"));
   CHECK(has_line(text, R"(portier_calls_waiting{tenant="Hotel",queue="+4930200"} 1)"));
   CHECK(has_line(text, "portier_calls_connected 1"));
   CHECK(has_line(text, "portier_trunk_channels_in_use 9"));
   CHECK(has_line(text, "portier_trunk_channels_total 10"));
   CHECK(has_line(text, "portier_trunk_channels_processing 8"));
   CHECK(has_line(text, R"(portier_link_up{link="pbx",id="pbx.osv"} 1)"));
   CHECK(has_line(text, R"(portier_link_up{link="trunk",id="trunk.sip"} 0)"));
   CHECK(text.find("id=\"client.web\"") == std::string::npos);
   CHECK(has_line(text, "# TYPE portier_engine_events_total counter"));
   CHECK(has_line(text, R"(portier_engine_events_total{type="call_queued"} 1)"));
   CHECK(has_line(text, R"(portier_engine_events_total{type="channel_alert"} 1)"));
   CHECK(has_line(text, "portier_console_connections 3"));
   CHECK(has_line(text, "portier_ws_dropped_total 1"));
   CHECK(has_line(text, "process_start_time_seconds 1764400000"));
}

TEST_CASE("without a snapshot, plugin states or channel alert those series are left out, their HELP stays") {
   const std::string text =
       exposition_text(metrics_families(MetricsCounters{}, MetricsInput{"", R"({"ok":false,"error":"busy"})", 0, 0}));
   CHECK(has_line(text, "# HELP portier_calls_waiting Calls waiting in a queue for an attendant now."));
   CHECK(text.find("portier_calls_waiting{") == std::string::npos);
   CHECK(text.find("\nportier_calls_connected ") == std::string::npos);
   CHECK(text.find("\nportier_trunk_channels_in_use ") == std::string::npos);
   CHECK(text.find("\nportier_link_up{") == std::string::npos);
   CHECK(has_line(text, "portier_console_connections 0"));
}

TEST_CASE("an allow-list matches v4 and v6 ranges, and v4-mapped v6 peers as v4") {
   const auto allow = ranges({"127.0.0.1/32", "::1/128", "127.5.0.0/16"});
   CHECK(address_allowed(allow, "127.0.0.1"));
   CHECK(address_allowed(allow, "::1"));
   CHECK(address_allowed(allow, "127.5.200.3"));
   CHECK(address_allowed(allow, "::ffff:127.0.0.1"));
   CHECK_FALSE(address_allowed(allow, "127.0.0.2"));
   CHECK_FALSE(address_allowed(allow, "127.6.0.1"));
   CHECK_FALSE(address_allowed(allow, "::2"));
   CHECK_FALSE(address_allowed(allow, "unknown"));
   CHECK(address_allowed(ranges({"0.0.0.0/0"}), "203.0.113.9"));
   CHECK(address_allowed(ranges({"127.0.0.9"}), "127.0.0.9"));
   CHECK_FALSE(parse_address_range("127.0.0.1/33"));
   CHECK_FALSE(parse_address_range("::1/129"));
   CHECK_FALSE(parse_address_range("localhost"));
   CHECK_FALSE(parse_address_range("127.0.0.1/"));
}

TEST_CASE("metrics settings: on and open by default, allow parsed, every problem names its key") {
   auto plain = read_settings("{}");
   REQUIRE(plain.ok());
   CHECK(plain.value().metrics.enabled);
   CHECK_FALSE(plain.value().metrics.allow);
   auto set = read_settings(R"({"metrics":{"enabled":false,"allow":["127.0.0.1/32","::1/128"]}})");
   REQUIRE(set.ok());
   CHECK_FALSE(set.value().metrics.enabled);
   REQUIRE(set.value().metrics.allow);
   CHECK(set.value().metrics.allow->size() == 2);
   auto bad = read_settings(R"({"metrics":{"enabled":"yes","allow":["127.0.0.1/40"],"alow":1}})");
   REQUIRE_FALSE(bad.ok());
   const std::string m = bad.error().message;
   CHECK(m.find("settings.metrics.enabled: expected true or false") != std::string::npos);
   CHECK(m.find("settings.metrics.allow[0]: \"127.0.0.1/40\" is not ADDRESS") != std::string::npos);
   CHECK(m.find("settings.metrics: unknown key") != std::string::npos);
}
