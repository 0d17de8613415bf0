// SPDX-License-Identifier: GPL-3.0-or-later
// The daemon's end of the local control channel that the `portier` CLI talks to.
//
// Protocol (one exchange per connection):
//   transport  a Unix-domain stream socket, mode 0600, in a folder the daemon owns.
//   request    ONE JSON object on one line, ended by '\n' (or by the client shutting down its
//              sending side): {"cmd":"status"}, {"cmd":"lamps"}, {"cmd":"reload"}, {"cmd":"stop"},
//              or {"cmd":"engine", ...} (engine_request.h: one client-API command, or the recent
//              engine events).
//   answer     ONE JSON object on one line, then the server closes the connection:
//                success  {"ok":true, ...command-specific members...}
//                failure  {"ok":false,"error":"...","errors":["...", ...]}  ("errors" optional,
//                         used by reload for the list of configuration findings)
//   limits     a request longer than kMaxRequestBytes is answered with an error; a client that
//              sends no complete request within kRequestTimeout is dropped without an answer.
//   errors     unknown cmd   -> "unknown command 'x' (expected status, lamps, reload, stop, engine)"
//              bad JSON      -> "malformed JSON at offset N: ..."
//              no cmd string -> "request needs a \"cmd\" string"
// Only requests that pass these checks reach the Handler.
#pragma once

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>

#include <boost/asio/io_context.hpp>
#include <nlohmann/json.hpp>

namespace portier::control {

inline constexpr std::size_t kMaxRequestBytes = 64 * 1024;
inline constexpr std::chrono::seconds kRequestTimeout{5};

// Sends the answer; call it exactly once, now or later, on the io_context's thread.
using Reply = std::function<void(nlohmann::json)>;
// Called on the io_context's thread with a request whose "cmd" is status, lamps, reload, stop or
// engine.
using Handler = std::function<void(const nlohmann::json &request, Reply reply)>;

class ControlServer {
 public:
   // Creates the socket and starts accepting on `io`. On failure returns nullptr and sets
   // `error` (another live daemon on the path, path too long, no permission, ...).
   // [engine] call on the io_context's thread, or before it runs.
   static std::unique_ptr<ControlServer> open(boost::asio::io_context &io,
                                              const std::filesystem::path &socket_path,
                                              Handler handler, std::string &error);

   ControlServer(const ControlServer &) = delete;
   ControlServer &operator=(const ControlServer &) = delete;
   // Closes as close() does. [engine] or after the io_context stopped.
   ~ControlServer();

   // Stops accepting, drops open sessions (a later Reply call does nothing) and removes the
   // socket file if it is still the one this server created. Idempotent. [engine]
   void close();

   const std::filesystem::path &socket_path() const { return path_; }

   struct State;  // shared with pending handlers, so they outlive neither the server nor io

 private:
   ControlServer(std::filesystem::path path, std::shared_ptr<State> state);

   std::filesystem::path path_;
   std::shared_ptr<State> state_;
};

}  // namespace portier::control
