// SPDX-License-Identifier: GPL-3.0-or-later
// Fuzzes the DNS answer reader of pbx.osv and trunk.sip (plugins/lib-dns/src/dns_message.cpp):
// whatever a resolver or an attacker on the path sends, reading ends in an answer or an error
// inside the message, and every name read back is a bounded, normal DNS name (or "." for an SRV
// target: not offered).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "broken_promise.h"
#include <portier/dns/dns_message.h>

using portier::fuzz::require;
using namespace portier::dns;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
   const std::string_view bytes(reinterpret_cast<const char *>(data), size);
   const auto parsed = parse_dns_response(bytes);
   require(parsed.answer.has_value() != !parsed.error.empty(), "an answer or an error");
   if (!parsed.answer) {
      require(parsed.offset <= size, "the error offset lies inside the message");
      return 0;
   }
   for (const auto &srv : parsed.answer->srv) {
      require(srv.target.size() <= 255, "an SRV target is a bounded name");
      // "." is the root target: the service is not offered (dns_message.h, RFC 2782).
      require(srv.target == "." || normal_dns_name(srv.target) == srv.target, "an SRV target is normalised");
   }
   for (const auto &a : parsed.answer->addresses) {
      require(a.address.size() <= 15, "an A record is a dotted quad");
   }
   // The same bytes as a name to ask for: a query is built only for a valid name.
   if (const auto query = build_dns_query(7, bytes.substr(0, 300), kDnsTypeSrv)) {
      require(query->size() <= kMaxDnsMessage, "a query fits a message");
   }
   return 0;
}
