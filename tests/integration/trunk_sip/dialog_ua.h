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

#include "sip_wire.h"

namespace trunktest {

class DialogUa {
public:
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

   std::uint16_t rtp_port() const { return end_.rtp_port; }
   int rtp_socket() const { return end_.rtp; }

private:
   std::string build(const std::string &method, std::uint32_t cseq, const std::string &branch, const std::string &body,
                     const std::string &extra) const;
   void send(const std::string &text);

   UaEndpoint end_{"dlg-"};
   std::string remote_target_;  // the trunk's Contact URI
   std::uint32_t cseq_ = 0;
   std::uint32_t invite_cseq_ = 0;
   std::string last_method_;
   std::deque<SipText> requests_;
};

}  // namespace trunktest
