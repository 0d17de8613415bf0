// SPDX-License-Identifier: GPL-3.0-or-later
// The few DNS messages the plugins need to find a service through SRV (RFC 1035, RFC 2782):
// a query for one name and type, and a bounded reader of the answer's SRV and A records. No I/O.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace portier::dns {

inline constexpr std::uint16_t kDnsTypeA = 1;
inline constexpr std::uint16_t kDnsTypeSrv = 33;
inline constexpr std::uint16_t kDnsNoError = 0;
inline constexpr std::uint16_t kDnsNameError = 3;  // NXDOMAIN
inline constexpr std::size_t kMaxDnsMessage = 4096;

struct SrvRecord {
   std::uint16_t priority = 0;
   std::uint16_t weight = 0;
   std::uint16_t port = 0;
   std::string target;  // lower case, no trailing dot; "." when the service is not offered
   bool operator==(const SrvRecord &) const = default;
};

struct AddressRecord {
   std::string name;     // lower case, no trailing dot
   std::string address;  // dotted quad
   bool operator==(const AddressRecord &) const = default;
};

struct DnsAnswer {
   std::uint16_t id = 0;
   std::uint16_t rcode = 0;
   bool truncated = false;
   std::string question;  // the name asked for, lower case
   std::uint16_t question_type = 0;
   std::vector<SrvRecord> srv;              // from the answer section
   std::vector<AddressRecord> addresses;    // A records from the answer and additional sections
};

struct DnsParse {
   std::optional<DnsAnswer> answer;
   std::string error;       // set when answer is empty
   std::size_t offset = 0;  // byte where reading failed
};

// A recursive query (RD set) for `name`; nullopt when the name is not a valid DNS name
// (empty label, label over 63 bytes, name over 253 bytes).
std::optional<std::string> build_dns_query(std::uint16_t id, std::string_view name, std::uint16_t type);

// Reads a response of at most kMaxDnsMessage bytes. Compressed names follow at most 16 pointers,
// each pointing backwards; records of other types and classes are skipped.
DnsParse parse_dns_response(std::string_view bytes);

// "example.com." and "Example.COM" both become "example.com".
std::string normal_dns_name(std::string_view name);

}  // namespace portier::dns
