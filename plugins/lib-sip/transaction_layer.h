// SPDX-License-Identifier: GPL-3.0-or-later
// The transaction layer of RFC 3261 section 17 over a Transport: client INVITE (timers A, B, D;
// the ACK of a non-2xx is sent here), client non-INVITE (E, F, K), server INVITE (G, H, I, plus
// RFC 6026's Accepted state with timer L), server non-INVITE (J). A 100 Trying goes out when the
// TU has not answered an INVITE within 200 ms; a retransmitted request is answered with the last
// response; a CANCEL gets 200 and its INVITE 487 (481 when no INVITE matches). The table is
// bounded: a new request beyond it gets 503 with Retry-After.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "message.h"
#include "transport.h"

namespace portier::sip {

struct TimerSettings {
   std::chrono::milliseconds t1{500};
   std::chrono::milliseconds t2{4000};
   std::chrono::milliseconds t4{5000};
   std::chrono::milliseconds trying_delay{200};
};

struct ClientReply {
   const Message *response = nullptr;  // null when the transaction failed
   std::string failure;                // "timeout" (timer B or F) or the transport's reason
};

using ClientHandler = std::function<void(const ClientReply &reply)>;
// A new request for the TU, with the key to answer it by (respond()).
using RequestHandler = std::function<void(const std::string &transaction, const Message &request, const Source &source)>;
// ACK of a 2xx: it has no transaction (17.1.1.3); the dialog layer takes it.
using AckHandler = std::function<void(const Message &ack, const Source &source)>;
// The INVITE `transaction` was cancelled; 487 has been sent.
using CancelHandler = std::function<void(const std::string &transaction, const Message &cancel)>;
// A response no client transaction matches, e.g. a retransmitted 2xx after the transaction ended.
using StrayResponseHandler = std::function<void(const Message &response, const Source &source)>;

class TransactionLayer {
public:
   // Takes over `transport`'s receive handler.
   TransactionLayer(boost::asio::io_context &io, Transport &transport, TimerSettings timers = {},
                    std::size_t max_transactions = 4096);
   ~TransactionLayer();
   TransactionLayer(const TransactionLayer &) = delete;
   TransactionLayer &operator=(const TransactionLayer &) = delete;

   void on_request(RequestHandler handler);
   void on_ack(AckHandler handler);
   void on_cancel(CancelHandler handler);
   void on_stray_response(StrayResponseHandler handler);

   // Starts a client transaction for `request` (its top Via carries a fresh branch) towards `to`.
   // Every response and the final failure reach `handler`, always from the io_context. Returns
   // the transaction key, empty when refused (table full, duplicate branch; handler then gets
   // the failure too). ACK is not a transaction: use send_ack().
   std::string send_request(Message request, const Peer &to, ClientHandler handler);
   // Sends an ACK for a 2xx (built by the dialog) outside any transaction.
   void send_ack(const Message &ack, const Peer &to);

   // Answers a server transaction; false when it is unknown or already has a final response.
   bool respond(const std::string &transaction, Message response);
   // The request of a live server transaction, or null.
   const Message *request_of(const std::string &transaction) const;

   std::size_t size() const;
   const TimerSettings &timers() const;
   Transport &transport();

   struct Impl;

private:
   std::unique_ptr<Impl> impl_;
};

}  // namespace portier::sip
