// SPDX-License-Identifier: GPL-3.0-or-later
// check_request: RFC 3261 8.2's inspections in its order, and the answers RFC 4475 section 3.3
// expects of an endpoint for the requests that parse but cannot be served.
#include "request_check.h"

#include <algorithm>
#include <array>
#include <cctype>

#include <osipparser2/osip_message.h>

#include "message_build.h"

namespace portier::sip {
namespace {

constexpr std::size_t kMaxOptionTags = 32;  // Require values looked at; more is a 400
constexpr std::size_t kMaxBodyParts = 16;

constexpr std::array<std::string_view, 14> kKnownMethods{
    "INVITE",  "ACK",    "BYE",   "CANCEL", "OPTIONS", "REGISTER", "PRACK",
    "SUBSCRIBE", "NOTIFY", "PUBLISH", "INFO", "REFER", "MESSAGE", "UPDATE"};

std::string lower_token(std::string_view text) {
   std::string out(text);
   for (char &c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
   return out;
}

std::string_view trim_item(std::string_view text) {
   std::size_t first = text.find_first_not_of(" \t\r\n");
   if (first == std::string_view::npos) return {};
   std::size_t last = text.find_last_not_of(" \t\r\n");
   return text.substr(first, last - first + 1);
}

// Comma-separated elements of every value; parameters (";...") cut off when `bare`.
std::vector<std::string> elements(const std::vector<std::string> &values, bool bare) {
   std::vector<std::string> out;
   for (const std::string &value : values) {
      std::string_view rest(value);
      for (std::size_t guard = 0; guard <= value.size(); ++guard) {
         std::size_t comma = rest.find(',');
         std::string_view item = rest.substr(0, comma);
         if (bare) item = item.substr(0, item.find(';'));
         item = trim_item(item);
         if (!item.empty()) out.emplace_back(item);
         if (comma == std::string_view::npos) break;
         rest.remove_prefix(comma + 1);
      }
   }
   return out;
}

bool contains(const std::vector<std::string> &list, std::string_view item) {
   return std::find(list.begin(), list.end(), item) != list.end();
}

bool contains_ignoring_case(const std::vector<std::string> &list, std::string_view item) {
   std::string wanted = lower_token(item);
   return std::any_of(list.begin(), list.end(), [&](const std::string &entry) { return lower_token(entry) == wanted; });
}

RequestVerdict reject(int status, std::string reason = {}) {
   RequestVerdict verdict;
   verdict.handling = Handling::reject;
   verdict.status = status;
   verdict.reason = reason.empty() ? reason_phrase(status) : reason_from(reason);
   return verdict;
}

std::string type_of(const osip_content_type_t *type) {
   if (type == nullptr || type->type == nullptr || type->subtype == nullptr) return {};
   return lower_token(std::string(type->type) + "/" + type->subtype);
}

// The SDP the request carries: the whole body for application/sdp, the application/sdp part of a
// multipart/mixed body (osip has cut the parts). Empty when there is none.
struct Offer {
   bool present = false;
   std::string sdp;
};

Offer offer_of(const Message &request) {
   osip_message_t *raw = request.raw();
   std::string type = lower_token(request.content_type());
   Offer offer;
   if (type == "application/sdp") {
      offer.present = true;
      offer.sdp = request.body();
      return offer;
   }
   int parts = osip_list_size(&raw->bodies);
   for (int i = 0; i < parts && i < static_cast<int>(kMaxBodyParts); ++i) {
      auto *part = static_cast<osip_body_t *>(osip_list_get(&raw->bodies, i));
      if (part == nullptr || type_of(part->content_type) != "application/sdp") continue;
      offer.present = true;
      if (part->body != nullptr) offer.sdp.assign(part->body, part->length);
      return offer;
   }
   return offer;
}

bool acceptable_type(std::string_view type) {
   return type == "application/sdp" || type == "multipart/mixed";
}

bool accepts_sdp(const std::vector<std::string> &types) {
   return std::any_of(types.begin(), types.end(), [](const std::string &type) {
      std::string t = lower_token(type);
      return t == "application/sdp" || t == "application/*" || t == "*/*";
   });
}

bool scheme_served(std::string_view uri) {
   std::size_t colon = uri.find(':');
   if (colon == std::string_view::npos) return false;
   std::string scheme = lower_token(uri.substr(0, colon));
   return scheme == "sip" || scheme == "sips" || scheme == "tel";
}

}  // namespace

bool is_known_method(std::string_view method) {
   return std::find(kKnownMethods.begin(), kKnownMethods.end(), method) != kKnownMethods.end();
}

std::string allow_value(const RequestPolicy &policy) {
   std::string allow;
   for (const std::string &method : policy.served_methods) allow += (allow.empty() ? "" : ", ") + method;
   return allow;
}

std::string reason_from(std::string_view text) {
   std::string out;
   for (char c : text) {
      if (out.size() >= 120) break;
      auto u = static_cast<unsigned char>(c);
      // Plain ASCII: a cut could split a UTF-8 sequence.
      out.push_back(u < 0x20 || u == 0x7f ? ' ' : u > 0x7f ? '?' : c);
   }
   return out;
}

RequestVerdict check_request(const Message &request, const RequestPolicy &policy) {
   if (!request.is_request() || request.raw() == nullptr) return RequestVerdict{Handling::drop, 0, {}, {}};
   const std::string method = request.method();
   // 17.1.1.3 / 17.2.1: an ACK gets no response, whatever it carries.
   if (method == "ACK") return {};

   // 8.2.1: an unknown method is 501; a known one this element does not serve is 405. Allow goes
   // on both, so the client learns what it can send.
   if (!contains(policy.served_methods, method)) {
      RequestVerdict verdict = is_known_method(method) ? reject(405) : reject(501);
      verdict.headers.emplace_back("Allow", allow_value(policy));
      return verdict;
   }

   // 8.2.2.1: sip, sips and tel are served (RFC 4475 3.3.2, 3.3.3).
   if (!scheme_served(request.request_uri())) return reject(416);

   if (policy.forwards_requests) {
      std::optional<std::string> max_forwards = request.header("Max-Forwards");
      if (max_forwards && trim_item(*max_forwards) == "0") return reject(483);
   }

   // CANCEL is matched and answered by the transaction layer; its Require and body do not count.
   if (method == "CANCEL") return {};

   // 8.2.2.3: every option tag in Require must be understood; Proxy-Require is for proxies.
   std::vector<std::string> required = elements(request.header_values("Require"), false);
   if (required.size() > kMaxOptionTags) return reject(400, "Bad Request (too many Require option tags)");
   std::vector<std::string> unknown;
   for (const std::string &tag : required)
      if (!contains_ignoring_case(policy.option_tags, tag) && !contains(unknown, tag)) unknown.push_back(tag);
   if (!unknown.empty()) {
      RequestVerdict verdict = reject(420);
      std::string list;
      for (const std::string &tag : unknown) list += (list.empty() ? "" : ", ") + tag;
      verdict.headers.emplace_back("Unsupported", list);
      return verdict;
   }

   // 8.2.3: a body we cannot read is 415 with what we can.
   std::string body_type = lower_token(request.content_type());
   bool has_body = !request.body().empty() || osip_list_size(&request.raw()->bodies) > 0;
   if (has_body && !acceptable_type(body_type)) {
      RequestVerdict verdict = reject(415);
      verdict.headers.emplace_back("Accept", "application/sdp");
      return verdict;
   }
   std::optional<std::string> encoding = request.header("Content-Encoding");
   if (has_body && encoding && lower_token(trim_item(*encoding)) != "identity") {
      RequestVerdict verdict = reject(415);
      verdict.headers.emplace_back("Accept-Encoding", "identity");
      return verdict;
   }

   // RFC 4475 3.3.15: the answer to an INVITE or UPDATE carries SDP; an Accept without it leaves
   // no body we could send.
   if (method == "INVITE" || method == "UPDATE") {
      std::vector<std::string> accept_values = request.header_values("Accept");
      if (!accept_values.empty() && !accepts_sdp(elements(accept_values, true))) {
         RequestVerdict verdict = reject(406);
         verdict.headers.emplace_back("Accept", "application/sdp");
         verdict.headers.emplace_back("Warning", "399 - \"the answer can only be application/sdp\"");
         return verdict;
      }
   }

   if (policy.check_sdp) {
      Offer offer = offer_of(request);
      if (has_body && body_type == "multipart/mixed" && !offer.present)
         return reject(400, "Bad Request (multipart body without an application/sdp part)");
      if (offer.present) {
         std::string problem = policy.check_sdp(offer.sdp);
         if (!problem.empty()) return reject(400, "Bad Request (SDP: " + problem + ")");
      }
   }
   return {};
}

Message build_rejection(const Message &request, const RequestVerdict &verdict, std::string_view to_tag) {
   std::string tag(to_tag);
   if (tag.empty() && request.to_tag().empty()) tag = new_tag();
   Message response = build_response(request, verdict.status, tag, verdict.reason);
   for (const auto &[name, value] : verdict.headers) response.add_header(name, value);
   return response;
}

}  // namespace portier::sip
