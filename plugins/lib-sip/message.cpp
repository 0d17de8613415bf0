// SPDX-License-Identifier: GPL-3.0-or-later
// The Message object and its accessors; parsing is in message_parse.cpp, builders in
// message_build.cpp.
#include "message.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cstdlib>
#include <utility>

#include <osipparser2/osip_message.h>
#include <osipparser2/osip_parser.h>

#include "header_names.h"
#include "osip_setup.h"
#include "osip_text.h"

namespace portier::sip {
namespace {

std::string param_value(osip_list_t *params, const char *name) {
   osip_generic_param_t *param = nullptr;
   if (osip_generic_param_get_byname(params, const_cast<char *>(name), &param) != OSIP_SUCCESS ||
       param == nullptr)
      return {};
   return text_of(param->gvalue);
}

std::uint16_t port_of(const char *text) {
   if (text == nullptr) return 0;
   std::string_view view(text);
   unsigned value = 0;
   auto [end, ec] = std::from_chars(view.data(), view.data() + view.size(), value);
   if (ec != std::errc() || end != view.data() + view.size() || value > 65535) return 0;
   return static_cast<std::uint16_t>(value);
}

std::string uri_text(osip_uri_t *uri) {
   if (uri == nullptr) return {};
   char *text = nullptr;
   if (osip_uri_to_str(uri, &text) != OSIP_SUCCESS) return {};
   return take_text(text);
}

// The header lines of a serialized message whose name is `name` (long or compact form).
std::vector<std::string> scan_serialized(const std::string &text, std::string_view name) {
   std::vector<std::string> values;
   std::size_t pos = text.find('\n');  // skip the start line
   while (pos != std::string::npos && pos + 1 < text.size()) {
      std::size_t start = pos + 1;
      std::size_t end = text.find('\n', start);
      if (end == std::string::npos) end = text.size();
      std::string_view line(text.data() + start, end - start);
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      if (line.empty()) break;  // end of headers
      std::size_t colon = line.find(':');
      if (colon != std::string_view::npos && same_header_name(line.substr(0, colon), name)) {
         std::string_view value = line.substr(colon + 1);
         while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
         while (!value.empty() && (value.back() == ' ' || value.back() == '\t')) value.remove_suffix(1);
         values.emplace_back(value);
      }
      pos = end;
   }
   return values;
}

}  // namespace

Message::Message() {
   ensure_osip();
   osip_message_init(&raw_);
}

Message::Message(osip_message *owned) : raw_(owned) {}

Message::~Message() {
   if (raw_ != nullptr) osip_message_free(raw_);
}

Message::Message(Message &&other) noexcept : raw_(std::exchange(other.raw_, nullptr)) {}

Message &Message::operator=(Message &&other) noexcept {
   if (this != &other) {
      if (raw_ != nullptr) osip_message_free(raw_);
      raw_ = std::exchange(other.raw_, nullptr);
   }
   return *this;
}

Message Message::clone() const {
   osip_message_t *copy = nullptr;
   if (raw_ == nullptr || osip_message_clone(raw_, &copy) != OSIP_SUCCESS) return Message();
   return Message(copy);
}

bool Message::is_request() const { return raw_ != nullptr && raw_->sip_method != nullptr; }

std::string Message::method() const { return raw_ == nullptr ? std::string() : text_of(raw_->sip_method); }

int Message::status() const { return is_request() || raw_ == nullptr ? 0 : raw_->status_code; }

std::string Message::reason() const { return raw_ == nullptr ? std::string() : text_of(raw_->reason_phrase); }

std::string Message::request_uri() const { return raw_ == nullptr ? std::string() : uri_text(raw_->req_uri); }

std::string Message::call_id() const {
   if (raw_ == nullptr || raw_->call_id == nullptr) return {};
   char *text = nullptr;
   if (osip_call_id_to_str(raw_->call_id, &text) != OSIP_SUCCESS) return {};
   return take_text(text);
}

std::string Message::from_tag() const {
   if (raw_ == nullptr || raw_->from == nullptr) return {};
   return param_value(&raw_->from->gen_params, "tag");
}

std::string Message::to_tag() const {
   if (raw_ == nullptr || raw_->to == nullptr) return {};
   return param_value(&raw_->to->gen_params, "tag");
}

std::string Message::from() const {
   if (raw_ == nullptr || raw_->from == nullptr) return {};
   char *text = nullptr;
   if (osip_from_to_str(raw_->from, &text) != OSIP_SUCCESS) return {};
   return take_text(text);
}

std::string Message::to() const {
   if (raw_ == nullptr || raw_->to == nullptr) return {};
   char *text = nullptr;
   if (osip_to_to_str(raw_->to, &text) != OSIP_SUCCESS) return {};
   return take_text(text);
}

std::string Message::from_uri() const {
   return raw_ == nullptr || raw_->from == nullptr ? std::string() : uri_text(raw_->from->url);
}

std::string Message::to_uri() const {
   return raw_ == nullptr || raw_->to == nullptr ? std::string() : uri_text(raw_->to->url);
}

std::optional<Via> Message::top_via() const {
   if (raw_ == nullptr) return std::nullopt;
   auto *via = static_cast<osip_via_t *>(osip_list_get(&raw_->vias, 0));
   if (via == nullptr) return std::nullopt;
   Via out;
   out.transport = text_of(via->protocol);
   std::transform(out.transport.begin(), out.transport.end(), out.transport.begin(),
                  [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
   out.host = text_of(via->host);
   out.port = port_of(via->port);
   out.branch = param_value(&via->via_params, "branch");
   osip_generic_param_t *param = nullptr;
   if (osip_generic_param_get_byname(&via->via_params, const_cast<char *>("received"), &param) ==
          OSIP_SUCCESS &&
       param != nullptr)
      out.received = text_of(param->gvalue);
   param = nullptr;
   if (osip_generic_param_get_byname(&via->via_params, const_cast<char *>("rport"), &param) ==
          OSIP_SUCCESS &&
       param != nullptr) {
      out.has_rport = true;
      if (param->gvalue != nullptr && param->gvalue[0] != '\0') {
         std::uint16_t port = port_of(param->gvalue);
         if (port != 0) out.rport = port;
      }
   }
   return out;
}

std::size_t Message::via_count() const {
   return raw_ == nullptr ? 0 : static_cast<std::size_t>(osip_list_size(&raw_->vias));
}

std::optional<CSeq> Message::cseq() const {
   if (raw_ == nullptr || raw_->cseq == nullptr || raw_->cseq->number == nullptr) return std::nullopt;
   std::string_view number(raw_->cseq->number);
   CSeq out;
   auto [end, ec] = std::from_chars(number.data(), number.data() + number.size(), out.number);
   if (ec != std::errc() || end != number.data() + number.size()) return std::nullopt;
   out.method = text_of(raw_->cseq->method);
   return out;
}

std::optional<std::string> Message::contact_uri() const {
   if (raw_ == nullptr) return std::nullopt;
   auto *contact = static_cast<osip_contact_t *>(osip_list_get(&raw_->contacts, 0));
   if (contact == nullptr || contact->url == nullptr) return std::nullopt;
   return uri_text(contact->url);
}

std::vector<std::string> Message::record_routes() const { return header_values("Record-Route"); }

std::vector<std::string> Message::header_values(std::string_view name) const {
   std::vector<std::string> values;
   if (raw_ == nullptr) return values;
   if (osip_stores_apart(name)) return scan_serialized(serialize(), name);
   int count = osip_list_size(&raw_->headers);
   for (int i = 0; i < count; ++i) {
      auto *header = static_cast<osip_header_t *>(osip_list_get(&raw_->headers, i));
      if (header != nullptr && header->hname != nullptr && same_header_name(header->hname, name))
         values.push_back(text_of(header->hvalue));
   }
   return values;
}

std::optional<std::string> Message::header(std::string_view name) const {
   std::vector<std::string> values = header_values(name);
   if (values.empty()) return std::nullopt;
   return std::move(values.front());
}

std::string Message::body() const {
   if (raw_ == nullptr) return {};
   osip_body_t *body = nullptr;
   if (osip_message_get_body(raw_, 0, &body) < 0 || body == nullptr || body->body == nullptr) return {};
   return std::string(body->body, body->length);
}

std::string Message::content_type() const {
   if (raw_ == nullptr || raw_->content_type == nullptr || raw_->content_type->type == nullptr) return {};
   return text_of(raw_->content_type->type) + "/" + text_of(raw_->content_type->subtype);
}

void Message::set_to_tag(std::string_view tag) {
   if (raw_ == nullptr || raw_->to == nullptr) return;
   osip_generic_param_t *param = nullptr;
   if (osip_generic_param_get_byname(&raw_->to->gen_params, const_cast<char *>("tag"), &param) ==
          OSIP_SUCCESS &&
       param != nullptr) {
      osip_free(param->gvalue);
      param->gvalue = osip_copy(tag);
   } else {
      osip_to_set_tag(raw_->to, osip_copy(tag));
   }
   raw_->message_property = 2;
}

void Message::add_header(std::string_view name, std::string_view value) {
   if (raw_ == nullptr) return;
   std::string n(name), v(value);
   if (osip_stores_apart(name)) {
      // osip's own setters keep these headers in their typed fields.
      std::string lower = canonical_header_name(name);
      if (lower == "via") osip_message_append_via(raw_, v.c_str());
      else if (lower == "from") osip_message_set_from(raw_, v.c_str());
      else if (lower == "to") osip_message_set_to(raw_, v.c_str());
      else if (lower == "call-id") osip_message_set_call_id(raw_, v.c_str());
      else if (lower == "cseq") osip_message_set_cseq(raw_, v.c_str());
      else if (lower == "contact") osip_message_set_contact(raw_, v.c_str());
      else if (lower == "route") osip_message_set_route(raw_, v.c_str());
      else if (lower == "record-route") osip_message_set_record_route(raw_, v.c_str());
      else if (lower == "content-type") osip_message_set_content_type(raw_, v.c_str());
      else if (lower == "authorization") osip_message_set_authorization(raw_, v.c_str());
      else if (lower == "proxy-authorization") osip_message_set_proxy_authorization(raw_, v.c_str());
      else if (lower == "www-authenticate") osip_message_set_www_authenticate(raw_, v.c_str());
      else if (lower == "proxy-authenticate") osip_message_set_proxy_authenticate(raw_, v.c_str());
      else osip_message_set_multiple_header(raw_, n.data(), v.data());
   } else {
      osip_message_set_header(raw_, n.c_str(), v.c_str());
   }
   raw_->message_property = 2;
}

void Message::remove_headers(std::string_view name) {
   if (raw_ == nullptr) return;
   int i = 0;
   while (i < osip_list_size(&raw_->headers)) {
      auto *header = static_cast<osip_header_t *>(osip_list_get(&raw_->headers, i));
      if (header != nullptr && header->hname != nullptr && same_header_name(header->hname, name)) {
         osip_list_remove(&raw_->headers, i);
         osip_header_free(header);
      } else {
         ++i;
      }
   }
   raw_->message_property = 2;
}

void Message::set_body(std::string_view body, std::string_view content_type) {
   if (raw_ == nullptr) return;
   osip_list_special_free(&raw_->bodies, reinterpret_cast<void (*)(void *)>(&osip_body_free));
   if (raw_->content_type != nullptr) {
      osip_content_type_free(raw_->content_type);
      raw_->content_type = nullptr;
   }
   if (!body.empty()) {
      osip_message_set_body(raw_, body.data(), body.size());
      std::string type(content_type);
      osip_message_set_content_type(raw_, type.c_str());
   }
   raw_->message_property = 2;
}

void Message::set_contact(std::string_view value) {
   if (raw_ == nullptr) return;
   osip_list_special_free(&raw_->contacts, reinterpret_cast<void (*)(void *)>(&osip_contact_free));
   std::string v(value);
   osip_message_set_contact(raw_, v.c_str());
   raw_->message_property = 2;
}

void Message::set_request_uri(std::string_view uri) {
   if (raw_ == nullptr) return;
   osip_uri_t *parsed = nullptr;
   osip_uri_init(&parsed);
   std::string text(uri);
   if (osip_uri_parse(parsed, text.c_str()) != OSIP_SUCCESS) {
      osip_uri_free(parsed);
      return;
   }
   if (raw_->req_uri != nullptr) osip_uri_free(raw_->req_uri);
   raw_->req_uri = parsed;
   raw_->message_property = 2;
}

void Message::set_cseq(std::uint32_t number, std::string_view method) {
   if (raw_ == nullptr) return;
   if (raw_->cseq != nullptr) {
      osip_cseq_free(raw_->cseq);
      raw_->cseq = nullptr;
   }
   std::string value = std::to_string(number) + " " + std::string(method);
   osip_message_set_cseq(raw_, value.c_str());
   raw_->message_property = 2;
}

void Message::push_via(std::string_view value) {
   if (raw_ == nullptr) return;
   osip_via_t *via = nullptr;
   osip_via_init(&via);
   std::string text(value);
   if (osip_via_parse(via, text.c_str()) != OSIP_SUCCESS) {
      osip_via_free(via);
      return;
   }
   osip_list_add(&raw_->vias, via, 0);
   raw_->message_property = 2;
}

void Message::pop_via() {
   if (raw_ == nullptr) return;
   auto *via = static_cast<osip_via_t *>(osip_list_get(&raw_->vias, 0));
   if (via == nullptr) return;
   osip_list_remove(&raw_->vias, 0);
   osip_via_free(via);
   raw_->message_property = 2;
}

void Message::stamp_received(std::string_view address, std::uint16_t port) {
   if (raw_ == nullptr) return;
   auto *via = static_cast<osip_via_t *>(osip_list_get(&raw_->vias, 0));
   if (via == nullptr) return;
   osip_generic_param_t *rport = nullptr;
   bool wants_rport = osip_generic_param_get_byname(&via->via_params, const_cast<char *>("rport"), &rport) ==
                         OSIP_SUCCESS &&
                      rport != nullptr;
   if (wants_rport) {
      osip_free(rport->gvalue);
      rport->gvalue = osip_copy(std::to_string(port));
   }
   // RFC 3581 section 4: with rport, received is added even when the host matches.
   if (wants_rport || text_of(via->host) != address) {
      osip_generic_param_t *received = nullptr;
      if (osip_generic_param_get_byname(&via->via_params, const_cast<char *>("received"), &received) ==
             OSIP_SUCCESS &&
          received != nullptr) {
         osip_free(received->gvalue);
         received->gvalue = osip_copy(address);
      } else {
         osip_via_set_received(via, osip_copy(address));
      }
   }
   raw_->message_property = 2;
}

std::string Message::serialize() const {
   if (raw_ == nullptr) return {};
   char *text = nullptr;
   std::size_t length = 0;
   if (osip_message_to_str(raw_, &text, &length) != OSIP_SUCCESS || text == nullptr) return {};
   std::string out(text, length);
   osip_free(text);
   return out;
}

std::string reason_phrase(int status) {
   ensure_osip();
   const char *text = osip_message_get_reason(status);
   return text == nullptr ? std::string("Unknown") : std::string(text);
}

}  // namespace portier::sip
