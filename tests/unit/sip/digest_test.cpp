// SPDX-License-Identifier: GPL-3.0-or-later
#include <catch2/catch.hpp>

#include "digest.h"

using namespace portier::sip;

TEST_CASE("RFC 2617's worked example gives its response with qop=auth") {
   DigestParse parsed = parse_digest_challenge(
      "Digest realm=\"testrealm@host.com\", qop=\"auth,auth-int\", nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", "
      "opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"");
   REQUIRE(parsed.challenge);
   CHECK(parsed.challenge->qop == std::vector<std::string>{"auth", "auth-int"});
   std::string value = digest_authorization(*parsed.challenge, {"Mufasa", "Circle Of Life", "GET", "/dir/index.html", 1, "0a4f113b"});
   CHECK(value.find("response=\"6629fae49393a05397450978507c4ef1\"") != std::string::npos);
   CHECK(value.find("nc=00000001") != std::string::npos);
   CHECK(value.find("cnonce=\"0a4f113b\"") != std::string::npos);
   CHECK(value.find("opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"") != std::string::npos);
}

TEST_CASE("a challenge without qop is answered in the RFC 2069 form") {
   DigestParse parsed = parse_digest_challenge("Digest realm=\"testrealm@host.com\", nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\"");
   REQUIRE(parsed.challenge);
   std::string value = digest_authorization(*parsed.challenge, {"Mufasa", "Circle Of Life", "GET", "/dir/index.html", 1, "x"});
   // MD5(HA1:nonce:HA2) of the RFC 2617 values
   std::string ha1 = md5_hex("Mufasa:testrealm@host.com:Circle Of Life");
   std::string ha2 = md5_hex("GET:/dir/index.html");
   CHECK(value.find("response=\"" + md5_hex(ha1 + ":dcd98b7102dd2f0e8b11d0f600bfb0c093:" + ha2) + "\"") != std::string::npos);
   CHECK(value.find("qop") == std::string::npos);
   CHECK(value.find("cnonce") == std::string::npos);
}

TEST_CASE("md5_hex matches the RFC 1321 test vector") { CHECK(md5_hex("abc") == "900150983cd24fb0d6963f7d28e17f72"); }

TEST_CASE("a challenge of another scheme, without nonce, or unterminated is refused with the reason") {
   CHECK(parse_digest_challenge("Basic realm=\"x\"").error.find("not Digest") != std::string::npos);
   CHECK(parse_digest_challenge("Digest realm=\"x\"").error.find("no nonce") != std::string::npos);
   CHECK_FALSE(parse_digest_challenge("Digest realm=\"x\" nonce=\"1\"").challenge);
   CHECK_FALSE(parse_digest_challenge("Digest nonce=\"abc").challenge);
   CHECK_FALSE(parse_digest_challenge(std::string(5000, 'a')).challenge);
}

TEST_CASE("an algorithm other than MD5 gets no answer") {
   DigestParse parsed = parse_digest_challenge("Digest realm=\"r\", nonce=\"n\", algorithm=SHA-256, stale=TRUE");
   REQUIRE(parsed.challenge);
   CHECK(parsed.challenge->stale);
   CHECK(digest_authorization(*parsed.challenge, {"u", "p", "REGISTER", "sip:r", 1, "c"}).empty());
}
