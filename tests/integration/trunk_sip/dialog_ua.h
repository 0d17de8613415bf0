// SPDX-License-Identifier: GPL-3.0-or-later
// A raw UDP user agent that keeps one dialog with the trunk and speaks every part of it the
// call-feature tests need: an INVITE with or without SDP, an ACK carrying an answer, in-dialog
// re-INVITE / UPDATE / INFO, and requests from the trunk (UPDATE, BYE, REFER) read and answered.
#pragma once

#include <chrono>
#include <cstdint>
#include <deque>
#include <optional>
#include <string>

namespace trunktest {

// One SIP message as text with the few accessors the tests need.
struct SipText {
   std::string text;
   bool is_response() const { return text.rfind("SIP/2.0 ", 0) == 0; }
   int status() const;                     // 0 for requests
   std::string method() const;             // request method, or the CSeq method of a response
   std::string header(const std::string &name) const;  // first value, "" when absent
   std::string body() const;
};

// "v=0 ... m=audio <port> RTP/AVP 8 0 101 ... a=<direction>" for 127.0.0.1.
std::string audio_sdp(std::uint16_t rtp_port, const std::string &direction = "sendrecv", int version = 1);

class DialogUa {
public:
   DialogUa();
   ~DialogUa();
   DialogUa(const DialogUa &) = delete;
   DialogUa &operator=(const DialogUa &) = delete;

   // INVITE to `number` at 127.0.0.1:`port`; `sdp` "" for a late offer.
   void invite(std::uint16_t port, const std::string &number, const std::string &sdp, const std::string &extra = "");
   // Reads until the final response to the last request we sent (bounded); nullopt on timeout.
   // Requests from the trunk that arrive meanwhile are queued (see next_request).
   std::optional<SipText> final_response(std::chrono::milliseconds limit = std::chrono::seconds(5));
   // ACK of the 2xx to our INVITE, with an optional SDP body (the answer to a late offer).
   void ack(const std::string &sdp = "");
   // An in-dialog request (re-INVITE, UPDATE, INFO, BYE) with an optional SDP body.
   void send_in_dialog(const std::string &method, const std::string &sdp = "", const std::string &extra = "");
   // The next request from the trunk of `method` (others queued before it are dropped).
   std::optional<SipText> next_request(const std::string &method, std::chrono::milliseconds limit);
   // Answers a request of the trunk with `status`, extra header lines and a body.
   void reply(const SipText &request, int status, const std::string &extra = "", const std::string &sdp = "");

   std::uint16_t rtp_port() const { return rtp_port_; }
   int rtp_socket() const { return rtp_; }
   // The m=audio port in an SDP body.
   static std::uint16_t sdp_port(const std::string &sdp);

private:
   std::string build(const std::string &method, std::uint32_t cseq, const std::string &branch, const std::string &body,
                     const std::string &extra) const;
   void send(const std::string &text);
   std::optional<SipText> receive(std::chrono::milliseconds limit);

   int sip_ = -1;
   int rtp_ = -1;
   std::uint16_t sip_port_ = 0;
   std::uint16_t rtp_port_ = 0;
   std::uint16_t trunk_port_ = 0;
   std::string number_;
   std::string call_id_;
   std::string from_tag_;
   std::string to_tag_;
   std::string remote_target_;  // the trunk's Contact URI
   std::uint32_t cseq_ = 0;
   std::uint32_t invite_cseq_ = 0;
   std::string last_method_;
   std::deque<SipText> requests_;
};

}  // namespace trunktest
