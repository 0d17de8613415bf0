// SPDX-License-Identifier: GPL-3.0-or-later
// /api/session over HTTP: log-on (POST) asks the core through the hub and parks the response
// until its answer comes back; GET shows the session; DELETE logs off. Cookies, CSRF and origin
// checks are decided in the logic part (cookies.h, request_guard.h, log_on.h); this only speaks
// HTTP. Every start, end and (throttled) last-seen of a session is written through to the core
// (saved_sessions.h), which gives them back at the next start. docs/client-web.md "Sessions".
#include <chrono>
#include <memory>
#include <string>
#include <string_view>
#include <variant>

#include "cookies.h"
#include "net.h"
#include "request_guard.h"
#include "saved_sessions.h"

namespace portier::web {
namespace {

constexpr std::chrono::seconds kCoreAnswerTimeout{15};  // argon2id takes ~0.1 s; a queue of 16 a few s
constexpr const char *kServer = "Portier client.web";
// A session's last-seen goes to the core at most this often: after a restart its idle clock may
// have lost up to this much, never gained.
constexpr std::chrono::seconds kLastSeenSaveEvery{60};

std::string_view sv(beast::string_view s) { return {s.data(), s.size()}; }

std::optional<std::string_view> header_if_present(const Request &req, http::field f) {
   const auto it = req.find(f);
   if (it == req.end()) return std::nullopt;
   return sv(it->value());
}

bool is_json(const Request &req) {
   const std::string_view type = sv(req[http::field::content_type]);
   const std::string_view base = type.substr(0, type.find(';'));
   return base == "application/json";
}

// The core's answer to the plugin's own write-through: a failure costs only the session's
// survival of a restart, so it is logged, not retried.
void tell_core(ServerContext &ctx, std::string command, const char *what) {
   ctx.hub.ask(std::move(command), [host = ctx.host, what](std::string answer) {
      if (answer.find("\"ok\":true") == std::string::npos) {
         host.warn(std::string("client.web: the core did not keep ") + what + ": " + answer.substr(0, 200));
      }
   });
}

void save_session(ServerContext &ctx, const Session &s) {
   tell_core(ctx, session_save_command(s, ctx.sessions.expires_at(s), ClockPair::now()), "a session");
}

}  // namespace

// Not in an anonymous namespace: coroutine frames of functions with external linkage hold them.
namespace session_wire {

// Where the answer of the core lands; owned by the waiting request, the hub holds a weak_ptr.
struct Parked {
   explicit Parked(Executor ex) : wake(ex) {}
   std::optional<std::string> answer;
   SteadyTimer wake;
};

}  // namespace session_wire

Task<std::optional<std::string>> ask_core(ServerContext &ctx, std::string command) {
   using session_wire::Parked;
   auto parked = std::make_shared<Parked>(co_await asio::this_coro::executor);
   parked->wake.expires_after(kCoreAnswerTimeout);
   ctx.hub.ask(std::move(command), [weak = std::weak_ptr<Parked>(parked)](std::string text) {
      if (auto p = weak.lock()) {
         p->answer = std::move(text);
         p->wake.cancel();
      }
   });
   if (!parked->answer) {
      beast::error_code ec;
      co_await parked->wake.async_wait(asio::redirect_error(kAwait, ec));
   }
   co_return parked->answer;
}

namespace session_wire {

Task<Response> log_on(ServerContext &ctx, const Request &req, std::string remote) {
   const unsigned v = req.version();
   const bool keep = req.keep_alive();
   if (!is_json(req)) {
      co_return json_answer(http::status::unsupported_media_type, v,
                            refusal_json("invalid", "log-on takes Content-Type: application/json"), keep);
   }
   auto body = read_log_on_body(req.body());
   if (auto *bad = std::get_if<Invalid>(&body)) {
      co_return json_answer(http::status::bad_request, v, refusal_json("invalid", bad->message), keep);
   }
   // Named locals in co_await operands: GCC 12 destroys temporaries there twice.
   std::string command = authenticate_command(std::get<LogOnRequest>(body), remote);
   const auto answer = co_await ask_core(ctx, std::move(command));
   if (!answer) {
      co_return json_answer(http::status::service_unavailable, v,
                            refusal_json("unavailable", "the core did not answer the log-on in time"), keep);
   }
   auto result = read_authenticate_answer(*answer);
   if (auto *refused = std::get_if<LogOnRefused>(&result)) {
      Response res = json_answer(static_cast<http::status>(log_on_status(refused->error)), v,
                                 refusal_json(refused->error, refused->message, refused->retry_after_ms), keep);
      if (refused->error == "locked") res.set(http::field::retry_after, std::to_string(retry_after_seconds(refused->retry_after_ms)));
      co_return res;
   }
   // A new id at every log-on: a session id planted before it (fixation) is worth nothing.
   const auto now = std::chrono::steady_clock::now();
   if (auto old = find_cookie(sv(req[http::field::cookie]), kSessionCookie)) {
      if (const Session *s = ctx.sessions.find(*old, now)) {
         const Session ended = *s;
         ctx.sessions.end(*old);
         end_session(ctx, ended, EndReason::closed, 1000, "session replaced by a new log-on");
      }
   }
   auto opened = ctx.sessions.open(std::get<Account>(result), remote, now);
   if (!opened) {
      co_return json_answer(http::status::service_unavailable, v,
                            refusal_json("unavailable", "no random session id could be made"), keep);
   }
   for (const Session &old : opened->ended) {
      end_session(ctx, old, EndReason::closed, 1008, "too many sessions of this account");
   }
   save_session(ctx, opened->session);
   Response res = json_answer(http::status::ok, v, session_json(opened->session.account, opened->session.csrf), keep);
   res.set(http::field::set_cookie, session_cookie(opened->session.id, ctx.tls != nullptr));
   co_return res;
}

}  // namespace session_wire

Response json_answer(http::status status, unsigned version, std::string body, bool keep_alive) {
   Response res{status, version};
   res.set(http::field::server, kServer);
   res.set(http::field::content_type, "application/json");
   res.set(http::field::cache_control, "no-store");
   res.set("X-Content-Type-Options", "nosniff");
   res.body() = std::move(body);
   res.keep_alive(keep_alive);
   res.prepare_payload();
   return res;
}

const Session *session_of(ServerContext &ctx, const Request &req) {
   const auto id = find_cookie(sv(req[http::field::cookie]), kSessionCookie);
   if (!id) return nullptr;
   return ctx.sessions.touch(*id, std::chrono::steady_clock::now());
}

std::optional<std::string> refuse_cross_site(const ServerContext &ctx, const Request &req, const Session *session,
                                             bool csrf_exempt) {
   GuardInput in;
   in.method = sv(req.method_string());
   in.origin = header_if_present(req, http::field::origin);
   in.host = sv(req[http::field::host]);
   in.tls = ctx.tls != nullptr;
   in.csrf_header = sv(req[beast::string_view(kCsrfHeader.data(), kCsrfHeader.size())]);
   if (session != nullptr) in.csrf = session->csrf;
   in.csrf_exempt = csrf_exempt;
   return refuse_request(in);
}

void end_session(ServerContext &ctx, const Session &s, EndReason reason, std::uint16_t code,
                 const std::string &close_reason) {
   ctx.hub.ask(session_ended_command(s.account, s.remote, reason), [host = ctx.host](std::string answer) {
      if (answer.find("\"ok\":true") == std::string::npos) {
         host.warn("client.web: the audit log did not take a session's end: " + answer.substr(0, 200));
      }
   });
   tell_core(ctx, session_drop_command(s.id_hash), "the end of a session");
   if (!s.id.empty()) ctx.hub.close_session(s.id, code, close_reason);
}

void expire_sessions(ServerContext &ctx) {
   for (const Session &s : ctx.sessions.expire(std::chrono::steady_clock::now())) {
      end_session(ctx, s, EndReason::expired, 1008, "session expired");
   }
   for (const Session &s : ctx.sessions.due_saves(kLastSeenSaveEvery)) save_session(ctx, s);
}

Task<> restore_sessions(ServerContext &ctx) {
   // The I/O thread may ask before the host has finished starting the plugins; such a request is
   // refused at once ("unavailable"), so it is asked again for a while before giving up.
   constexpr std::chrono::milliseconds kRetry{50};
   constexpr int kAttempts = 200;  // 10 s
   std::optional<std::string> answer;
   for (int attempt = 1;; ++attempt) {
      std::string command = session_list_command();  // named: see log_on
      answer = co_await ask_core(ctx, std::move(command));
      if (!answer || !core_not_ready(*answer) || attempt == kAttempts) break;
      SteadyTimer wait(co_await asio::this_coro::executor);
      wait.expires_after(kRetry);
      beast::error_code ec;
      co_await wait.async_wait(asio::redirect_error(kAwait, ec));
      if (ec) co_return;  // the I/O thread stops
   }
   if (!answer) {
      ctx.host.warn("client.web: the core did not list the kept sessions in time; every console logs on again");
      co_return;
   }
   const ClockPair now = ClockPair::now();
   auto listed = read_session_list(*answer, now);
   if (auto *why = std::get_if<std::string>(&listed)) {
      ctx.host.warn("client.web: the kept sessions cannot be read (" + *why + "); every console logs on again");
      co_return;
   }
   std::size_t restored = 0;
   for (Session &s : std::get<std::vector<Session>>(listed)) {
      if (ctx.sessions.restore(std::move(s), now.steady)) ++restored;
   }
   // Not a log-on: the audit log keeps the original log_on row and will get the session's end.
   if (restored > 0) ctx.host.info("client.web: sessions kept over the restart: " + std::to_string(restored));
}

Task<Response> answer_session_api(ServerContext &ctx, const Request &req, std::string remote) {
   const unsigned v = req.version();
   const bool keep = req.keep_alive();
   const auto method = req.method();
   if (method != http::verb::get && method != http::verb::post && method != http::verb::delete_) {
      Response res = json_answer(http::status::method_not_allowed, v,
                                 refusal_json("invalid", "/api/session takes GET, POST and DELETE"), keep);
      res.set(http::field::allow, "GET, POST, DELETE");
      co_return res;
   }
   const Session *session = session_of(ctx, req);
   if (auto why = refuse_cross_site(ctx, req, session, method == http::verb::post)) {
      co_return json_answer(http::status::forbidden, v, refusal_json("forbidden", *why), keep);
   }
   if (method == http::verb::post) co_return co_await session_wire::log_on(ctx, req, std::move(remote));
   if (session == nullptr) {
      co_return json_answer(http::status::unauthorized, v, refusal_json("unauthorized", "not logged on"), keep);
   }
   if (method == http::verb::get) {
      co_return json_answer(http::status::ok, v, session_json(session->account, session->csrf), keep);
   }
   // DELETE: log off.
   const Session ended = *session;
   ctx.sessions.end(ended.id);
   end_session(ctx, ended, EndReason::log_off, 1000, "logged off");
   Response res{http::status::no_content, v};
   res.set(http::field::server, kServer);
   res.set(http::field::cache_control, "no-store");
   res.set(http::field::set_cookie, cleared_session_cookie(ctx.tls != nullptr));
   res.keep_alive(keep);
   res.prepare_payload();
   co_return res;
}

}  // namespace portier::web
