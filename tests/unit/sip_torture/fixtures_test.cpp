// SPDX-License-Identifier: GPL-3.0-or-later
// Every fixture of tests/fixtures/sip-torture (RFC 4475) and tests/fixtures/sip-broken through
// the UAS's request path in memory, against the manifests' expected handling.
#include <algorithm>

#include <catch2/catch.hpp>

#include "message.h"
#include "uas_pipeline.h"

using namespace portier;
using namespace portier::torture;

namespace {

bool allowed(const std::vector<std::string> &outcomes, const std::string &got) {
   return std::find(outcomes.begin(), outcomes.end(), got) != outcomes.end();
}

std::string header_of(const Outcome &outcome, std::string_view name) {
   for (const auto &[n, v] : outcome.headers)
      if (n == name) return v;
   return {};
}

}  // namespace

TEST_CASE("every RFC 4475 torture message gets the handling the RFC describes for a user agent") {
   std::string dir = fixtures_dir() + "/sip-torture/";
   std::vector<ManifestRow> rows = read_manifest(dir + "expected.tsv");
   REQUIRE(rows.size() == 49);
   for (const ManifestRow &row : rows) {
      REQUIRE(row.columns.size() == 4);
      const std::string &kind = row.columns[1];
      const std::string &expected = row.columns[2];
      const std::string &role = row.columns[3];
      std::string bytes = read_file(dir + row.file);
      REQUIRE_FALSE(bytes.empty());
      Outcome outcome = handle(bytes);
      INFO(row.file << ": expected " << expected << " (" << role << "), got " << outcome.handling << " "
                    << outcome.reason);
      if (kind == "response") {
         CHECK(allowed(expected == "accept" ? std::vector<std::string>{"response"} : allowed_outcomes(expected, role),
                       outcome.handling));
         continue;
      }
      CHECK(allowed(allowed_outcomes(expected, role), outcome.handling));
      if (!outcome.answer.empty()) {
         // The answer itself is a response a peer can read: the status we meant, our own Via.
         CHECK(outcome.answer.rfind("SIP/2.0 " + outcome.handling + " ", 0) == 0);
         CHECK(outcome.answer.find("\r\nVia: SIP/2.0/") != std::string::npos);
      }
   }
}

TEST_CASE("an unknown Require option tag is answered 420 naming each unknown tag (bext01)") {
   Outcome outcome = handle(read_file(fixtures_dir() + "/sip-torture/bext01.sip"));
   REQUIRE(outcome.handling == "420");
   CHECK(header_of(outcome, "Unsupported") == "nothingSupportsThis, nothingSupportsThisEither");
   sip::ParseResult answer = sip::parse_message(outcome.answer);
   REQUIRE(answer.message);
   CHECK(answer.message->header("Unsupported").has_value());
   CHECK(answer.message->header("Unsupported")->find("noProxiesSupportThis") == std::string::npos);
}

TEST_CASE("an INVITE body of an unknown type is answered 415 with Accept: application/sdp (invut)") {
   Outcome outcome = handle(read_file(fixtures_dir() + "/sip-torture/invut.sip"));
   REQUIRE(outcome.handling == "415");
   CHECK(header_of(outcome, "Accept") == "application/sdp");
}

TEST_CASE("an unknown method is answered 501 with Allow, even where osip cannot read it (intmeth, esc02)") {
   Outcome parsed = handle(read_file(fixtures_dir() + "/sip-torture/esc02.sip"));
   REQUIRE(parsed.handling == "501");
   CHECK(header_of(parsed, "Allow").find("INVITE") != std::string::npos);
   Outcome loose = handle(read_file(fixtures_dir() + "/sip-torture/intmeth.sip"));
   CHECK(loose.handling == "501");
   CHECK(loose.answer.find("Call-ID: intmeth.word%ZK-!.*_+'@word`~)(><:\\/\"][?}{") != std::string::npos);
}

TEST_CASE("a valid response from the torture set parses as a response (unreason, noreason)") {
   for (std::string file : {"unreason.sip", "noreason.sip"}) {
      sip::ParseResult parsed = sip::parse_message(read_file(fixtures_dir() + "/sip-torture/" + file));
      INFO(file << ": " << parsed.error);
      REQUIRE(parsed.message);
      CHECK_FALSE(parsed.message->is_request());
   }
}

TEST_CASE("every broken message is answered 400 or dropped as its manifest says") {
   std::string dir = fixtures_dir() + "/sip-broken/";
   std::vector<ManifestRow> rows = read_manifest(dir + "expected.tsv");
   REQUIRE(rows.size() == 35);
   for (const ManifestRow &row : rows) {
      REQUIRE(row.columns.size() == 2);
      const std::string &expected = row.columns[1];
      std::string bytes = read_file(dir + row.file);
      REQUIRE_FALSE(bytes.empty());
      // The 70 KB one comes over TCP; a framer refuses it before parsing, so only drop is left.
      Outcome outcome = handle(bytes, false);
      INFO(row.file << ": expected " << expected << ", got " << outcome.handling << " " << outcome.reason);
      CHECK(allowed(allowed_outcomes(expected, "any"), outcome.handling));
      if (outcome.handling == "400") CHECK(outcome.reason.rfind("Bad Request", 0) == 0);
   }
}

TEST_CASE("an SDP fault is named in the 400's reason phrase") {
   Outcome outcome = handle(read_file(fixtures_dir() + "/sip-broken/sdp_port_out_of_range.sip"));
   REQUIRE(outcome.handling == "400");
   CHECK(outcome.reason.find("SDP") != std::string::npos);
   CHECK(outcome.reason.find("99999") != std::string::npos);
}
