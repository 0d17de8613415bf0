// SPDX-License-Identifier: GPL-3.0-or-later
// Fuzzes what the presence plugins' push channels receive, in one target:
// - presence.teams (plugins/presence-teams/src/logic/graph_subscription.cpp): a delivery to the
//   notification or lifecycle URL, the subscription object of a create or renewal, Graph's UTC
//   time text;
// - presence.unify-office (plugins/presence-unify-office/src/logic/office_ws_frames.cpp): a frame
//   of RingCentral's WebSocket channel, the wstoken answer;
// - lib-http's notification listener (plugins/lib-http/http_request_head.cpp): the head of an
//   inbound request and its query values.
// The first byte picks the reader (byte % 7).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "broken_promise.h"
#include "graph_subscription.h"
#include "http_request_head.h"
#include "office_ws_frames.h"

using portier::fuzz::require;

namespace {

namespace teams = portier::teams;
namespace office = portier::office;
namespace http = portier::http;

void graph_delivery(std::string_view body) {
   const auto items = teams::parse_webhook_body(body);
   if (!items.ok()) return require(!items.message().empty(), "a refused delivery says why");
   for (const teams::WebhookItem &item : items.value()) {
      require(item.user_id.size() <= body.size() && item.lifecycle_event.size() <= body.size(),
              "the item's texts are pieces of the body");
   }
}

void graph_subscription(std::string_view body) {
   const auto answer = teams::parse_subscription_answer(body);
   if (!answer.ok()) return require(!answer.message().empty(), "a refused answer says why");
   require(!answer.value().id.empty(), "a subscription has its id");
   // the expiry reads back through the text Graph is sent on renewal
   const auto again = teams::parse_graph_utc(teams::graph_utc_text(answer.value().expiry_unix_s));
   require(again && *again == answer.value().expiry_unix_s, "a granted expiry survives its own text");
   const std::int64_t now = answer.value().expiry_unix_s - 3600;
   const std::int64_t renew = teams::renew_at_unix_s(now, answer.value().expiry_unix_s, 600);
   require(renew >= now && renew <= answer.value().expiry_unix_s, "a renewal falls inside the grant");
}

void graph_time(std::string_view text) {
   const auto t = teams::parse_graph_utc(text);
   if (!t) return;
   const auto again = teams::parse_graph_utc(teams::graph_utc_text(*t));
   require(again && *again == *t, "a time read survives its own text");
}

void office_frame(std::string_view text) {
   const auto frame = office::parse_ws_frame(text);
   if (!frame.ok()) return require(!frame.message().empty(), "a refused frame says why");
   const office::WsFrame &f = frame.value();
   require(!f.has_notice || f.type == office::WsFrame::Type::server_notification,
           "only a server notification carries a presence notice");
   require(!f.has_notice || !f.notice.extension_id.empty(), "a notice names its extension");
   require(f.notice.sequence >= -1, "a sequence is -1 (none) or read from the body");
}

void office_wstoken(std::string_view body) {
   const auto token = office::parse_wstoken_answer(body);
   if (!token.ok()) return require(!token.message().empty(), "a refused answer says why");
   require(!token.value().token.empty() && !token.value().uri.empty(), "a wstoken has its token and URI");
   const std::string url = office::ws_connect_url(token.value(), "wsc-1");
   require(url.rfind(token.value().uri, 0) == 0, "the connect URL starts with the given URI");
}

void request_head(std::string_view data) {
   const std::size_t end = http::request_head_end(data);
   const std::string_view head = end == std::string_view::npos ? data : data.substr(0, end);
   http::RequestHead out;
   http::HeadProblem problem;
   if (!http::parse_request_head(head, out, problem)) {
      require(problem.status == 400 || problem.status == 431 || problem.status == 505, "a refusal is 400, 431 or 505");
      require(!problem.text.empty(), "a refusal says why");
      return;
   }
   require(head.size() <= http::kMaxRequestHead, "an accepted head is within the limit");
   require(out.headers.size() <= http::kMaxHeaderFields, "an accepted head has few enough fields");
   require(!out.method.empty(), "an accepted request has a method");
   require(out.content_length >= -1, "a Content-Length is -1 (none) or read");
   for (const auto &[name, value] : out.headers) {
      for (const char c : name) require(!(c >= 'A' && c <= 'Z'), "field names are in lower case");
   }
   std::string value;
   if (http::query_value(out.query, "validationToken", value)) {
      require(value.size() <= out.query.size(), "a decoded value is no longer than the query");
   }
}

void query_text(std::string_view text) {
   const std::string decoded = http::query_decode(text);
   require(decoded.size() <= text.size(), "decoding never lengthens");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
   if (size == 0) return 0;
   const std::string_view input(reinterpret_cast<const char *>(data) + 1, size - 1);
   switch (data[0] % 7) {
   case 0: graph_delivery(input); break;
   case 1: graph_subscription(input); break;
   case 2: graph_time(input); break;
   case 3: office_frame(input); break;
   case 4: office_wstoken(input); break;
   case 5: request_head(input); break;
   default: query_text(input); break;
   }
   return 0;
}
