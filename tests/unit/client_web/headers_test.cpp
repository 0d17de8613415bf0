// SPDX-License-Identifier: GPL-3.0-or-later
// Content types, cache policy, Accept-Encoding and ETags.
#include <catch2/catch.hpp>

#include "accept_encoding.h"
#include "cache_policy.h"
#include "content_type.h"
#include "etag.h"

namespace web = portier::web;

TEST_CASE("files get the content type of their extension, whatever its case") {
   CHECK(web::content_type_for("index.html") == "text/html; charset=utf-8");
   CHECK(web::content_type_for("assets/app-1a2b3c4d.js") == "text/javascript; charset=utf-8");
   CHECK(web::content_type_for("assets/app.CSS") == "text/css; charset=utf-8");
   CHECK(web::content_type_for("fonts/inter.woff2") == "font/woff2");
   CHECK(web::content_type_for("logo.svg") == "image/svg+xml");
   CHECK(web::content_type_for("README") == "application/octet-stream");
   CHECK(web::content_type_for("v1.2/data.unknown") == "application/octet-stream");
}

TEST_CASE("hashed bundles under assets/ are immutable, everything else is revalidated") {
   CHECK(web::cache_control_for("assets/index-BTi6c9Xw.js") == web::kCacheImmutable);
   CHECK(web::cache_control_for("assets/index-4f3a2b1c.css") == web::kCacheImmutable);
   CHECK(web::cache_control_for("assets/fonts/inter.a1b2c3d4e5.woff2") == web::kCacheImmutable);
   CHECK(web::cache_control_for("index.html") == web::kCacheRevalidate);
   CHECK(web::cache_control_for("assets/component-template.js") == web::kCacheRevalidate);
   CHECK(web::cache_control_for("assets/logo.svg") == web::kCacheRevalidate);
   CHECK(web::cache_control_for("app-BTi6c9Xw.js") == web::kCacheRevalidate);  // not under assets/
}

TEST_CASE("a precompressed copy is chosen only when the browser accepts it") {
   using web::Encoding;
   CHECK(web::choose_encoding("gzip, deflate, br", true, true) == Encoding::br);
   CHECK(web::choose_encoding("gzip, deflate", true, true) == Encoding::gzip);
   CHECK(web::choose_encoding("gzip, deflate, br", false, true) == Encoding::gzip);
   CHECK(web::choose_encoding("GZIP", false, true) == Encoding::gzip);
   CHECK(web::choose_encoding("", true, true) == Encoding::identity);
   CHECK(web::choose_encoding("gzip;q=0, br;q=0.0", true, true) == Encoding::identity);
   CHECK(web::choose_encoding("*", false, true) == Encoding::gzip);
   CHECK(web::choose_encoding("*, gzip;q=0", false, true) == Encoding::identity);
   CHECK(web::choose_encoding("deflate", true, true) == Encoding::identity);
   CHECK(web::choose_encoding(std::string(2000, ' ') + "gzip", false, true) == Encoding::identity);
}

TEST_CASE("an ETag differs by size, time and coding, and If-None-Match finds it in a list") {
   const std::string plain = web::make_etag(100, 1700000000123456789, "");
   const std::string gz = web::make_etag(100, 1700000000123456789, "gzip");
   CHECK(plain != gz);
   CHECK(plain != web::make_etag(101, 1700000000123456789, ""));
   CHECK(plain.front() == '"');
   CHECK(plain.back() == '"');
   CHECK(web::none_match_hits(plain, plain));
   CHECK(web::none_match_hits("\"x\", " + gz + " ,\"y\"", gz));
   CHECK(web::none_match_hits("W/" + plain, plain));
   CHECK(web::none_match_hits("*", plain));
   CHECK_FALSE(web::none_match_hits(gz, plain));
   CHECK_FALSE(web::none_match_hits("garbage", plain));
   CHECK_FALSE(web::none_match_hits("\"unterminated", plain));
}
