// SPDX-License-Identifier: GPL-3.0-or-later
// The I/O thread's shared parts, for the three files that use Beast (server.cpp,
// http_session.cpp, console_session.cpp) and nothing else: Beast is what makes a file slow to
// compile.
#pragma once

#include <utility>  // before asio: Boost 1.74 misses it under C++20

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/beast/websocket/ssl.hpp>
#include <portier/host.hpp>

#include "hub.h"
#include "log_on.h"
#include "metrics_figures.h"
#include "session_table.h"
#include "settings.h"
#include "wire_stream.h"

namespace portier::web {

namespace http = beast::http;
namespace websocket = beast::websocket;
// (asio, beast, tcp, Executor, Socket and the streams: wire_stream.h)
template <class T = void>
using Task = asio::awaitable<T, Executor>;
inline constexpr asio::use_awaitable_t<Executor> kAwait{};
using Acceptor = asio::basic_socket_acceptor<tcp, Executor>;
using SteadyTimer =
    asio::basic_waitable_timer<std::chrono::steady_clock, asio::wait_traits<std::chrono::steady_clock>, Executor>;
using Request = http::request<http::string_body>;
using Response = http::response<http::string_body>;

// What every connection of one server shares; lives on the I/O thread.
struct ServerContext {
   ServerContext(Host h, WebSettings s, std::filesystem::path r, const portier_host_client_v1 *client)
       : host(h),
         settings(std::move(s)),
         root(std::move(r)),
         hub(h, client),
         sessions(SessionLimits{std::chrono::minutes(settings.sessions.idle_minutes),
                                std::chrono::hours(settings.sessions.max_hours),
                                static_cast<std::size_t>(settings.sessions.per_account)}) {}

   Host host;
   WebSettings settings;
   std::filesystem::path root;   // canonical
   Hub hub;
   SessionTable sessions;
   asio::ssl::context *tls = nullptr;  // set: every connection starts with a TLS handshake
   std::size_t connections = 0;        // open, HTTP and WebSocket
   MetricsCounters metrics;            // events received, slow consoles closed (/metrics)
};

// One accepted connection: the TLS handshake when configured, then HTTP requests until the
// peer leaves or upgrades to a console at /ws. (http_session.cpp)
Task<> serve_connection(ServerContext &ctx, Socket socket);

// A console of a logged-on session on an upgraded connection, until it closes.
// (console_session.cpp)
Task<> run_console(ServerContext &ctx, WireStream stream, Request request, Scope scope);

// Sessions over HTTP (session_api.cpp). The peer's address is `remote`.
// The live session the request's cookie names, its idle clock restarted; nullptr for none.
const Session *session_of(ServerContext &ctx, const Request &req);
// A refusal of a request another site may have made (Origin, X-CSRF-Token), or nullopt.
std::optional<std::string> refuse_cross_site(const ServerContext &ctx, const Request &req, const Session *session,
                                             bool csrf_exempt);
// POST, GET and DELETE of /api/session.
Task<Response> answer_session_api(ServerContext &ctx, const Request &req, std::string remote);
// A JSON answer, never cached.
Response json_answer(http::status status, unsigned version, std::string body, bool keep_alive);
// Ends a session: the core's audit log learns why, its consoles close with `code`.
void end_session(ServerContext &ctx, const Session &s, EndReason reason, std::uint16_t code,
                 const std::string &close_reason);
// Ends every session idle or old beyond the limits (the expiry timer, every 30 s), and writes
// the last-seen of active sessions through to the core (at most once a minute each).
void expire_sessions(ServerContext &ctx);
// Takes back the sessions the core kept over a restart (session_list); before the first accept.
Task<> restore_sessions(ServerContext &ctx);
// A question of the plugin's own to the core (hub.ask), awaited: its answer text, or nullopt when
// none came within the timeout. (session_api.cpp)
Task<std::optional<std::string>> ask_core(ServerContext &ctx, std::string command);

// /api/admin/...: the administrators' REST API, for a logged-on manager (admin_api.cpp).
Task<Response> answer_admin_api(ServerContext &ctx, const Request &req);
// GET /metrics: Prometheus text, for the peers the settings allow (metrics_api.cpp).
Task<Response> answer_metrics(ServerContext &ctx, const Request &req, std::string remote);

}  // namespace portier::web
