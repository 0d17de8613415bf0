// SPDX-License-Identifier: GPL-3.0-or-later
// The simulated OpenScape Voice's CSTA interface: a TCP listener on 127.0.0.1 speaking the OSV
// framing (csta-famos.md 1.2, 1.4). Each connection is opened with our SystemStatus, whose
// answer must carry the same invoke id; then requests go to the Office (request_answers.h) and
// the office's events go, framed with invoke id 9999, to the connection owning their
// monitorCrossRefID. A steady timer moves the office clock. Everything, the office included,
// runs on the caller's io_context, so the office needs no lock: touch it only from that context
// (boost::asio::post) while the server lives.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <utility>  // before asio: Boost 1.74 misses it under C++20

#include <boost/asio.hpp>

#include <portier/csta/messages.h>

#include "office/office.h"
#include "server/faults.h"

namespace portier::pbxsim {

struct CstaServerOptions {
   std::uint16_t port = 0;                          // 0: the system picks a free port
   std::chrono::milliseconds tick{50};              // how often the office clock moves
};

class CstaServer {
public:
   // Listens at once (throws boost::system::system_error when the port is taken); accepting and
   // the clock start when `io` runs. `office` must outlive the server.
   CstaServer(boost::asio::io_context &io, Office &office, CstaServerOptions options = {});
   ~CstaServer();
   CstaServer(const CstaServer &) = delete;
   CstaServer &operator=(const CstaServer &) = delete;

   std::uint16_t port() const { return port_; }

   // Closes every client connection and stops its monitors; listening goes on. Any thread.
   void drop_all_connections();
   // Stops listening, the clock and every connection. Any thread; the destructor does it too.
   void stop();

   // Applies `fault` (faults.h): one-shot actions (reset, oversized, malformed, truncated) at
   // once on every open connection, rules (error, delay, drop) from the next request on, noise
   // from the next event on; clear forgets every rule and turns noise off. Any thread.
   void inject(Fault fault);

   // On the io_context only: open connections; sends pending office events now.
   std::size_t connection_count() const { return sessions_.size(); }
   void flush_events();
   // On the io_context only: error, delay and drop rules not yet used up.
   std::size_t fault_rule_count() const { return rules_.size(); }

private:
   struct Session;
   void accept();
   void read(const std::shared_ptr<Session> &s);
   void on_frame(const std::shared_ptr<Session> &s, std::uint16_t invoke_id, std::string_view xml);
   std::string answer(const std::shared_ptr<Session> &s, const csta::Message &message);
   void send(const std::shared_ptr<Session> &s, std::uint16_t invoke_id, const std::string &xml);
   void send_later(const std::shared_ptr<Session> &s, std::uint16_t invoke_id, std::string xml,
                   std::chrono::milliseconds delay);
   void send_raw(const std::shared_ptr<Session> &s, std::string bytes);
   void write_next(const std::shared_ptr<Session> &s);
   // `abort`: a TCP reset (SO_LINGER 0) instead of an orderly close.
   void close(const std::shared_ptr<Session> &s, bool abort = false);
   void apply(const Fault &fault);
   std::optional<Fault> take_rule(std::string_view request);
   void close_all();
   void tick();

   boost::asio::io_context &io_;
   Office &office_;
   CstaServerOptions options_;
   boost::asio::ip::tcp::acceptor acceptor_;
   boost::asio::steady_timer timer_;
   std::chrono::steady_clock::time_point last_tick_;
   std::uint16_t port_ = 0;
   std::uint64_t next_session_ = 1;
   std::map<std::uint64_t, std::shared_ptr<Session>> sessions_;
   std::map<std::string, std::uint64_t> owners_;  // monitorCrossRefID -> session id
   std::vector<Fault> rules_;  // in the order injected; the first matching one is used
   bool noise_ = false;
   std::uint64_t next_delayed_ = 1;
   std::map<std::uint64_t, std::unique_ptr<boost::asio::steady_timer>> delayed_;  // late answers
   std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

} // namespace portier::pbxsim
