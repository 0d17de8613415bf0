// SPDX-License-Identifier: GPL-3.0-or-later
// Fuzzes the cloud presence plugins' readers of what their services send, in one target so the
// smoke run builds and links it once:
// - presence.teams (plugins/presence-teams/src/logic): the Graph $batch answer of the user
//   look-ups, the getPresencesByUserId answer with the mapping to Portier's presence, Graph's
//   error body, the v2.0 token answer with the renewal time the session computes from it;
// - presence.unify-office (plugins/presence-unify-office/src/logic): RingCentral's batch (207) or
//   plain presence answer with the mapping, a page of the extension list, the token answer with
//   the renewal times of both tokens, an error body;
// - presence.circuit (plugins/presence-circuit/src/logic): the bulk presence answer with the
//   mapping, the users list matched against e-mail keys, the bot's token answer, an error body,
//   an event channel frame, the event channel's URL.
// The first byte picks the plugin (byte % 3) and its reader (byte / 3).
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "broken_promise.h"
#include "circuit_presence.h"
#include "circuit_push_frames.h"
#include "circuit_token.h"
#include "circuit_users.h"
#include "extension_list.h"
#include "graph_lookup.h"
#include "graph_presence.h"
#include "office_presence.h"
#include "office_token.h"
#include "token_reply.h"
#include "token_timing.h"

using portier::fuzz::require;

namespace {

constexpr std::int64_t kReceived = 1'000'000'000'000;  // a steady-clock time, in microseconds

// What every plugin's mapping promises.
template <typename Mapped>
void check_mapped(const Mapped &mapped) {
   require(mapped.availability >= 0 && mapped.availability <= 5, "availability is a PORTIER_AVAILABILITY_*");
   require(mapped.activity >= 0 && mapped.activity <= 9, "activity is a PORTIER_ACTIVITY_*");
}

void check_refusal(const std::string &message) { require(!message.empty(), "a refused answer says why"); }

namespace http = portier::http;

namespace teams = portier::teams;

void teams_lookup_batch(std::string_view body, std::size_t count) {
   const auto answers = teams::parse_lookup_batch(body, count);
   if (!answers.ok()) return check_refusal(answers.message());
   require(answers.value().size() == count, "one answer per asked address");
   for (const teams::LookupAnswer &a : answers.value()) {
      require((a.outcome == teams::LookupOutcome::found) == !a.id.empty(), "an id exactly when found");
      require(!a.retry_after || *a.retry_after >= 0, "a Retry-After is not negative");
   }
}

void teams_presence(std::string_view body) {
   const auto presences = teams::parse_presence_answer(body);
   if (!presences.ok()) return check_refusal(presences.message());
   std::vector<std::string> ids;
   for (const teams::GraphPresence &p : presences.value()) {
      require(!p.id.empty(), "entries without an id are skipped");
      const teams::PortierPresence mapped = teams::map_presence(p);
      check_mapped(mapped);
      require(mapped.activity != 0 || mapped.activity_text.empty(), "no activity text without an activity");
      ids.push_back(p.id);
   }
   // the ids read from an answer are asked for again: the request body reads back the same
   for (const auto &chunk : teams::chunks_of(ids, teams::kMaxIdsPerPresenceRequest)) {
      const auto doc = nlohmann::json::parse(teams::presence_request_body(chunk));
      require(doc.at("ids").get<std::vector<std::string>>() == chunk, "the request body carries the ids");
   }
}

void teams_token(std::string_view body) {
   const auto token = teams::parse_token_answer(body);
   if (!token.ok()) return check_refusal(token.message());
   require(!token.value().access_token.empty() && token.value().lifetime_s > 0, "a token has its value and lifetime");
   require(http::renew_at_us(kReceived, token.value().lifetime_s, 300) > kReceived,
           "a token is renewed after it was received");
}

void teams_reader(unsigned pick, std::string_view input) {
   switch (pick % 4) {
   case 0: teams_lookup_batch(input, 1 + (pick / 4) % teams::kMaxBatchRequests); break;
   case 1: teams_presence(input); break;
   case 2: teams_token(input); break;
   default: require(teams::graph_error_code(input).size() <= input.size(), "an error code is a piece of the body");
   }
}

namespace office = portier::office;

void office_presence(std::string_view body) {
   const auto parts = office::parse_presence_answer(body);
   if (!parts.ok()) return check_refusal(parts.message());
   for (const office::PresencePart &part : parts.value()) {
      require(!part.id.empty(), "parts without an id are skipped");
      const office::PortierPresence mapped = office::map_presence(part.presence);
      check_mapped(mapped);
      require(mapped.activity != 0 || mapped.activity_text.empty(), "no activity text without an activity");
      require(mapped.note == part.presence.message, "the note is the message as sent");
   }
}

void office_extensions(std::string_view body) {
   const auto page = office::parse_extension_page(body);
   if (!page.ok()) return check_refusal(page.message());
   for (const office::ExtensionRecord &r : page.value().records) require(!r.id.empty(), "records without an id are skipped");
}

void office_token(std::string_view body) {
   const auto token = office::parse_token_answer(body);
   if (!token.ok()) return check_refusal(token.message());
   require(!token.value().access_token.empty() && token.value().lifetime_s > 0, "a token has its value and lifetime");
   require(http::renew_at_us(kReceived, token.value().lifetime_s, 300) > kReceived,
           "an access token is renewed after it was received");
   // the refresh token's lifetime is the server's word, any number
   require(http::renew_at_us(kReceived, token.value().refresh_lifetime_s, 300) >= kReceived,
           "a refresh token is renewed no earlier than it was received");
}

void office_reader(unsigned pick, std::string_view input) {
   switch (pick % 4) {
   case 0: office_presence(input); break;
   case 1: office_extensions(input); break;
   case 2: office_token(input); break;
   default: require(office::error_code(input).size() <= input.size(), "an error code is a piece of the body");
   }
}

namespace circuit = portier::circuit;

void circuit_check(const circuit::CircuitPresence &p) {
   require(!p.user_id.empty(), "entries without a userId are skipped");
   const circuit::PortierPresence mapped = circuit::map_presence(p);
   check_mapped(mapped);
   require(!p.opted_out || (mapped.availability == 0 && mapped.activity == 0), "an opted-out user is Unknown");
}

void circuit_presence(std::string_view body) {
   const auto presences = circuit::parse_presence_answer(body);
   if (!presences.ok()) return check_refusal(presences.message());
   for (const circuit::CircuitPresence &p : presences.value()) circuit_check(p);
}

// The first line lists the asked addresses, separated by spaces; the rest is the answer.
void circuit_users(std::string_view input) {
   const std::size_t eol = input.find('\n');
   const std::string_view asked = input.substr(0, eol == std::string_view::npos ? 0 : eol);
   const std::string_view body = eol == std::string_view::npos ? input : input.substr(eol + 1);
   std::vector<std::string> mails;
   for (std::size_t at = 0; at < asked.size() && mails.size() < 64;) {
      const std::size_t space = std::min(asked.find(' ', at), asked.size());
      mails.emplace_back(asked.substr(at, space - at));
      at = space + 1;
   }
   const auto ids = circuit::match_users(body, mails);
   if (!ids.ok()) return check_refusal(ids.message());
   require(ids.value().size() == mails.size(), "one id (or none) per asked address");
}

void circuit_token(std::string_view body) {
   const auto token = circuit::parse_token_answer(body);
   if (!token.ok()) return check_refusal(token.message());
   require(!token.value().access_token.empty() && token.value().lifetime_s >= 0, "a token has its value");
   require(circuit::token_renew_at_us(token.value(), kReceived, 300) > kReceived,
           "a token is renewed after it was received");
}

void circuit_frame(std::string_view text) {
   const auto frame = circuit::parse_push_frame(text);
   if (!frame.ok()) return check_refusal(frame.message());
   require(frame.value().kind != circuit::PushFrame::Kind::other || frame.value().states.empty(),
           "only responses and presence events carry states");
   std::vector<std::string> ids;
   for (const circuit::CircuitPresence &p : frame.value().states) {
      circuit_check(p);
      ids.push_back(p.user_id);
   }
   if (ids.empty()) return;
   // a response's ids may be subscribed again: the frame reads back with the same ids
   const auto doc = nlohmann::json::parse(circuit::subscribe_frame(7, ids));
   require(doc.at("request").at("user").at("subscribePresence").at("userIds").get<std::vector<std::string>>() == ids,
           "the subscribe frame carries the ids");
}

// The server URL as the settings let it through, with a token to percent-encode.
void circuit_push_target(std::string_view url) {
   const auto target = circuit::push_target(url, "t0k/en+=");
   if (!target.ok()) return check_refusal(target.message());
   require(!target.value().host.empty() && !target.value().port.empty(), "a target has host and port");
   const std::string_view prefix = "/api?accessToken=";
   const std::string_view t = target.value().target;
   require(t.substr(0, prefix.size()) == prefix && t.substr(prefix.size()).find_first_of("/+=") == std::string_view::npos,
           "the token is percent-encoded into the target");
}

void circuit_reader(unsigned pick, std::string_view input) {
   switch (pick % 6) {
   case 0: circuit_presence(input); break;
   case 1: circuit_users(input); break;
   case 2: circuit_token(input); break;
   case 3: circuit_frame(input); break;
   case 4: require(circuit::circuit_error_text(input).size() <= 200, "an error text is cut at 200 bytes"); break;
   default: circuit_push_target(input);
   }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
   if (size == 0) return 0;
   const std::string_view input(reinterpret_cast<const char *>(data) + 1, size - 1);
   const unsigned pick = data[0] / 3u;
   switch (data[0] % 3) {
   case 0: teams_reader(pick, input); break;
   case 1: office_reader(pick, input); break;
   default: circuit_reader(pick, input); break;
   }
   return 0;
}
