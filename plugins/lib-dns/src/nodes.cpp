// SPDX-License-Identifier: GPL-3.0-or-later
#include <portier/dns/nodes.h>

#include <algorithm>
#include <tuple>

#include <boost/asio/ip/address_v4.hpp>

namespace portier::dns {

std::string Node::label() const {
   const std::string where = (address.empty() ? name : address) + ":" + std::to_string(port);
   if (!from_srv) return where;
   return name + " (" + where + ", priority " + std::to_string(priority) + ")";
}

std::vector<SrvRecord> order_srv(std::vector<SrvRecord> records) {
   if (records.size() == 1 && (records.front().target == "." || records.front().target.empty())) return {};
   std::erase_if(records, [](const SrvRecord &r) { return r.target == "." || r.target.empty() || r.port == 0; });
   std::sort(records.begin(), records.end(), [](const SrvRecord &a, const SrvRecord &b) {
      return std::tie(a.priority, b.weight, a.target, a.port) < std::tie(b.priority, a.weight, b.target, b.port);
   });
   records.erase(std::unique(records.begin(), records.end()), records.end());
   return records;
}

std::vector<SrvRecord> order_srv_weighted(std::vector<SrvRecord> records, std::mt19937 &random) {
   std::vector<SrvRecord> fixed = order_srv(std::move(records));
   std::vector<SrvRecord> out;
   out.reserve(fixed.size());
   std::size_t begin = 0;
   while (begin < fixed.size()) {
      std::size_t end = begin;
      while (end < fixed.size() && fixed[end].priority == fixed[begin].priority) ++end;
      // RFC 2782: weight-0 targets first among the rest, then draw on the running sum of weights
      std::vector<SrvRecord> left(fixed.begin() + static_cast<std::ptrdiff_t>(begin),
                                  fixed.begin() + static_cast<std::ptrdiff_t>(end));
      std::stable_partition(left.begin(), left.end(), [](const SrvRecord &r) { return r.weight == 0; });
      while (!left.empty()) {
         std::uint32_t total = 0;
         for (const SrvRecord &r : left) total += r.weight;
         const std::uint32_t pick = std::uniform_int_distribution<std::uint32_t>(0, total)(random);
         std::size_t chosen = left.size() - 1;
         std::uint32_t running = 0;
         for (std::size_t i = 0; i < left.size(); ++i) {
            running += left[i].weight;
            if (running >= pick) {
               chosen = i;
               break;
            }
         }
         out.push_back(std::move(left[chosen]));
         left.erase(left.begin() + static_cast<std::ptrdiff_t>(chosen));
      }
      begin = end;
   }
   return out;
}

std::vector<Node> nodes_from_srv(const std::vector<SrvRecord> &ordered, const std::vector<AddressRecord> &addresses) {
   std::vector<Node> nodes;
   nodes.reserve(ordered.size());
   for (const SrvRecord &r : ordered) {
      Node n{r.target, "", r.port, r.priority, r.weight, true};
      boost::system::error_code ec;
      (void)boost::asio::ip::make_address_v4(r.target, ec);
      if (!ec) {
         n.address = r.target;
      } else {
         auto found = std::find_if(addresses.begin(), addresses.end(),
                                   [&](const AddressRecord &a) { return a.name == r.target; });
         if (found != addresses.end()) n.address = found->address;
      }
      nodes.push_back(std::move(n));
   }
   return nodes;
}

}  // namespace portier::dns
