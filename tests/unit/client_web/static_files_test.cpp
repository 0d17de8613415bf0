// SPDX-License-Identifier: GPL-3.0-or-later
// The file that answers a GET, on a real directory (a temporary one per test).
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "static_files.h"

namespace fs = std::filesystem;
using portier::web::find_static_file;
using portier::web::StaticFile;
using portier::web::StaticRequest;

namespace {

constexpr std::string_view kIndex = "<!doctype html><title>console</title>";

// A front end on disk: index.html, a hashed bundle with its .gz copy, and beside the root a
// secret that a symlink inside points at.
class FrontEnd {
public:
   FrontEnd() {
      std::string pattern = (fs::temp_directory_path() / "portier-web-test.XXXXXX").string();
      base_ = mkdtemp(pattern.data());
      root_ = base_ / "root";
      fs::create_directories(root_ / "assets");
      write(root_ / "index.html", kIndex);
      write(root_ / "assets/app-4f3a2b1c.js", "console.log('hello');");
      write(root_ / "assets/app-4f3a2b1c.js.gz", "gzipped bytes");
      write(base_ / "secret.txt", "not for browsers");
      fs::create_symlink(base_ / "secret.txt", root_ / "leak.txt");
      fs::create_directory_symlink(base_, root_ / "up");
      root_ = fs::canonical(root_);
   }
   ~FrontEnd() {
      std::error_code ec;
      fs::remove_all(base_, ec);
   }
   const fs::path &root() const { return root_; }

   StaticFile get(std::string_view target, std::string_view accept = "", std::string_view none_match = "") const {
      return find_static_file(root_, StaticRequest{target, accept, none_match});
   }

private:
   static void write(const fs::path &p, std::string_view text) { std::ofstream(p) << text; }
   fs::path base_;
   fs::path root_;
};

}  // namespace

TEST_CASE("the root answers with index.html, revalidated, with an ETag") {
   FrontEnd fe;
   const StaticFile f = fe.get("/");
   REQUIRE(f.status == StaticFile::Status::ok);
   CHECK(f.file == fe.root() / "index.html");
   CHECK(f.content_type == "text/html; charset=utf-8");
   CHECK(f.cache_control == "no-cache");
   CHECK_FALSE(f.etag.empty());
   CHECK(f.size == kIndex.size());
   CHECK_FALSE(f.vary);
}

TEST_CASE("a hashed bundle is served gzipped to a browser that accepts gzip, with Vary") {
   FrontEnd fe;
   const StaticFile plain = fe.get("/assets/app-4f3a2b1c.js");
   REQUIRE(plain.status == StaticFile::Status::ok);
   CHECK(plain.encoding == portier::web::Encoding::identity);
   CHECK(plain.vary);
   CHECK(plain.cache_control == "public, max-age=31536000, immutable");

   const StaticFile gz = fe.get("/assets/app-4f3a2b1c.js", "gzip, br");
   REQUIRE(gz.status == StaticFile::Status::ok);
   CHECK(gz.encoding == portier::web::Encoding::gzip);
   CHECK(gz.file == fe.root() / "assets/app-4f3a2b1c.js.gz");
   CHECK(gz.content_type == "text/javascript; charset=utf-8");
   CHECK(gz.etag != plain.etag);
}

TEST_CASE("If-None-Match with the current ETag gives 304") {
   FrontEnd fe;
   const StaticFile first = fe.get("/index.html");
   CHECK(fe.get("/index.html", "", first.etag).status == StaticFile::Status::not_modified);
   CHECK(fe.get("/index.html", "", "\"stale\"").status == StaticFile::Status::ok);
}

TEST_CASE("a route of the single-page app is answered by index.html, a missing asset is not") {
   FrontEnd fe;
   const StaticFile route = fe.get("/queue/calls");
   REQUIRE(route.status == StaticFile::Status::ok);
   CHECK(route.relative == "index.html");
   CHECK(fe.get("/assets/missing-4f3a2b1c.js").status == StaticFile::Status::not_found);
   CHECK(fe.get("/favicon.ico").status == StaticFile::Status::not_found);
}

TEST_CASE("a symlink that points out of the root is not found") {
   FrontEnd fe;
   CHECK(fe.get("/leak.txt").status == StaticFile::Status::not_found);
   CHECK(fe.get("/up/secret.txt").status == StaticFile::Status::not_found);
}

TEST_CASE("escapes from the root are not found and never fall back to index.html") {
   FrontEnd fe;
   for (const char *target : {"/../secret.txt", "/%2e%2e/secret.txt", "/..%2fsecret.txt"}) {
      CAPTURE(target);
      const StaticFile f = fe.get(target);
      CHECK(f.status == StaticFile::Status::not_found);
      CHECK(f.file.empty());
   }
   CHECK(fe.get("/a%zz").status == StaticFile::Status::bad_request);
}
