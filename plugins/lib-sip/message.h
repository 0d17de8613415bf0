// SPDX-License-Identifier: GPL-3.0-or-later
// A SIP message (RFC 3261 section 7) owned through libosip2: parse with the checks RFC 3261 makes
// musts, read what transactions and dialogs need, change a few fields, serialize. osip itself is
// only seen by the .cpp files of this part.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

struct osip_message;  // libosip2's osip_message_t

namespace portier::sip {

inline constexpr std::size_t kMaxMessageSize = 64 * 1024;
inline constexpr std::string_view kBranchCookie = "z9hG4bK";  // RFC 3261 8.1.1.7

struct Via {
   std::string transport;  // "UDP", "TCP", "TLS"
   std::string host;       // sent-by host
   std::uint16_t port = 0;  // sent-by port, 0 when absent
   std::string branch;
   std::optional<std::string> received;
   bool has_rport = false;
   std::optional<std::uint16_t> rport;  // the value, when filled in
};

struct CSeq {
   std::uint32_t number = 0;
   std::string method;
};

class Message {
public:
   Message();  // an empty message; fill it with the builders below
   explicit Message(osip_message *owned);
   ~Message();
   Message(Message &&other) noexcept;
   Message &operator=(Message &&other) noexcept;
   Message(const Message &) = delete;
   Message &operator=(const Message &) = delete;
   Message clone() const;

   bool is_request() const;
   std::string method() const;  // request method, empty for a response
   int status() const;          // response status, 0 for a request
   std::string reason() const;
   std::string request_uri() const;
   std::string call_id() const;
   std::string from_tag() const;
   std::string to_tag() const;
   std::string from() const;  // the whole From value (name-addr with params)
   std::string to() const;
   std::string from_uri() const;
   std::string to_uri() const;
   std::optional<Via> top_via() const;
   std::size_t via_count() const;
   std::optional<CSeq> cseq() const;
   std::optional<std::string> contact_uri() const;  // first Contact's URI, without <>
   std::vector<std::string> record_routes() const;  // each value, in message order
   // Every value of a header (case-insensitive name, compact forms understood), one entry per
   // header line or comma-separated element as osip stored it.
   std::vector<std::string> header_values(std::string_view name) const;
   std::optional<std::string> header(std::string_view name) const;  // first value
   std::string body() const;
   std::string content_type() const;  // "application/sdp", empty without body

   void set_to_tag(std::string_view tag);
   void add_header(std::string_view name, std::string_view value);
   void remove_headers(std::string_view name);  // generic headers only (not Via/From/To/...)
   void set_body(std::string_view body, std::string_view content_type);
   void set_contact(std::string_view value);
   void set_request_uri(std::string_view uri);
   void set_cseq(std::uint32_t number, std::string_view method);
   void push_via(std::string_view value);  // becomes the new top Via
   void pop_via();
   // RFC 3261 18.2.1 / RFC 3581: a request received from `address`:`port` notes where it came
   // from in its top Via.
   void stamp_received(std::string_view address, std::uint16_t port);

   std::string serialize() const;
   osip_message *raw() const { return raw_; }

private:
   osip_message *raw_ = nullptr;
};

struct ParseResult {
   std::optional<Message> message;
   std::string error;  // what is wrong and where, when message is empty
};

// `stream` says the bytes came over TCP/TLS, where Content-Length is mandatory (18.3).
ParseResult parse_message(std::string_view bytes, bool stream = false);

struct ParseOptions {
   bool stream = false;
   // RFC 3261 is backwards compatible with RFC 2543 (RFC 4475 3.4.1): a request without a Via
   // branch (matched by the RFC 2543 rules, see transaction_key.h) or without Max-Forwards is
   // taken. Off, both are errors.
   bool rfc2543 = false;
};
ParseResult parse_message(std::string_view bytes, const ParseOptions &options);

// Status line text for a code ("Ringing"), "Unknown" for codes osip does not know.
std::string reason_phrase(int status);

}  // namespace portier::sip
