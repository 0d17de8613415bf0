// SPDX-License-Identifier: GPL-3.0-or-later
#include "message_build.h"

#include <cstdlib>
#include <random>

#include <osipparser2/osip_message.h>
#include <osipparser2/osip_parser.h>

#include "osip_setup.h"
#include "osip_text.h"

namespace portier::sip {
namespace {

std::string random_hex(std::size_t digits) {
   // Tags and branches need uniqueness, not secrecy (RFC 3261 19.3 asks for 32 random bits).
   static thread_local std::mt19937_64 engine{std::random_device{}()};
   static constexpr char kHex[] = "0123456789abcdef";
   std::string out;
   out.reserve(digits);
   std::uint64_t bits = 0;
   for (std::size_t i = 0; i < digits; ++i) {
      if (i % 16 == 0) bits = engine();
      out.push_back(kHex[bits & 0xF]);
      bits >>= 4;
   }
   return out;
}

void copy_vias(const osip_message_t *from, osip_message_t *to) {
   osip_list_clone(&from->vias, &to->vias, reinterpret_cast<int (*)(void *, void **)>(&osip_via_clone));
}

void copy_top_via(const osip_message_t *from, osip_message_t *to) {
   auto *via = static_cast<osip_via_t *>(osip_list_get(&from->vias, 0));
   osip_via_t *copy = nullptr;
   if (via != nullptr && osip_via_clone(via, &copy) == OSIP_SUCCESS) osip_list_add(&to->vias, copy, -1);
}

void copy_routes(const osip_message_t *from, osip_message_t *to) {
   osip_list_clone(&from->routes, &to->routes, reinterpret_cast<int (*)(void *, void **)>(&osip_route_clone));
}

// Request-URI, Call-ID, From and CSeq number of `request` with `method`.
Message derived_request(const Message &request, const char *method) {
   Message out;
   osip_message_t *src = request.raw();
   osip_message_t *dst = out.raw();
   osip_message_set_version(dst, osip_copy("SIP/2.0"));
   osip_message_set_method(dst, osip_copy(method));
   osip_uri_t *uri = nullptr;
   if (src->req_uri != nullptr && osip_uri_clone(src->req_uri, &uri) == OSIP_SUCCESS) osip_message_set_uri(dst, uri);
   copy_top_via(src, dst);
   osip_from_clone(src->from, &dst->from);
   osip_call_id_clone(src->call_id, &dst->call_id);
   osip_cseq_init(&dst->cseq);
   osip_cseq_set_number(dst->cseq, osip_copy(text_of(src->cseq != nullptr ? src->cseq->number : nullptr)));
   osip_cseq_set_method(dst->cseq, osip_copy(method));
   copy_routes(src, dst);
   osip_message_set_header(dst, "Max-Forwards", "70");
   return out;
}

}  // namespace

Message build_response(const Message &request, int status, std::string_view to_tag, std::string_view reason) {
   Message out;
   osip_message_t *src = request.raw();
   osip_message_t *dst = out.raw();
   osip_message_set_version(dst, osip_copy("SIP/2.0"));
   osip_message_set_status_code(dst, status);
   osip_message_set_reason_phrase(dst, osip_copy(reason.empty() ? reason_phrase(status) : std::string(reason)));
   copy_vias(src, dst);
   osip_from_clone(src->from, &dst->from);
   osip_to_clone(src->to, &dst->to);
   osip_call_id_clone(src->call_id, &dst->call_id);
   osip_cseq_clone(src->cseq, &dst->cseq);
   if (!to_tag.empty() && out.to_tag().empty()) out.set_to_tag(to_tag);
   return out;
}

BuildResult build_request(const RequestParts &parts) {
   ensure_osip();
   Message out;
   osip_message_t *dst = out.raw();
   osip_message_set_version(dst, osip_copy("SIP/2.0"));
   osip_message_set_method(dst, osip_copy(parts.method));
   osip_uri_t *uri = nullptr;
   osip_uri_init(&uri);
   if (osip_uri_parse(uri, parts.request_uri.c_str()) != OSIP_SUCCESS) {
      osip_uri_free(uri);
      return {std::nullopt, "Request-URI '" + parts.request_uri + "' cannot be parsed"};
   }
   osip_message_set_uri(dst, uri);
   if (osip_message_set_via(dst, parts.via.c_str()) != OSIP_SUCCESS)
      return {std::nullopt, "Via '" + parts.via + "' cannot be parsed"};
   if (osip_message_set_from(dst, parts.from.c_str()) != OSIP_SUCCESS)
      return {std::nullopt, "From '" + parts.from + "' cannot be parsed"};
   if (osip_message_set_to(dst, parts.to.c_str()) != OSIP_SUCCESS)
      return {std::nullopt, "To '" + parts.to + "' cannot be parsed"};
   if (parts.call_id.empty() || osip_message_set_call_id(dst, parts.call_id.c_str()) != OSIP_SUCCESS)
      return {std::nullopt, "Call-ID '" + parts.call_id + "' cannot be parsed"};
   out.set_cseq(parts.cseq, parts.method);
   for (const std::string &route : parts.routes)
      if (osip_message_set_route(dst, route.c_str()) != OSIP_SUCCESS)
         return {std::nullopt, "Route '" + route + "' cannot be parsed"};
   if (!parts.contact.empty() && osip_message_set_contact(dst, parts.contact.c_str()) != OSIP_SUCCESS)
      return {std::nullopt, "Contact '" + parts.contact + "' cannot be parsed"};
   out.add_header("Max-Forwards", std::to_string(parts.max_forwards));
   for (const auto &[name, value] : parts.headers) out.add_header(name, value);
   if (!parts.body.empty()) out.set_body(parts.body, parts.content_type);
   return {std::move(out), {}};
}

Message build_ack_for_failure(const Message &invite, const Message &response) {
   Message out = derived_request(invite, "ACK");
   osip_to_clone(response.raw()->to, &out.raw()->to);
   return out;
}

Message build_cancel(const Message &request) {
   Message out = derived_request(request, "CANCEL");
   osip_to_clone(request.raw()->to, &out.raw()->to);
   return out;
}

std::string new_branch() { return std::string(kBranchCookie) + random_hex(16); }

std::string new_tag() { return random_hex(12); }

std::string new_call_id(std::string_view host) { return random_hex(20) + "@" + std::string(host); }

std::string via_value(std::string_view transport, std::string_view host, std::uint16_t port, std::string_view branch,
                      bool rport) {
   std::string out = "SIP/2.0/" + std::string(transport) + " " + std::string(host);
   if (port != 0) out += ":" + std::to_string(port);
   out += ";branch=" + std::string(branch);
   if (rport) out += ";rport";
   return out;
}

}  // namespace portier::sip
