// SPDX-License-Identifier: GPL-3.0-or-later
// One connection's HTTP/1.1: requests read with the configured header and body limits, the front
// end's files answered (static_files.h decides, this only sends), keep-alive, and the upgrade of
// /ws to a console. Every refusal is a short text that says why, and the connection closes after
// any refusal whose request was not read completely.
#include <chrono>
#include <string>
#include <string_view>

#include "admin_routes.h"
#include "log_on.h"
#include "net.h"
#include "request_target.h"
#include "static_files.h"

namespace portier::web {
namespace {

constexpr std::chrono::seconds kIdleTimeout{30};       // a keep-alive connection waits this long for a request
constexpr std::chrono::seconds kHandshakeTimeout{10};  // TLS
constexpr std::string_view kServer = "Portier client.web";
constexpr std::size_t kMaxEchoedChars = 200;           // of a path in an error text

}  // namespace

// Not in an anonymous namespace: coroutine frames of functions with external linkage hold them.
namespace wire {

std::string_view sv(beast::string_view s) { return {s.data(), s.size()}; }
beast::string_view bsv(std::string_view s) { return {s.data(), s.size()}; }

struct ConnectionCount {
   explicit ConnectionCount(ServerContext &c) : ctx(c) { ++ctx.connections; }
   ~ConnectionCount() { --ctx.connections; }
   ConnectionCount(const ConnectionCount &) = delete;
   ConnectionCount &operator=(const ConnectionCount &) = delete;
   ServerContext &ctx;
};

http::response<http::string_body> text_answer(http::status status, unsigned version, std::string text,
                                              bool keep_alive) {
   http::response<http::string_body> res{status, version};
   res.set(http::field::server, bsv(kServer));
   res.set(http::field::content_type, "text/plain; charset=utf-8");
   res.set(http::field::cache_control, "no-store");
   res.body() = std::to_string(static_cast<unsigned>(status)) + " " + std::string(http::obsolete_reason(status)) +
                (text.empty() ? "" : ": " + text) + "\n";
   res.keep_alive(keep_alive);
   res.prepare_payload();
   return res;
}

std::string shown(std::string_view path) {
   std::string out(path.substr(0, kMaxEchoedChars));
   for (char &c : out) {
      if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = '?';
   }
   return out;
}

template <class Fields>
void file_headers(http::header<false, Fields> &h, const StaticFile &f) {
   h.set(http::field::server, bsv(kServer));
   h.set(http::field::content_type, bsv(f.content_type));
   h.set(http::field::cache_control, bsv(f.cache_control));
   h.set(http::field::etag, f.etag);
   h.set("X-Content-Type-Options", "nosniff");
   if (f.encoding != Encoding::identity) h.set(http::field::content_encoding, bsv(encoding_token(f.encoding)));
   if (f.vary) h.set(http::field::vary, "Accept-Encoding");
}

// The status for a request that could not be read, or ok when the connection just ends.
http::status read_failure_status(const beast::error_code &ec) {
   if (ec == http::error::header_limit) return http::status::request_header_fields_too_large;
   if (ec == http::error::body_limit) return http::status::payload_too_large;
   if (ec.category() == http::make_error_code(http::error::bad_target).category() && ec != http::error::end_of_stream &&
       ec != http::error::partial_message) {
      return http::status::bad_request;
   }
   return http::status::ok;
}

std::string read_failure_text(const beast::error_code &ec, const WebSettings &s) {
   if (ec == http::error::header_limit) {
      return "the request line and headers exceed " + std::to_string(s.limits.header_bytes) + " bytes";
   }
   if (ec == http::error::body_limit) return "the body exceeds " + std::to_string(s.limits.body_bytes) + " bytes";
   return "malformed request (" + ec.message() + ")";
}

template <class Response>
Task<bool> write_answer(WireStream &stream, Response &res) {
   beast::error_code ec;
   co_await http::async_write(stream, res, asio::redirect_error(kAwait, ec));
   co_return !ec && res.keep_alive();
}

// GET or HEAD of a file of the front end. Returns whether the connection stays open.
Task<bool> answer_file(ServerContext &ctx, WireStream &stream, const Request &req) {
   const StaticFile f = find_static_file(
       ctx.root, StaticRequest{sv(req.target()), sv(req[http::field::accept_encoding]), sv(req[http::field::if_none_match])});
   const bool keep = req.keep_alive();
   if (f.status == StaticFile::Status::bad_request || f.status == StaticFile::Status::not_found) {
      auto res = text_answer(f.status == StaticFile::Status::bad_request ? http::status::bad_request
                                                                         : http::status::not_found,
                             req.version(), shown(target_path(sv(req.target()))) + " (" + f.why + ")", keep);
      co_return co_await write_answer(stream, res);
   }
   if (f.status == StaticFile::Status::not_modified || req.method() == http::verb::head) {
      http::response<http::empty_body> res{
          f.status == StaticFile::Status::not_modified ? http::status::not_modified : http::status::ok, req.version()};
      file_headers(res.base(), f);
      if (f.status != StaticFile::Status::not_modified) res.content_length(f.size);
      res.keep_alive(keep);
      // HEAD: the headers of the GET, no body; the serializer must not expect one.
      http::response_serializer<http::empty_body> sr{res};
      sr.split(false);
      beast::error_code ec;
      co_await http::async_write_header(stream, sr, asio::redirect_error(kAwait, ec));
      co_return !ec && keep;
   }
   http::file_body::value_type body;
   beast::error_code ec;
   body.open(f.file.c_str(), beast::file_mode::scan, ec);
   if (ec) {
      auto res = text_answer(http::status::not_found, req.version(), shown(target_path(sv(req.target()))), keep);
      co_return co_await write_answer(stream, res);
   }
   http::response<http::file_body> res{std::piecewise_construct, std::make_tuple(std::move(body)),
                                       std::make_tuple(http::status::ok, req.version())};
   file_headers(res.base(), f);
   res.keep_alive(keep);
   res.prepare_payload();
   co_return co_await write_answer(stream, res);
}

// Requests on one connection until it closes or becomes a console.
// The upgrade of /ws: only for a logged-on session, from the page's own origin.
Task<bool> upgrade_console(ServerContext &ctx, WireStream &stream, Request &req, bool &upgraded) {
   const Session *session = session_of(ctx, req);
   std::optional<std::string> why = refuse_cross_site(ctx, req, session, true);
   if (!why && session == nullptr) {
      auto res = json_answer(http::status::unauthorized, req.version(),
                             refusal_json("unauthorized", "log on first (POST /api/session)"), false);
      co_return co_await write_answer(stream, res);
   }
   if (why) {
      auto res = json_answer(http::status::forbidden, req.version(), refusal_json("forbidden", *why), false);
      co_return co_await write_answer(stream, res);
   }
   upgraded = true;
   // A named local: GCC 12 destroys a temporary in a co_await operand twice.
   Scope scope{session->account, session->id};
   co_await run_console(ctx, std::move(stream), std::move(req), std::move(scope));
   co_return false;
}

Task<> serve_http(ServerContext &ctx, WireStream stream, std::string remote) {
   beast::flat_buffer buffer;
   for (;;) {
      http::request_parser<http::string_body> parser;
      parser.header_limit(static_cast<std::uint32_t>(ctx.settings.limits.header_bytes));
      parser.body_limit(static_cast<std::uint64_t>(ctx.settings.limits.body_bytes));
      beast::get_lowest_layer(stream).expires_after(kIdleTimeout);
      beast::error_code ec;
      co_await http::async_read(stream, buffer, parser, asio::redirect_error(kAwait, ec));
      if (ec) {
         const http::status status = read_failure_status(ec);
         if (status != http::status::ok) {
            auto res = text_answer(status, 11, read_failure_text(ec, ctx.settings), false);
            co_await write_answer(stream, res);
         }
         break;
      }
      Request req = parser.release();
      const std::string_view path = target_path(sv(req.target()));
      bool keep = false;
      if (path == "/ws") {
         if (websocket::is_upgrade(req)) {
            bool upgraded = false;
            keep = co_await upgrade_console(ctx, stream, req, upgraded);
            if (upgraded) co_return;
            if (!keep) break;
            continue;
         }
         auto res = text_answer(http::status::upgrade_required, req.version(),
                                "/ws speaks WebSocket: the console's commands and events", req.keep_alive());
         res.set(http::field::upgrade, "websocket");
         res.set(http::field::connection, "Upgrade");
         keep = co_await write_answer(stream, res);
      } else if (path == "/api/session") {
         auto res = co_await answer_session_api(ctx, req, remote);
         beast::get_lowest_layer(stream).expires_after(kIdleTimeout);  // the log-on may have waited
         keep = co_await write_answer(stream, res);
      } else if (is_admin_path(path) || path == "/metrics") {
         Response res;
         if (is_admin_path(path)) {
            res = co_await answer_admin_api(ctx, req);
         } else {
            res = co_await answer_metrics(ctx, req, remote);
         }
         beast::get_lowest_layer(stream).expires_after(kIdleTimeout);  // the core's answer may have taken a while
         keep = co_await write_answer(stream, res);
      } else if (path.substr(0, 5) == "/api/") {
         auto res = json_answer(http::status::not_found, req.version(),
                                refusal_json("not_found", "no such API: " + shown(path)), req.keep_alive());
         keep = co_await write_answer(stream, res);
      } else if (req.method() == http::verb::get || req.method() == http::verb::head) {
         keep = co_await answer_file(ctx, stream, req);
      } else {
         auto res = text_answer(http::status::method_not_allowed, req.version(),
                                std::string(sv(req.method_string()).substr(0, 32)) + " (files take GET and HEAD)",
                                req.keep_alive());
         res.set(http::field::allow, "GET, HEAD");
         keep = co_await write_answer(stream, res);
      }
      if (!keep) break;
   }
   beast::error_code ignored;
   beast::get_lowest_layer(stream).socket().shutdown(Socket::shutdown_send, ignored);
}

}  // namespace wire

using wire::ConnectionCount;
using wire::serve_http;

Task<> serve_connection(ServerContext &ctx, Socket socket) {
   ConnectionCount counted(ctx);
   beast::error_code peer_ec;
   const auto peer = socket.remote_endpoint(peer_ec);
   std::string remote = peer_ec ? std::string("unknown") : peer.address().to_string();
   try {
      if (ctx.tls != nullptr) {
         TlsStream stream(std::move(socket), *ctx.tls);
         beast::get_lowest_layer(stream).expires_after(kHandshakeTimeout);
         beast::error_code ec;
         co_await stream.async_handshake(asio::ssl::stream_base::server,
                                         asio::redirect_error(kAwait, ec));
         if (ec) co_return;  // plain HTTP on the TLS port, a scanner, a timeout
         co_await serve_http(ctx, WireStream(std::move(stream)), std::move(remote));
      } else {
         co_await serve_http(ctx, WireStream(PlainStream(std::move(socket))), std::move(remote));
      }
   } catch (const std::exception &e) {
      ctx.host.warn(std::string("client.web: connection ended by an error: ") + e.what());
   }
}

}  // namespace portier::web
