// SPDX-License-Identifier: GPL-3.0-or-later
#include "static_files.h"

#include <chrono>
#include <optional>
#include <system_error>

#include "cache_policy.h"
#include "content_type.h"
#include "etag.h"
#include "request_target.h"

namespace portier::web {
namespace {

namespace fs = std::filesystem;

// The real path of `candidate` when it is a regular file inside `root`.
std::optional<fs::path> inside_root(const fs::path &root, const fs::path &candidate) {
   std::error_code ec;
   const fs::path real = fs::canonical(candidate, ec);
   if (ec) return std::nullopt;
   const fs::path rel = real.lexically_relative(root);
   if (rel.empty() || *rel.begin() == "..") return std::nullopt;
   if (!fs::is_regular_file(real, ec) || ec) return std::nullopt;
   return real;
}

bool looks_like_route(std::string_view relative) {
   const std::size_t slash = relative.rfind('/');
   const std::string_view last = slash == std::string_view::npos ? relative : relative.substr(slash + 1);
   return last.find('.') == std::string_view::npos;
}

StaticFile refused(StaticFile::Status status, std::string why) {
   StaticFile out;
   out.status = status;
   out.why = std::move(why);
   return out;
}

}  // namespace

StaticFile find_static_file(const fs::path &root, const StaticRequest &request) {
   const TargetPath target = map_target(request.target);
   if (target.kind == TargetPath::Kind::bad_request) return refused(StaticFile::Status::bad_request, target.why);
   if (target.kind == TargetPath::Kind::not_found) return refused(StaticFile::Status::not_found, target.why);

   std::string relative = target.relative;
   std::optional<fs::path> real = inside_root(root, root / relative);
   if (!real && looks_like_route(relative)) {
      relative = "index.html";
      real = inside_root(root, root / relative);
   }
   if (!real) return refused(StaticFile::Status::not_found, "no such file");

   StaticFile out;
   out.relative = relative;
   out.content_type = content_type_for(relative);
   out.cache_control = cache_control_for(relative);
   const std::string base = (root / relative).string();
   const std::optional<fs::path> br = inside_root(root, base + ".br");
   const std::optional<fs::path> gz = inside_root(root, base + ".gz");
   out.vary = br.has_value() || gz.has_value();
   out.encoding = choose_encoding(request.accept_encoding, br.has_value(), gz.has_value());
   out.file = out.encoding == Encoding::br ? *br : out.encoding == Encoding::gzip ? *gz : *real;

   std::error_code ec;
   out.size = fs::file_size(out.file, ec);
   if (ec) return refused(StaticFile::Status::not_found, "cannot read the file");
   const auto mtime = fs::last_write_time(out.file, ec);
   if (ec) return refused(StaticFile::Status::not_found, "cannot read the file");
   const auto mtime_ns = std::chrono::duration_cast<std::chrono::nanoseconds>(mtime.time_since_epoch()).count();
   out.etag = make_etag(out.size, static_cast<std::int64_t>(mtime_ns), encoding_token(out.encoding));
   out.status = !request.if_none_match.empty() && none_match_hits(request.if_none_match, out.etag)
                    ? StaticFile::Status::not_modified
                    : StaticFile::Status::ok;
   return out;
}

}  // namespace portier::web
