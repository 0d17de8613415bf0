// SPDX-License-Identifier: GPL-3.0-or-later
#include <portier/dns/srv_lookup.h>

#include <algorithm>

#include <boost/asio/buffer.hpp>
#include <boost/asio/ip/address.hpp>

#include <portier/dns/dns_message.h>

namespace portier::dns {

namespace asio = boost::asio;
using udp = asio::ip::udp;

namespace {
constexpr std::int64_t kResendUs = 1000000;  // a lost datagram is asked again after a second
}

SrvLookup::SrvLookup(asio::io_context &io, Clock clock) : socket_(io), clock_(std::move(clock)) {}

SrvLookup::~SrvLookup() { cancel(); }

void SrvLookup::start(const NameServer &server, std::string name, std::int64_t timeout_ms, Done done,
                      SrvOrder order) {
   cancel();
   order_ = order;
   done_ = std::move(done);
   busy_ = true;
   srv_name_ = std::move(name);  // as configured, for messages; compared in normal form
   nodes_.clear();
   timeout_ms_ = timeout_ms;
   deadline_us_ = clock_() + timeout_ms * 1000;
   server_label_ = server.address + ":" + std::to_string(server.port);
   boost::system::error_code ec;
   const auto address = asio::ip::make_address(server.address, ec);
   if (ec) return fail("bad DNS server address " + server.address);
   const udp::endpoint endpoint(address, server.port);
   // connected: datagrams from anyone else are dropped by the kernel, and a closed port shows
   // up as an error instead of a silent wait
   socket_.open(endpoint.protocol(), ec);
   if (!ec) socket_.connect(endpoint, ec);
   if (ec) return fail("cannot reach DNS server " + server_label_ + ": " + ec.message());
   receive();
   send(srv_name_, kDnsTypeSrv);
}

void SrvLookup::cancel() {
   ++generation_;
   busy_ = false;
   boost::system::error_code ignored;
   socket_.close(ignored);
}

void SrvLookup::check() {
   if (!busy_) return;
   const std::int64_t now = clock_();
   if (now >= deadline_us_) {
      return fail("no answer from DNS server " + server_label_ + " within " + std::to_string(timeout_ms_) + " ms");
   }
   if (now - sent_us_ >= kResendUs) transmit();
}

void SrvLookup::send(std::string name, std::uint16_t type) {
   query_id_ = static_cast<std::uint16_t>(ids_());
   auto query = build_dns_query(query_id_, name, type);
   if (!query) return fail("not a valid DNS name: " + name);
   query_ = std::move(*query);
   query_name_ = std::move(name);
   query_type_ = type;
   transmit();
}

void SrvLookup::transmit() {
   sent_us_ = clock_();
   const std::uint64_t gen = generation_;
   socket_.async_send(asio::buffer(query_), [this, gen](const boost::system::error_code &ec, std::size_t) {
      if (gen != generation_ || !ec) return;
      fail("cannot send to DNS server " + server_label_ + ": " + ec.message());
   });
}

void SrvLookup::receive() {
   const std::uint64_t gen = generation_;
   socket_.async_receive(asio::buffer(buffer_), [this, gen](const boost::system::error_code &ec, std::size_t n) {
      if (gen != generation_) return;
      if (ec) return fail("DNS server " + server_label_ + ": " + ec.message());
      on_datagram(n);
   });
}

void SrvLookup::on_datagram(std::size_t size) {
   const DnsParse parsed = parse_dns_response(std::string_view(buffer_.data(), size));
   if (!parsed.answer) {
      return fail("bad answer from DNS server " + server_label_ + " at byte " + std::to_string(parsed.offset) + ": " +
                  parsed.error);
   }
   const DnsAnswer &a = *parsed.answer;
   if (a.id != query_id_ || a.question != normal_dns_name(query_name_) || a.question_type != query_type_) {
      return receive();  // an answer to an earlier (resent) query; ours may still come
   }
   if (query_type_ == kDnsTypeSrv) {
      if (a.rcode == kDnsNameError) return fail("no such name: " + srv_name_ + " (NXDOMAIN from " + server_label_ + ")");
      if (a.rcode != kDnsNoError) {
         return fail("DNS server " + server_label_ + " answered error " + std::to_string(a.rcode) + " for " + srv_name_);
      }
      const auto ordered = order_ == SrvOrder::weighted ? order_srv_weighted(a.srv, ids_) : order_srv(a.srv);
      if (ordered.empty()) return fail("no SRV records for " + srv_name_ + " at " + server_label_);
      nodes_ = nodes_from_srv(ordered, a.addresses);
   } else {
      for (Node &n : nodes_) {
         if (!n.address.empty() || n.name != normal_dns_name(query_name_)) continue;
         auto found = std::find_if(a.addresses.begin(), a.addresses.end(),
                                   [&](const AddressRecord &r) { return r.name == n.name; });
         // a CNAME chain answers with the alias's name: take any address of the answer
         if (found == a.addresses.end() && !a.addresses.empty()) found = a.addresses.begin();
         n.address = found != a.addresses.end() ? found->address : "-";
      }
   }
   next_address();
}

void SrvLookup::next_address() {
   for (const Node &n : nodes_) {
      if (n.address.empty()) {
         receive();
         return send(n.name, kDnsTypeA);
      }
   }
   LookupOutcome out;
   for (Node &n : nodes_) {
      if (n.address == "-") {
         out.notes += (out.notes.empty() ? "" : ", ") + n.name;
      } else {
         out.nodes.push_back(std::move(n));
      }
   }
   if (!out.notes.empty()) out.notes = "no address for " + out.notes;
   if (out.nodes.empty()) out.error = "no SRV target of " + srv_name_ + " has an address (" + out.notes + ")";
   finish(std::move(out));
}

void SrvLookup::fail(std::string why) {
   LookupOutcome out;
   out.error = std::move(why);
   finish(std::move(out));
}

void SrvLookup::finish(LookupOutcome outcome) {
   if (!busy_) return;
   Done done = std::move(done_);
   cancel();
   if (done) done(std::move(outcome));
}

}  // namespace portier::dns
