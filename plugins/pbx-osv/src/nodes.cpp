// SPDX-License-Identifier: GPL-3.0-or-later
#include "nodes.h"

#include <algorithm>
#include <tuple>

#include <boost/asio/ip/address_v4.hpp>

namespace portier::osv {

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

}  // namespace portier::osv
