// SPDX-License-Identifier: GPL-3.0-or-later
// What the raw user agents of the tests (RawUa, DialogUa, early media's target) share on the
// wire: UDP sockets on 127.0.0.1, a request laid out as text, and reading messages as text
// (headers, tags, the SDP's audio port).
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

namespace trunktest {

// A UDP socket bound to 127.0.0.1 on a port the kernel picks; `port` gets that port.
int loopback_udp_socket(std::uint16_t &port);
// Sends `size` bytes from `socket` to 127.0.0.1:`port`.
void send_loopback(int socket, std::uint16_t port, const void *data, std::size_t size);
// A fresh random token for tags, branches and Call-IDs.
std::string random_token();

// The first value of header `name` (case-insensitive, header section only); "" when absent.
std::string header_value(const std::string &msg, const std::string &name);
// The tag parameter of a From or To value; "" without one.
std::string tag_of(const std::string &value);
// The m=audio port of an SDP body (or of a whole message); 0 without one.
std::uint16_t sdp_audio_port(const std::string &text);

// One SIP message as text with the few accessors the tests need.
struct SipText {
   std::string text;
   bool is_response() const { return text.rfind("SIP/2.0 ", 0) == 0; }
   int status() const;                     // 0 for requests
   std::string method() const;             // request method, or the CSeq method of a response
   std::string header(const std::string &name) const { return header_value(text, name); }
   std::string body() const;
};

// "v=0 ... m=audio <port> RTP/AVP 8 0 101 ... a=<direction>" for 127.0.0.1.
std::string audio_sdp(std::uint16_t rtp_port, const std::string &direction = "sendrecv", int version = 1);

// What every raw test UA owns: a SIP and an RTP socket on 127.0.0.1 (closed with it), the
// trunk's SIP port, the number called, and the dialog's Call-ID (`call_id_prefix` + a token) and tags.
struct UaEndpoint {
   explicit UaEndpoint(const std::string &call_id_prefix);
   ~UaEndpoint();
   UaEndpoint(const UaEndpoint &) = delete;
   UaEndpoint &operator=(const UaEndpoint &) = delete;

   // Sends `text` to the trunk's SIP port.
   void send(const std::string &text) const;
   // The next datagram on the SIP socket, waiting at most `limit`; nullopt when none came.
   std::optional<SipText> receive(std::chrono::milliseconds limit) const;
   // "sip:<number>@127.0.0.1:<trunk port>": the To URI of our requests.
   std::string to_uri() const;

   int sip = -1;
   int rtp = -1;
   std::uint16_t sip_port = 0;
   std::uint16_t rtp_port = 0;
   std::uint16_t trunk_port = 0;
   std::string number;
   std::string call_id;
   std::string from_tag;
   std::string to_tag;  // the trunk's, once a final response brought one
};

// The parts of a request from a test UA over UDP on 127.0.0.1.
struct RequestParts {
   std::string method;
   std::string request_uri;
   std::uint16_t via_port = 0;  // our SIP port
   std::string branch;
   std::string from;            // the whole From value, tag included
   std::string to;              // the whole To value
   std::string call_id;
   std::uint32_t cseq = 0;
   std::string contact;         // the whole Contact value
   std::string extra;           // more header lines, each ending in CRLF
   std::string body;            // SDP, or "" for none
};
// The request as text: the parts, Max-Forwards, Content-Type for a body and Content-Length.
std::string request_text(const RequestParts &parts);

}  // namespace trunktest
