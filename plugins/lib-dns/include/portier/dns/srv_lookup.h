// SPDX-License-Identifier: GPL-3.0-or-later
// Finds the nodes of a service (a geo-separated OpenScape Voice's CSTA service, a SIP registrar):
// one SRV query for the service name, then A queries for targets the answer gave no address for.
// A small DNS client over UDP on the plugin's own io_context rather than the system resolver: it
// never blocks the I/O thread (so stop() never waits on a libc call), it can ask a given server
// on any port (dns_server), its time limit runs on the host clock like every other deadline of
// the plugin, and its parser is ours and bounded (dns_message.h).
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include <utility>  // before asio: Boost 1.74 misses it under C++20

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/udp.hpp>

#include <portier/dns/nameserver.h>
#include <portier/dns/nodes.h>

namespace portier::dns {

struct LookupOutcome {
   std::vector<Node> nodes;  // ordered, each with an address; empty when `error` is set
   std::string error;        // why there is no node, for logs and the plugin's state
   std::string notes;        // targets dropped for want of an address, "" when none
};

class SrvLookup {
public:
   using Clock = std::function<std::int64_t()>;  // microseconds, the host clock
   using Done = std::function<void(LookupOutcome)>;

   SrvLookup(boost::asio::io_context &io, Clock clock);
   ~SrvLookup();
   SrvLookup(const SrvLookup &) = delete;
   SrvLookup &operator=(const SrvLookup &) = delete;

   // Asks `server` about `name` (e.g. "HiPath8000CSTASM._tcp.example.com", "_sip._udp.example.com");
   // `done` runs once on the io_context, unless cancel() comes first. A running lookup is
   // cancelled. `order` says how targets of one priority are ordered (nodes.h).
   void start(const NameServer &server, std::string name, std::int64_t timeout_ms, Done done,
              SrvOrder order = SrvOrder::fixed);
   // Resends an unanswered query each second and fails the lookup at its deadline. [I/O thread]
   void check();
   void cancel();
   bool busy() const { return busy_; }

private:
   void send(std::string name, std::uint16_t type);
   void transmit();
   void receive();
   void on_datagram(std::size_t size);
   void next_address();
   void fail(std::string why);
   void finish(LookupOutcome outcome);

   boost::asio::ip::udp::socket socket_;
   Clock clock_;
   Done done_;
   bool busy_ = false;
   std::uint64_t generation_ = 0;
   std::string server_label_;
   std::string srv_name_;
   std::int64_t timeout_ms_ = 0;
   SrvOrder order_ = SrvOrder::fixed;
   std::int64_t deadline_us_ = 0;
   std::int64_t sent_us_ = 0;
   std::uint16_t query_id_ = 0;
   std::string query_name_;
   std::uint16_t query_type_ = 0;
   std::string query_;
   std::vector<Node> nodes_;
   std::array<char, 4096> buffer_{};
   std::mt19937 ids_{std::random_device{}()};  // query ids, and the weighted SRV pick
};

}  // namespace portier::dns
