// SPDX-License-Identifier: GPL-3.0-or-later
// RFC 3261 13.3.1.4: the UAS core resends its 2xx to an INVITE at T1, doubling up to T2, until
// the ACK arrives; after 64 T1 without one it gives up (the caller then sends BYE).
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <string>

#include "dialog.h"
#include "message.h"
#include "transaction_layer.h"
#include "transport.h"

namespace portier::sip {

class AnswerRetransmission {
public:
   AnswerRetransmission(boost::asio::io_context &io, Transport &transport, TimerSettings timers);
   ~AnswerRetransmission();
   AnswerRetransmission(const AnswerRetransmission &) = delete;
   AnswerRetransmission &operator=(const AnswerRetransmission &) = delete;

   // `answer` was already sent once (by TransactionLayer::respond); over streams nothing is
   // resent, only the 64 T1 wait for the ACK runs.
   void start(const Message &answer, const Source &request_source, std::function<void()> on_no_ack);
   // True when `ack` acknowledged a 2xx being resent; that resending stops.
   bool acknowledge(const Message &ack);
   std::size_t pending() const;

   struct Impl;

private:
   std::unique_ptr<Impl> impl_;
};

}  // namespace portier::sip
