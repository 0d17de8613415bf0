// SPDX-License-Identifier: GPL-3.0-or-later
// Faults the simulated OpenScape Voice can be told to commit, one text line each (the script
// mode and the plugin settings pass these lines through unchanged, so the grammar is a contract):
//
//   error <Request|*> <category>/<value> [times N|always]   answer with CSTAErrorCode
//   delay <Request|*> <ms> [times N|always]                 answer late
//   drop <Request|*> [times N|always]                       never answer
//   reset | oversized | malformed | truncated               at once, on every connection
//   noise on|off                                            private-data noise in every event
//   clear                                                   forget every rule
//
// <Request> is a request's element local name (MakeCall, SystemStatus, ...); `*` is any request.
// Words are separated by spaces or tabs and are case-sensitive. Also here: the bytes each
// one-shot fault sends, so a test can check them without a socket.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace portier::pbxsim {

enum class FaultKind { error, delay, drop, reset, oversized, malformed, truncated, noise, clear };

inline constexpr std::uint32_t kAlways = 0xFFFFFFFFu;    // `times always`
inline constexpr std::uint32_t kMaxDelayMs = 600000;     // ten minutes
inline constexpr std::uint32_t kMaxTimes = 1000000;
inline constexpr std::size_t kMaxFaultLine = 1024;

struct Fault {
   FaultKind kind = FaultKind::clear;
   std::string request;          // error, delay, drop: a request's local name or "*"
   std::string category;         // error: one of the eight ECMA-269 categories
   std::string value;            // error: the value inside it, e.g. "invalidCallID"
   std::uint32_t delay_ms = 0;   // delay
   std::uint32_t times = 1;      // error, delay, drop: matching requests it applies to, or kAlways
   bool on = false;              // noise
   bool operator==(const Fault &) const = default;
};

// Parses one line of the grammar; std::nullopt with `error` set to what is wrong and at which
// word when it is not valid, e.g. `word 3 ("operation"): expected <category>/<value>`.
std::optional<Fault> parse_fault(std::string_view line, std::string &error);

// True when a rule for `pattern` ("*" or a local name) applies to the request `request`.
bool fault_matches(std::string_view pattern, std::string_view request);

// The local name of a document's root element ("" when none is found in the first bytes):
// `<csta:MakeCall xmlns:csta=...>` -> "MakeCall".
std::string_view root_local_name(std::string_view xml);

// `event_xml` with vendor noise a tolerant parser must skip: an unknown vendor element in a
// foreign namespace first, and `<extensions><privateData>` (Siemens namespace, with elements
// named like real fields inside) last. A document it cannot place noise into comes back as is.
std::string with_noise(std::string_view event_xml);

// Whole byte sequences of the one-shot faults (csta-famos.md 1.2 framing):
// a header whose first four bytes, read as one 32-bit length as a sender with a wider length
// field writes it, announce a frame of more than 65535 bytes (the 16-bit limit, the client's
// bound), followed by all of that frame;
std::string oversized_frame();
// a correctly framed event (invoke id 9999) whose body is not well-formed XML;
std::string malformed_frame();
// a header announcing a whole event, then only part of it (the caller closes the link after).
std::string truncated_frame();

}  // namespace portier::pbxsim
