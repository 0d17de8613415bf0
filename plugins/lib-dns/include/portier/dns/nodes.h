// SPDX-License-Identifier: GPL-3.0-or-later
// The servers (nodes) of a service a plugin may connect to, in the order it tries them, and which
// one of them the current round is at (pbx.osv: the OpenScape Voice nodes; trunk.sip: registrars). A round walks the list once; a lost or refusing node moves
// on to the next at once; after the last one the round is over (back off, resolve again, start
// with the first).
#pragma once

#include <cstddef>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include <portier/dns/dns_message.h>

namespace portier::dns {

struct Node {
   std::string name;     // the SRV target or the configured host
   std::string address;  // an IP address, or "" when `name` is still to be resolved
   std::uint16_t port = 0;
   std::uint16_t priority = 0;
   std::uint16_t weight = 0;
   bool from_srv = false;

   // "node1.example.com (10.0.0.1:1040, priority 1)" or "10.0.0.1:1040"
   std::string label() const;
   bool operator==(const Node &) const = default;
};

// How targets that share a priority are ordered.
enum class SrvOrder {
   fixed,     // the higher weight first, then by target and port: predictable failover
   weighted,  // RFC 2782's weighted random pick, so clients spread over the targets
};

// SRV records in the order to try: lowest priority first; within one priority the higher weight
// first, then by target and port. RFC 2782 asks for a weighted random pick inside a priority;
// a fixed order keeps failover predictable (OSV's nodes have distinct priorities anyway, as the
// manual requires). A lone target "." means the service is not offered: no records.
std::vector<SrvRecord> order_srv(std::vector<SrvRecord> records);

// The same records, but within one priority in RFC 2782's order: each next target is drawn at
// random with a chance proportional to its weight (weight 0 targets rarely come first).
std::vector<SrvRecord> order_srv_weighted(std::vector<SrvRecord> records, std::mt19937 &random);

// The ordered records with their addresses from `addresses` (or the target itself when it is an
// IPv4 literal); targets with no address keep address "".
std::vector<Node> nodes_from_srv(const std::vector<SrvRecord> &ordered, const std::vector<AddressRecord> &addresses);

class Round {
public:
   void reset(std::vector<Node> nodes) {
      nodes_ = std::move(nodes);
      index_ = 0;
   }
   bool empty() const { return index_ >= nodes_.size(); }
   const Node &current() const { return nodes_[index_]; }
   std::size_t position() const { return index_ + 1; }  // 1-based, for logs
   std::size_t size() const { return nodes_.size(); }
   // Moves on to the next node; false when the list is done (the round is then over).
   bool advance() {
      if (index_ < nodes_.size()) ++index_;
      return index_ < nodes_.size();
   }
   // Ends the round: the next connect starts a new one.
   void finish() { index_ = nodes_.size(); }

private:
   std::vector<Node> nodes_;
   std::size_t index_ = 0;
};

}  // namespace portier::dns
