// SPDX-License-Identifier: GPL-3.0-or-later
#include <string>
#include <utility>
#include <vector>

#include <catch2/catch.hpp>

#include "settings.h"

using namespace portier::trunk;

namespace {

// A trunk as the manual's checklist sets one up. `extra` is more JSON members; a key in it
// replaces the default of the same name (JSON objects here take each key once).
std::string trunk(const std::string &extra = "") {
   const std::vector<std::pair<std::string, std::string>> defaults = {
       {"register_id", R"("CPS1")"},
       {"registrar", R"({"host":"127.0.0.1"})"},
       {"pilot_numbers", R"(["+4950505803201..19"])"},
       {"personal_lines", R"(["+4950505803220..99"])"},
       {"loop_number", R"("+4950505803300")"},
       {"request_numbers", R"("+4950505803301..49")"},
       {"callback_numbers", R"("+4950505803350..99")"}};
   std::string json = "{";
   for (const auto &[key, value] : defaults) {
      if (extra.find("\"" + key + "\":") != std::string::npos) continue;
      json += (json.size() > 1 ? "," : "") + ("\"" + key + "\":") + value;
   }
   return json + extra + "}";
}

std::string problems_of(const std::string &json) {
   const auto r = read_settings(json);
   REQUIRE_FALSE(r.ok());
   return r.message();
}

bool has(const std::string &text, const std::string &part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("a trunk with the manual's number ranges reads with the defaults") {
   const auto r = read_settings(trunk());
   REQUIRE(r.ok());
   const TrunkSettings &t = r.value().settings;
   CHECK(t.mode == Mode::trunk);
   CHECK(t.registrar_port == 5060);
   CHECK(t.register_interval_s == 305);
   CHECK(t.channels == 120);
   CHECK(t.channel_plan == ChannelPlan{120, 88, 32});
   CHECK(t.transport == Transport::udp);
   CHECK(t.auth_user == "CPS1");
   CHECK(t.session_expires_s == 1800);
   CHECK(t.min_se_s == 90);
   CHECK(t.numbers.classify("+4950505803210") == NumberKind::pilot);
   CHECK(t.numbers.classify("+4950505803300") == NumberKind::loop);
   CHECK(r.value().warnings.empty());
   CHECK(describe(t) == "trunk to 127.0.0.1:5060 over udp as CPS1");
}

TEST_CASE("a misspelled key is reported with a did-you-mean") {
   CHECK(has(problems_of(trunk(R"(,"regsiter_interval_s":305)")),
             "settings: unknown key 'regsiter_interval_s' (did you mean 'register_interval_s'?)"));
   CHECK(has(problems_of(R"({"mode":"config","registrar":{"hots":"127.0.0.1"}})"),
             "settings.registrar: unknown key 'hots' (did you mean 'host'?)"));
   CHECK(has(problems_of(trunk(R"(,"transport":"utp")")), "settings.transport: 'utp' is not one of udp, tcp, tls (did you mean 'udp'?)"));
}

TEST_CASE("a key far from every known one lists the keys expected") {
   CHECK(has(problems_of(R"({"mode":"config","listen":{"zzzzzz":1}})"), "unknown key 'zzzzzz' (expected: address, port)"));
}

TEST_CASE("a register interval below 300 s is raised to 300 with a warning") {
   const auto r = read_settings(trunk(R"(,"register_interval_s":120)"));
   REQUIRE(r.ok());
   CHECK(r.value().settings.register_interval_s == 300);
   REQUIRE(r.value().warnings.size() == 1);
   CHECK(has(r.value().warnings[0], "settings.register_interval_s: 120 raised to 300"));
}

TEST_CASE("config mode runs without registrar, register id and numbers, and says so") {
   const auto r = read_settings(R"({"mode":"config"})");
   REQUIRE(r.ok());
   CHECK(r.value().settings.mode == Mode::config);
   CHECK(describe(r.value().settings) == "config mode: no trunk, calls are refused");
}

TEST_CASE("trunk mode needs a register id, a registrar or domain, and pilot numbers") {
   const std::string p = problems_of("{}");
   CHECK(has(p, "settings.register_id: required in trunk mode"));
   CHECK(has(p, "settings.registrar: required in trunk mode"));
   CHECK(has(p, "settings.pilot_numbers: required in trunk mode"));
}

TEST_CASE("a domain is resolved through _sip._udp SRV, and not together with a registrar") {
   const auto r = read_settings(R"({"register_id":"CPS1","domain":"osvcluster.com","dns_server":"127.0.0.1:5353",)"
                                R"("pilot_numbers":["+4989700710"]})");
   REQUIRE(r.ok());
   CHECK(registrar_srv_name(r.value().settings) == "_sip._udp.osvcluster.com");
   CHECK(has(describe(r.value().settings), "domain osvcluster.com (_sip._udp.osvcluster.com)"));
   CHECK(has(problems_of(trunk(R"(,"domain":"osvcluster.com")")), "settings.domain: use either registrar or domain"));
   CHECK(has(problems_of(R"({"mode":"config","domain":"_sip._udp.osvcluster.com"})"), "write the domain itself"));
   CHECK(has(problems_of(R"({"mode":"config","domain":"osv.test","dns_server":"dns.test"})"),
             "settings.dns_server: expected an IP address"));
}

TEST_CASE("over tls the SRV name is _sips._tcp and certificate and key are required") {
   CHECK(has(problems_of(trunk(R"(,"transport":"tls")")), "settings.tls: required with transport tls"));
   CHECK(has(problems_of(trunk(R"(,"transport":"tls","tls":{"ca_file":"ca.pem"})")), "settings.tls.cert_file: required"));
   CHECK(has(problems_of(trunk(R"(,"tls":{"cert_file":"a.pem"})")), "settings.tls: only used with transport tls"));
   const auto r = read_settings(
       R"({"mode":"config","domain":"osv.test","transport":"tls","tls":{"cert_file":"c.pem","key_file":"k.pem","verify":false}})");
   REQUIRE(r.ok());
   CHECK(registrar_srv_name(r.value().settings) == "_sips._tcp.osv.test");
   CHECK_FALSE(r.value().settings.tls.verify);
}

TEST_CASE("a number that is not E.164 is refused naming the entry") {
   CHECK(has(problems_of(trunk(R"(,"pilot_numbers":["+4989700710","089700711"])")),
             "settings.pilot_numbers[1]: '089700711' is not an E.164 number"));
   CHECK(has(problems_of(trunk(R"(,"pilot_numbers":[4989700710])")), "quote numbers in YAML"));
}

TEST_CASE("overlapping ranges of different kinds are refused naming both") {
   CHECK(has(problems_of(trunk(R"(,"loop_number":"+4950505803205")")),
             "settings.loop_number (+4950505803205) overlaps pilot_numbers[0] (+4950505803201..+4950505803219)"));
}

TEST_CASE("a range's overload key is refused, naming the DDI entry's overload as its one place") {
   const auto problems = problems_of(trunk(R"(,"pilot_numbers":[{"numbers":"+4950505803201..09","overload":"+4950505805520"}])"));
   CHECK(has(problems, "settings.pilot_numbers[0].overload: not a trunk.sip setting any more"));
   CHECK(has(problems, "on the DDI entry of the pilot number (ddi: overload: busy | forwarding, overload_destination)"));
   CHECK_FALSE(has(problems, "unknown key 'overload'"));
   CHECK(has(problems_of(trunk(R"(,"pilot_numbers":[{"numbers":"+4950505803201","overload":"busy"}])")),
             "settings.pilot_numbers[0].overload: not a trunk.sip setting any more"));
   const auto plain = read_settings(trunk(R"(,"pilot_numbers":[{"numbers":"+4950505803201..09"}])"));
   REQUIRE(plain.ok());
   CHECK(plain.value().settings.numbers.classify("+4950505803205") == NumberKind::pilot);
   CHECK(has(problems_of(trunk(R"(,"pilot_numbers":[{"number":"+4950505803201"}])")),
             "settings.pilot_numbers[0]: unknown key 'number' (did you mean 'numbers'?)"));
}

TEST_CASE("request numbers need at least 8 and callback numbers at least 3, the loop number is one") {
   CHECK(has(problems_of(trunk(R"(,"request_numbers":"+4950505803301..07")")),
             "settings.request_numbers: +4950505803301..+4950505803307 holds 7 numbers, at least 8 needed"));
   CHECK(has(problems_of(trunk(R"(,"callback_numbers":"+4950505803350..51")")), "at least 3 needed"));
   CHECK(has(problems_of(trunk(R"(,"loop_number":"+4950505803300..01")")), "settings.loop_number: one number"));
}

TEST_CASE("channels above 250 are allowed with a warning, the ratio is 1 to 5") {
   const auto r = read_settings(trunk(R"(,"channels":300,"rtp":{"count":600})"));
   REQUIRE(r.ok());
   REQUIRE(r.value().warnings.size() == 1);
   CHECK(has(r.value().warnings[0], "more than the 250 channels"));
   CHECK(has(problems_of(trunk(R"(,"ratio":6)")), "settings.ratio: 6 is out of range 1..5"));
   CHECK(has(problems_of(trunk(R"(,"channels":3,"ratio":1)")), "leave no processing channel"));
}

TEST_CASE("the RTP range must be even, fit the port space, hold two ports a channel and miss the SIP port") {
   CHECK(has(problems_of(trunk(R"(,"rtp":{"start_port":40001})")), "settings.rtp.start_port: must be even"));
   CHECK(has(problems_of(trunk(R"(,"rtp":{"start_port":65000,"count":1000})")), "run past 65535"));
   CHECK(has(problems_of(trunk(R"(,"rtp":{"count":100})")), "settings.rtp.count: 100 ports are too few for 120 channels"));
   CHECK(has(problems_of(trunk(R"(,"listen":{"port":40010})")), "holds the SIP port 40010"));
}

TEST_CASE("the password is named as a secret, never written in the settings") {
   const auto r = read_settings(trunk(R"(,"password_secret":"trunk_password","auth_user":"cps-auth")"));
   REQUIRE(r.ok());
   CHECK(r.value().settings.password_secret == "trunk_password");
   CHECK(r.value().settings.auth_user == "cps-auth");
   CHECK(has(problems_of(trunk(R"(,"password_secret":"Hunter 2!")")), "a secret's name"));
   CHECK(has(problems_of(trunk(R"(,"password":"x")")), "unknown key 'password'"));
}

TEST_CASE("media files need an id and a file, each id once") {
   const auto r = read_settings(trunk(R"(,"media":[{"id":"moh","file":"music.wav"},{"id":"welcome","file":"w.wav"}])"));
   REQUIRE(r.ok());
   REQUIRE(r.value().settings.media.size() == 2);
   CHECK(r.value().settings.media[1].file == "w.wav");
   const std::string p = problems_of(trunk(R"(,"media":[{"id":"moh","file":"a.wav"},{"id":"moh","file":"b.wav"},{"file":"c.wav"}])"));
   CHECK(has(p, "settings.media[1].id: 'moh' is listed twice"));
   CHECK(has(p, "settings.media[2].id: required"));
}

TEST_CASE("session timers: Session-Expires not below Min-SE, which is at least 90") {
   CHECK(has(problems_of(trunk(R"(,"min_se_s":60)")), "settings.min_se_s: 60 is out of range 90..86400"));
   CHECK(has(problems_of(trunk(R"(,"session_expires_s":100,"min_se_s":120)")),
             "settings.session_expires_s: must not be below min_se_s"));
   const auto r = read_settings(trunk(R"(,"early_media":"ringback")"));
   REQUIRE(r.ok());
   CHECK(r.value().settings.early_media == EarlyMedia::ringback);
}

TEST_CASE("a register id with a separator cannot be put in a SIP URI and is refused") {
   CHECK(has(problems_of(trunk(R"(,"register_id":"CPS 1")")), "settings.register_id: must not hold spaces"));
}
