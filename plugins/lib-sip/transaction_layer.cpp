// SPDX-License-Identifier: GPL-3.0-or-later
// The four transaction state machines of RFC 3261 17 (figures 5 to 8) and their table. Timers
// are steady_timers owned by the transaction; their handlers hold it weakly, so a transaction
// removed from the table (or a layer destroyed) silences them.
#include "transaction_layer.h"

#include <utility>  // before Asio with GCC 12

#include <map>
#include <optional>

#include <boost/asio.hpp>

#include "message_build.h"
#include "transaction_key.h"

namespace portier::sip {

namespace asio = boost::asio;
using std::chrono::milliseconds;

namespace {

enum class State { calling, trying, proceeding, completed, confirmed, accepted };

struct ClientTransaction {
   explicit ClientTransaction(asio::io_context &io) : retransmit(io), timeout(io), linger(io) {}
   std::string key;
   bool invite = false;
   State state = State::calling;
   std::optional<Message> request;
   std::string bytes;
   Peer to;
   std::string ack_bytes;  // the ACK of a failure, resent when the failure is
   ClientHandler handler;
   asio::steady_timer retransmit;  // A or E
   asio::steady_timer timeout;     // B or F
   asio::steady_timer linger;      // D or K
   milliseconds interval{0};
};

struct ServerTransaction {
   explicit ServerTransaction(asio::io_context &io) : retransmit(io), timeout(io), linger(io), trying(io) {}
   std::string key;
   bool invite = false;
   State state = State::trying;
   std::optional<Message> request;
   Source source;
   std::string last_response;  // serialized, for retransmitted requests
   std::optional<Message> last_message;
   asio::steady_timer retransmit;  // G
   asio::steady_timer timeout;     // H
   asio::steady_timer linger;      // I, J or L
   asio::steady_timer trying;      // the 200 ms 100 Trying
   milliseconds interval{0};
};

}  // namespace

struct TransactionLayer::Impl {
   Impl(asio::io_context &context, Transport &t, TimerSettings s, std::size_t max)
       : io(context), transport(t), timers(s), max_transactions(max) {}

   asio::io_context &io;
   Transport &transport;
   TimerSettings timers;
   std::size_t max_transactions;
   std::map<std::string, std::shared_ptr<ClientTransaction>> clients;
   std::map<std::string, std::shared_ptr<ServerTransaction>> servers;
   RequestHandler request_handler;
   AckHandler ack_handler;
   CancelHandler cancel_handler;
   StrayResponseHandler stray_handler;

   std::size_t size() const { return clients.size() + servers.size(); }

   // ---- client side ----

   void finish_client(const std::shared_ptr<ClientTransaction> &tx) {
      tx->retransmit.cancel();
      tx->timeout.cancel();
      tx->linger.cancel();
      clients.erase(tx->key);
   }

   void linger_client(const std::shared_ptr<ClientTransaction> &tx, milliseconds how_long) {
      tx->state = State::completed;
      tx->retransmit.cancel();
      tx->timeout.cancel();
      if (how_long.count() == 0) return finish_client(tx);
      std::weak_ptr<ClientTransaction> weak = tx;
      tx->linger.expires_after(how_long);
      tx->linger.async_wait([this, weak](const boost::system::error_code &ec) {
         auto t = weak.lock();
         if (!ec && t) finish_client(t);
      });
   }

   void arm_client_retransmit(const std::shared_ptr<ClientTransaction> &tx) {
      std::weak_ptr<ClientTransaction> weak = tx;
      tx->retransmit.expires_after(tx->interval);
      tx->retransmit.async_wait([this, weak](const boost::system::error_code &ec) {
         auto t = weak.lock();
         if (ec || !t) return;
         if (t->invite && t->state != State::calling) return;
         if (!t->invite && t->state != State::trying && t->state != State::proceeding) return;
         transport.send(t->to, t->bytes);
         // 17.1.1.2: A doubles; 17.1.2.2: E doubles up to T2, and is T2 once proceeding.
         if (t->invite) t->interval *= 2;
         else t->interval = t->state == State::proceeding ? timers.t2 : std::min(t->interval * 2, timers.t2);
         arm_client_retransmit(t);
      });
   }

   void fail_client(const std::shared_ptr<ClientTransaction> &tx, const std::string &why) {
      ClientHandler handler = tx->handler;
      finish_client(tx);
      if (handler) handler(ClientReply{nullptr, why});
   }

   void on_response(Message response, const Source &source) {
      auto found = clients.find(client_key(response));
      if (found == clients.end()) {
         if (stray_handler) stray_handler(response, source);
         return;
      }
      std::shared_ptr<ClientTransaction> tx = found->second;
      int status = response.status();
      bool reliable = is_reliable(tx->to.transport);
      if (tx->state == State::completed) {
         if (tx->invite && status >= 300) transport.send(tx->to, tx->ack_bytes);  // 17.1.1.2: ACK again
         return;
      }
      if (status < 200) {
         if (tx->invite) tx->retransmit.cancel(), tx->timeout.cancel();
         if (!tx->invite && tx->state == State::trying) tx->interval = timers.t2;
         tx->state = State::proceeding;
         if (tx->handler) tx->handler(ClientReply{&response, {}});
         return;
      }
      ClientHandler handler = tx->handler;
      if (tx->invite && status < 300) {
         finish_client(tx);  // 2xx: the TU acknowledges it (13.2.2.4)
      } else if (tx->invite) {
         Message ack = build_ack_for_failure(*tx->request, response);
         tx->ack_bytes = ack.serialize();
         transport.send(tx->to, tx->ack_bytes);
         linger_client(tx, reliable ? milliseconds(0) : timers.t1 * 64);  // timer D
      } else {
         linger_client(tx, reliable ? milliseconds(0) : timers.t4);  // timer K
      }
      if (handler) handler(ClientReply{&response, {}});
   }

   std::string send_request(Message request, const Peer &to, ClientHandler handler) {
      auto refuse = [&](std::string why) {
         if (handler) asio::post(io, [handler, why] { handler(ClientReply{nullptr, why}); });
         return std::string();
      };
      std::optional<Via> via = request.top_via();
      if (!via || via->branch.empty()) return refuse("request has no Via branch");
      if (size() >= max_transactions) return refuse("transaction table full");
      std::string key = client_key(via->branch, request.method());
      if (clients.count(key) != 0) return refuse("a transaction with branch " + via->branch + " exists");
      auto tx = std::make_shared<ClientTransaction>(io);
      tx->key = key;
      tx->invite = request.method() == "INVITE";
      tx->state = tx->invite ? State::calling : State::trying;
      tx->bytes = request.serialize();
      tx->request = std::move(request);
      tx->to = to;
      tx->handler = std::move(handler);
      clients[key] = tx;
      std::weak_ptr<ClientTransaction> weak = tx;
      transport.send(to, tx->bytes, 0, [this, weak](std::string_view why) {
         if (auto t = weak.lock(); t && t->state != State::completed) fail_client(t, std::string(why));  // 17.1.4
      });
      if (!is_reliable(to.transport)) {
         tx->interval = timers.t1;
         arm_client_retransmit(tx);
      }
      tx->timeout.expires_after(timers.t1 * 64);  // B or F
      tx->timeout.async_wait([this, weak](const boost::system::error_code &ec) {
         auto t = weak.lock();
         if (ec || !t) return;
         if (t->invite && t->state != State::calling) return;
         if (t->state == State::completed) return;
         fail_client(t, "timeout");
      });
      return key;
   }

   // ---- server side ----

   void finish_server(const std::shared_ptr<ServerTransaction> &tx) {
      tx->retransmit.cancel();
      tx->timeout.cancel();
      tx->linger.cancel();
      tx->trying.cancel();
      servers.erase(tx->key);
   }

   void linger_server(const std::shared_ptr<ServerTransaction> &tx, milliseconds how_long) {
      if (how_long.count() == 0) return finish_server(tx);
      std::weak_ptr<ServerTransaction> weak = tx;
      tx->linger.expires_after(how_long);
      tx->linger.async_wait([this, weak](const boost::system::error_code &ec) {
         auto t = weak.lock();
         if (!ec && t) finish_server(t);
      });
   }

   void arm_server_retransmit(const std::shared_ptr<ServerTransaction> &tx) {
      std::weak_ptr<ServerTransaction> weak = tx;
      tx->retransmit.expires_after(tx->interval);
      tx->retransmit.async_wait([this, weak](const boost::system::error_code &ec) {
         auto t = weak.lock();
         if (ec || !t || t->state != State::completed) return;
         transport.send_response(*t->last_message, t->source);  // timer G
         t->interval = std::min(t->interval * 2, timers.t2);
         arm_server_retransmit(t);
      });
   }

   bool respond(const std::string &key, Message response) {
      auto found = servers.find(key);
      if (found == servers.end()) return false;
      std::shared_ptr<ServerTransaction> tx = found->second;
      if (tx->state != State::trying && tx->state != State::proceeding) return false;
      int status = response.status();
      tx->trying.cancel();
      tx->last_response = response.serialize();
      transport.send_response(response, tx->source);
      bool reliable = is_reliable(tx->source.peer.transport);
      tx->last_message = std::move(response);
      if (status < 200) {
         tx->state = State::proceeding;
         return true;
      }
      if (!tx->invite) {
         tx->state = State::completed;
         linger_server(tx, reliable ? milliseconds(0) : timers.t1 * 64);  // timer J
      } else if (status < 300) {
         tx->state = State::accepted;  // RFC 6026: absorb retransmitted INVITEs, timer L
         linger_server(tx, timers.t1 * 64);
      } else {
         tx->state = State::completed;
         if (!reliable) {
            tx->interval = timers.t1;
            arm_server_retransmit(tx);
         }
         std::weak_ptr<ServerTransaction> weak = tx;
         tx->timeout.expires_after(timers.t1 * 64);  // timer H: the ACK never came
         tx->timeout.async_wait([this, weak](const boost::system::error_code &ec) {
            auto t = weak.lock();
            if (!ec && t && t->state == State::completed) finish_server(t);
         });
      }
      return true;
   }

   void send_stateless(const Message &request, const Source &source, int status) {
      Message response = build_response(request, status, new_tag());
      if (status == 503) response.add_header("Retry-After", "5");
      transport.send_response(response, source);
   }

   void on_ack(Message ack, const Source &source) {
      auto found = servers.find(server_key(ack));
      if (found == servers.end() || found->second->state == State::accepted) {
         if (ack_handler) ack_handler(ack, source);  // ACK of a 2xx
         return;
      }
      std::shared_ptr<ServerTransaction> tx = found->second;
      if (tx->state != State::completed) return;  // confirmed: absorbed
      tx->state = State::confirmed;
      tx->retransmit.cancel();
      tx->timeout.cancel();
      linger_server(tx, is_reliable(source.peer.transport) ? milliseconds(0) : timers.t4);  // timer I
   }

   void on_cancel(const std::string &cancel_key, const Message &cancel) {
      auto invite = servers.find(server_key(cancel, "INVITE"));
      if (invite == servers.end()) {
         respond(cancel_key, build_response(cancel, 481, new_tag()));
         return;
      }
      std::shared_ptr<ServerTransaction> tx = invite->second;
      std::string tag = tx->last_message ? tx->last_message->to_tag() : std::string();
      respond(cancel_key, build_response(cancel, 200, tag.empty() ? new_tag() : tag));
      if (tx->state != State::trying && tx->state != State::proceeding) return;  // already answered
      respond(tx->key, build_response(*tx->request, 487, tag.empty() ? new_tag() : tag));
      if (cancel_handler) cancel_handler(tx->key, cancel);
   }

   void on_request(Message request, const Source &source) {
      if (request.method() == "ACK") return on_ack(std::move(request), source);
      std::string key = server_key(request);
      auto found = servers.find(key);
      if (found != servers.end()) {
         // 17.2.1 / 17.2.2: a retransmission is answered with the last response, if any.
         std::shared_ptr<ServerTransaction> tx = found->second;
         if (tx->last_message && (tx->state == State::proceeding || tx->state == State::completed))
            transport.send_response(*tx->last_message, tx->source);
         return;
      }
      if (size() >= max_transactions) return send_stateless(request, source, 503);
      auto tx = std::make_shared<ServerTransaction>(io);
      tx->key = key;
      tx->invite = request.method() == "INVITE";
      tx->state = tx->invite ? State::proceeding : State::trying;
      tx->source = source;
      tx->request = std::move(request);
      servers[key] = tx;
      if (tx->invite) {
         std::weak_ptr<ServerTransaction> weak = tx;
         tx->trying.expires_after(timers.trying_delay);
         tx->trying.async_wait([this, weak](const boost::system::error_code &ec) {
            auto t = weak.lock();
            if (ec || !t || t->last_message || t->state != State::proceeding) return;
            respond(t->key, build_response(*t->request, 100));
         });
      }
      if (tx->request->method() == "CANCEL") return on_cancel(key, *tx->request);
      if (request_handler) request_handler(key, *tx->request, source);
   }

   void on_message(Message message, const Source &source) {
      if (message.is_request()) on_request(std::move(message), source);
      else on_response(std::move(message), source);
   }
};

TransactionLayer::TransactionLayer(asio::io_context &io, Transport &transport, TimerSettings timers,
                                   std::size_t max_transactions)
    : impl_(std::make_unique<Impl>(io, transport, timers, max_transactions)) {
   transport.on_receive([impl = impl_.get()](Message message, const Source &source) {
      impl->on_message(std::move(message), source);
   });
}

TransactionLayer::~TransactionLayer() { impl_->transport.on_receive({}); }

void TransactionLayer::on_request(RequestHandler handler) { impl_->request_handler = std::move(handler); }
void TransactionLayer::on_ack(AckHandler handler) { impl_->ack_handler = std::move(handler); }
void TransactionLayer::on_cancel(CancelHandler handler) { impl_->cancel_handler = std::move(handler); }
void TransactionLayer::on_stray_response(StrayResponseHandler handler) { impl_->stray_handler = std::move(handler); }

std::string TransactionLayer::send_request(Message request, const Peer &to, ClientHandler handler) {
   return impl_->send_request(std::move(request), to, std::move(handler));
}

void TransactionLayer::send_ack(const Message &ack, const Peer &to) { impl_->transport.send(to, ack.serialize()); }

bool TransactionLayer::respond(const std::string &transaction, Message response) {
   return impl_->respond(transaction, std::move(response));
}

const Message *TransactionLayer::request_of(const std::string &transaction) const {
   auto found = impl_->servers.find(transaction);
   return found == impl_->servers.end() ? nullptr : &*found->second->request;
}

std::size_t TransactionLayer::size() const { return impl_->size(); }
const TimerSettings &TransactionLayer::timers() const { return impl_->timers; }
Transport &TransactionLayer::transport() { return impl_->transport; }

}  // namespace portier::sip
