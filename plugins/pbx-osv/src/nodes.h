// SPDX-License-Identifier: GPL-3.0-or-later
// The OpenScape Voice nodes pbx.osv may connect to, in the order it tries them, and which one
// of them the current round is at. A round walks the list once; a lost or refusing node moves
// on to the next at once; after the last one the round is over (back off, resolve again, start
// with the first).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "dns_message.h"

namespace portier::osv {

struct Node {
   std::string name;     // the SRV target or the configured host
   std::string address;  // an IP address, or "" when `name` is still to be resolved
   std::uint16_t port = 0;
   std::uint16_t priority = 0;
   std::uint16_t weight = 0;
   bool from_srv = false;

   // "osv1.example.com (10.0.0.1:1040, priority 1)" or "10.0.0.1:1040"
   std::string label() const;
   bool operator==(const Node &) const = default;
};

// SRV records in the order to try: lowest priority first; within one priority the higher weight
// first, then by target and port. RFC 2782 asks for a weighted random pick inside a priority;
// a fixed order keeps failover predictable (OSV's nodes have distinct priorities anyway, as the
// manual requires). A lone target "." means the service is not offered: no records.
std::vector<SrvRecord> order_srv(std::vector<SrvRecord> records);

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

}  // namespace portier::osv
