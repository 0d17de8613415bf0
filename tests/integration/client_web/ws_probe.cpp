// SPDX-License-Identifier: GPL-3.0-or-later
// A scripted WebSocket console for the client.web tests (curl 7.88 speaks no WebSocket).
//
//   ws_probe [--tls] [--cookie TEXT] [--origin URL] PORT SCRIPT
//
// Connects to ws://127.0.0.1:PORT/ws (wss:// with --tls, any certificate), sending TEXT as the
// Cookie header and URL as the Origin header when given, and runs SCRIPT, one step per line;
// prints every message it receives as "<< TEXT". A refused upgrade prints "refused" and exits 3
// (Beast 1.74 does not keep the refusal's status; tests ask curl for it). Steps:
//   send TEXT          one text frame
//   send_binary TEXT   one binary frame
//   send_big N         a text frame of N bytes
//   expect A && B ...  waits (5 s at most) for a message containing every part; messages that
//                      arrived earlier and matched no step yet count too
//   expect_close CODE  waits for the server to close the connection with that close code
//   wait_file PATH     waits (10 s at most) until PATH exists, reading nothing meanwhile: a
//                      test's other console acts first; what arrived shows at the next expect
// Exits 0 when every step passed, 1 naming the step that failed, 3 when the upgrade was refused.
//
// Plain and TLS share one WebSocket stream type over lib-http's WsByteStream (ws_byte_stream.h),
// so Beast's WebSocket templates are compiled once here and TLS not at all; every operation is
// asynchronous, run on the io_context with a bound.
#include <utility>  // before asio: Boost 1.74 misses it under C++20

#include <chrono>
#include <deque>
#include <fstream>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/websocket/stream.hpp>

#include "ws_byte_stream.h"

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;
using Ws = websocket::stream<portier::http::WsByteStream>;

namespace {

constexpr int kReadTimeoutSeconds = 5;  // for every step's operation, not only reads

std::vector<std::string> split_parts(const std::string &text) {
   std::vector<std::string> parts;
   std::size_t at = 0;
   for (;;) {
      const std::size_t sep = text.find(" && ", at);
      parts.push_back(text.substr(at, sep == std::string::npos ? std::string::npos : sep - at));
      if (sep == std::string::npos) return parts;
      at = sep + 4;
   }
}

bool matches(const std::string &message, const std::vector<std::string> &parts) {
   for (const std::string &p : parts) {
      if (message.find(p) == std::string::npos) return false;
   }
   return true;
}

// Starts one operation (`start` gets its handler) and runs `io` until it completed, or closes the
// connection after kReadTimeoutSeconds and answers a timeout (Asio's blocking calls have none).
template <class Start>
beast::error_code run_op(asio::io_context &io, Ws &ws, Start start) {
   bool done = false;
   beast::error_code ec;
   start([&](beast::error_code e, auto &&...) {
      ec = e;
      done = true;
   });
   io.restart();
   io.run_for(std::chrono::seconds(kReadTimeoutSeconds));
   if (done) return ec;
   ws.next_layer().close_socket();
   io.restart();
   io.run();
   return beast::error::timeout;
}

void read_message(asio::io_context &io, Ws &ws, beast::flat_buffer &buffer, beast::error_code &ec) {
   ec = run_op(io, ws, [&](auto handler) { ws.async_read(buffer, std::move(handler)); });
}

int run_script(asio::io_context &io, Ws &ws, std::istream &script) {
   std::deque<std::string> unmatched;
   std::string line;
   int step = 0;
   const auto fail = [&](const std::string &why) {
      std::cerr << "ws_probe: step " << step << " (" << line << "): " << why << "\n";
      return 1;
   };
   while (std::getline(script, line)) {
      ++step;
      if (line.empty() || line[0] == '#') continue;
      const std::size_t space = line.find(' ');
      const std::string verb = line.substr(0, space);
      const std::string arg = space == std::string::npos ? "" : line.substr(space + 1);
      beast::error_code ec;
      if (verb == "send" || verb == "send_binary" || verb == "send_big") {
         const std::string text = verb == "send_big" ? std::string(std::stoul(arg), 'x') : arg;
         ws.text(verb != "send_binary");
         ec = run_op(io, ws, [&](auto handler) { ws.async_write(asio::buffer(text), std::move(handler)); });
         if (ec) return fail("write failed: " + ec.message());
      } else if (verb == "expect") {
         const std::vector<std::string> parts = split_parts(arg);
         bool found = false;
         for (auto it = unmatched.begin(); it != unmatched.end() && !found; ++it) {
            if (matches(*it, parts)) {
               unmatched.erase(it);
               found = true;
               break;
            }
         }
         while (!found) {
            beast::flat_buffer buffer;
            read_message(io, ws, buffer, ec);
            if (ec) return fail("no matching message: " + ec.message());
            std::string message = beast::buffers_to_string(buffer.data());
            std::cout << "<< " << message << std::endl;
            if (matches(message, parts)) {
               found = true;
            } else {
               unmatched.push_back(std::move(message));
            }
         }
      } else if (verb == "wait_file") {
         bool there = false;
         for (int i = 0; i < 100 && !there; ++i) {
            there = std::ifstream(arg).good();
            if (!there) std::this_thread::sleep_for(std::chrono::milliseconds(100));
         }
         if (!there) return fail("the file never appeared");
      } else if (verb == "expect_close") {
         for (int i = 0; i < 10000; ++i) {
            beast::flat_buffer buffer;
            read_message(io, ws, buffer, ec);
            if (ec) break;
            std::cout << "<< " << beast::buffers_to_string(buffer.data()) << std::endl;
         }
         if (ec != websocket::error::closed) return fail("expected a close, got: " + ec.message());
         std::cout << "closed " << ws.reason().code << " " << ws.reason().reason << std::endl;
         if (std::to_string(ws.reason().code) != arg) return fail("closed with code " + std::to_string(ws.reason().code));
         return 0;
      } else {
         return fail("unknown step");
      }
   }
   (void)run_op(io, ws, [&](auto handler) { ws.async_close(websocket::close_code::normal, std::move(handler)); });
   return 0;
}

struct Headers {
   std::string cookie;
   std::string origin;
};

// The upgrade with the extra headers; false (after printing the status) when it was refused.
bool handshake(asio::io_context &io, Ws &ws, const std::string &host, const Headers &headers) {
   ws.set_option(websocket::stream_base::decorator([headers](websocket::request_type &req) {
      if (!headers.cookie.empty()) req.set(http::field::cookie, headers.cookie);
      if (!headers.origin.empty()) req.set(http::field::origin, headers.origin);
   }));
   websocket::response_type res;
   const beast::error_code ec =
       run_op(io, ws, [&](auto handler) { ws.async_handshake(res, host, "/ws", std::move(handler)); });
   if (ec == websocket::error::upgrade_declined) {
      std::cout << "refused: the server declined the upgrade" << std::endl;
      return false;
   }
   if (ec) throw beast::system_error(ec);
   return true;
}

}  // namespace

int main(int argc, char **argv) {
   std::vector<std::string> args(argv + 1, argv + argc);
   bool tls = false;
   Headers headers;
   while (!args.empty() && args[0].rfind("--", 0) == 0) {
      if (args[0] == "--tls") {
         tls = true;
         args.erase(args.begin());
      } else if ((args[0] == "--cookie" || args[0] == "--origin") && args.size() >= 2) {
         (args[0] == "--cookie" ? headers.cookie : headers.origin) = args[1];
         args.erase(args.begin(), args.begin() + 2);
      } else {
         break;
      }
   }
   if (args.size() != 2) {
      std::cerr << "usage: ws_probe [--tls] [--cookie TEXT] [--origin URL] PORT SCRIPT\n";
      return 2;
   }
   std::ifstream script(args[1]);
   if (!script) {
      std::cerr << "ws_probe: cannot read " << args[1] << "\n";
      return 2;
   }
   try {
      asio::io_context io;
      const std::string host = "127.0.0.1:" + args[0];
      portier::http::WsTlsTrust trust;  // before the stream, which uses it to the end
      Ws ws(io);
      const beast::error_code connected = run_op(io, ws, [&](auto handler) {
         ws.next_layer().start_connect(tcp::resolver(io).resolve("127.0.0.1", args[0]),
                                       portier::http::WsIoDone(std::move(handler)));
      });
      if (connected) throw beast::system_error(connected);
      if (tls) {
         (void)trust.load("", false);  // any certificate: the test's is self-signed
         const beast::error_code shaken = run_op(io, ws, [&](auto handler) {
            ws.next_layer().start_tls(trust, "127.0.0.1", portier::http::WsIoDone(std::move(handler)));
         });
         if (shaken) throw beast::system_error(shaken);
      }
      if (!handshake(io, ws, host, headers)) return 3;
      return run_script(io, ws, script);
   } catch (const std::exception &e) {
      std::cerr << "ws_probe: " << e.what() << "\n";
      return 1;
   }
}
