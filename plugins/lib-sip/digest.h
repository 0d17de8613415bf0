// SPDX-License-Identifier: GPL-3.0-or-later
// HTTP Digest for SIP (RFC 2617, RFC 7616 with MD5; RFC 3261 22.4): read a WWW-Authenticate or
// Proxy-Authenticate challenge, answer it with an Authorization or Proxy-Authorization value.
// qop=auth (with nc and cnonce) and the RFC 2069 form without qop.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace portier::sip {

struct DigestChallenge {
   std::string realm;
   std::string nonce;
   std::string opaque;
   std::string algorithm = "MD5";
   std::vector<std::string> qop;  // offered qop values, e.g. {"auth", "auth-int"}
   bool stale = false;
};

struct DigestParse {
   std::optional<DigestChallenge> challenge;
   std::string error;
};

// `value` is the header value: `Digest realm="...", nonce="...", qop="auth"`. At most 4 KiB.
DigestParse parse_digest_challenge(std::string_view value);

struct DigestAnswer {
   std::string username;
   std::string password;
   std::string method;  // the request's method
   std::string uri;     // the request's Request-URI
   std::uint32_t nc = 1;
   std::string cnonce;  // used when qop=auth is offered; new_tag() makes a good one
};

// The Authorization / Proxy-Authorization value; empty when the challenge's algorithm is not MD5.
std::string digest_authorization(const DigestChallenge &challenge, const DigestAnswer &answer);

std::string md5_hex(std::string_view text);

}  // namespace portier::sip
