// SPDX-License-Identifier: GPL-3.0-or-later
// The transport on 127.0.0.1 with system-chosen ports, driven by a real io_context.
#include <utility>

#include <boost/asio.hpp>
#include <catch2/catch.hpp>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <vector>

#include "run_until.h"
#include "message_build.h"
#include "transport.h"

using namespace portier::sip;
namespace asio = boost::asio;

namespace {

std::string options_from(TransportKind kind, std::uint16_t port, std::string_view extra = {}) {
   RequestParts parts;
   parts.method = "OPTIONS";
   parts.request_uri = "sip:probe@127.0.0.1";
   parts.from = "<sip:test@127.0.0.1>;tag=" + new_tag();
   parts.to = "<sip:probe@127.0.0.1>";
   parts.call_id = new_call_id("127.0.0.1");
   parts.via = via_value(transport_name(kind), "127.0.0.1", port, new_branch());
   if (!extra.empty()) parts.headers = {{"X-Extra", std::string(extra)}};
   return build_request(parts).message->serialize();
}

using sip_test::run_until;

struct Received {
   std::string method;
   int status = 0;
   Source source;
   std::string extra;
};

}  // namespace

TEST_CASE("a request over UDP reaches the handler with its source and the response returns by rport") {
   asio::io_context io;
   TransportSettings settings;
   Transport server(io, settings);
   Transport client(io, settings);
   REQUIRE(server.open().empty());
   REQUIRE(client.open().empty());
   std::vector<Received> at_server, at_client;
   server.on_receive([&](Message m, const Source &s) {
      at_server.push_back({m.method(), m.status(), s, m.header("X-Extra").value_or("")});
      CHECK(m.top_via()->rport == s.peer.port);
      CHECK(m.top_via()->received == "127.0.0.1");
      server.send_response(build_response(m, 200, "t1"), s);
   });
   client.on_receive([&](Message m, const Source &s) { at_client.push_back({m.method(), m.status(), s, {}}); });
   client.send(Peer{TransportKind::udp, "127.0.0.1", server.local_port(TransportKind::udp)},
               options_from(TransportKind::udp, 9 /* wrong on purpose: rport must win */));
   run_until(io, [&] { return !at_client.empty(); });
   REQUIRE(at_server.size() == 1);
   CHECK(at_server[0].method == "OPTIONS");
   CHECK(at_server[0].source.peer.port == client.local_port(TransportKind::udp));
   CHECK(at_server[0].source.local_port == server.local_port(TransportKind::udp));
   REQUIRE(at_client.size() == 1);
   CHECK(at_client[0].status == 200);
}

TEST_CASE("a malformed datagram is dropped and reported, the next one still arrives") {
   asio::io_context io;
   Transport server(io, TransportSettings{});
   Transport client(io, TransportSettings{});
   REQUIRE(server.open().empty());
   REQUIRE(client.open().empty());
   int received = 0;
   std::vector<std::string> problems;
   server.on_receive([&](Message, const Source &) { ++received; });
   server.on_problem([&](std::string_view what, const Peer &) { problems.emplace_back(what); });
   Peer to{TransportKind::udp, "127.0.0.1", server.local_port(TransportKind::udp)};
   client.send(to, "INVITE nonsense\r\n\r\n");
   client.send(to, "\r\n\r\n");  // keep-alive: neither delivered nor a problem
   client.send(to, options_from(TransportKind::udp, client.local_port(TransportKind::udp)));
   run_until(io, [&] { return received == 1; });
   CHECK(received == 1);
   REQUIRE(problems.size() == 1);
   CHECK(problems[0].find("malformed") != std::string::npos);
}

TEST_CASE("over TCP two messages in a row arrive and the response uses the same connection") {
   asio::io_context io;
   TransportSettings settings;
   settings.udp = false;
   settings.tcp = true;
   Transport server(io, settings);
   Transport client(io, settings);
   REQUIRE(server.open().empty());
   REQUIRE(client.open().empty());
   std::vector<Received> at_server, at_client;
   server.on_receive([&](Message m, const Source &s) {
      at_server.push_back({m.method(), 0, s, m.header("X-Extra").value_or("")});
      server.send_response(build_response(m, 200), s);
   });
   client.on_receive([&](Message m, const Source &s) { at_client.push_back({{}, m.status(), s, {}}); });
   Peer to{TransportKind::tcp, "127.0.0.1", server.local_port(TransportKind::tcp)};
   // the Via names a port nobody listens on: the response must take the open connection
   client.send(to, options_from(TransportKind::tcp, 9, "one"));
   client.send(to, options_from(TransportKind::tcp, 9, "two"));
   run_until(io, [&] { return at_client.size() == 2; });
   REQUIRE(at_server.size() == 2);
   CHECK(at_server[0].extra == "one");
   CHECK(at_server[1].extra == "two");
   CHECK(at_server[0].source.connection != 0);
   CHECK(at_server[0].source.connection == at_server[1].source.connection);
   CHECK(at_client.size() == 2);
   CHECK(client.connection_count() == 1);
}

TEST_CASE("a malformed stream closes only that connection") {
   asio::io_context io;
   TransportSettings settings;
   settings.udp = false;
   settings.tcp = true;
   Transport server(io, settings);
   REQUIRE(server.open().empty());
   int received = 0;
   server.on_receive([&](Message, const Source &) { ++received; });
   asio::ip::tcp::endpoint at(asio::ip::make_address("127.0.0.1"), server.local_port(TransportKind::tcp));
   asio::ip::tcp::socket bad(io), good(io);
   bad.connect(at);
   good.connect(at);
   asio::write(bad, asio::buffer(std::string("GARBAGE WITHOUT LENGTH\r\n\r\n")));
   run_until(io, [&] { return server.connection_count() == 1; });
   CHECK(server.connection_count() == 1);
   std::string request = options_from(TransportKind::tcp, 9);
   asio::write(good, asio::buffer(request));
   run_until(io, [&] { return received == 1; });
   CHECK(received == 1);
   char byte;
   boost::system::error_code ec;
   bad.read_some(asio::buffer(&byte, 1), ec);
   CHECK(ec == asio::error::eof);
}

TEST_CASE("a send to a closed TCP port reports the failure") {
   asio::io_context io;
   TransportSettings settings;
   settings.tcp = true;
   Transport client(io, settings);
   REQUIRE(client.open().empty());
   asio::ip::tcp::acceptor probe(io, asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
   std::uint16_t closed_port = probe.local_endpoint().port();
   probe.close();
   std::string failure;
   client.send(Peer{TransportKind::tcp, "127.0.0.1", closed_port}, options_from(TransportKind::tcp, 9), 0,
               [&](std::string_view why) { failure = why; });
   run_until(io, [&] { return !failure.empty(); });
   CHECK(failure.find("closed") != std::string::npos);
   CHECK(client.connection_count() == 0);
}

TEST_CASE("TLS carries a request both ways with a verified self-signed certificate") {
   namespace fs = std::filesystem;
   fs::path dir = fs::temp_directory_path() / ("portier-sip-tls-" + new_tag());
   fs::create_directories(dir);
   std::string command = "openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=127.0.0.1 -addext "
                         "subjectAltName=IP:127.0.0.1 -keyout " +
                         (dir / "key.pem").string() + " -out " + (dir / "cert.pem").string() + " >/dev/null 2>&1";
   REQUIRE(std::system(command.c_str()) == 0);
   asio::io_context io;
   TransportSettings server_settings;
   server_settings.udp = false;
   server_settings.tls = true;
   server_settings.tls_certificate = (dir / "cert.pem").string();
   server_settings.tls_private_key = (dir / "key.pem").string();
   TransportSettings client_settings;
   client_settings.udp = false;
   client_settings.tls_ca_file = (dir / "cert.pem").string();
   Transport server(io, server_settings);
   Transport client(io, client_settings);
   REQUIRE(server.open().empty());
   REQUIRE(client.open().empty());
   int got_request = 0, got_response = 0;
   server.on_receive([&](Message m, const Source &s) {
      ++got_request;
      CHECK(s.peer.transport == TransportKind::tls);
      server.send_response(build_response(m, 200), s);
   });
   client.on_receive([&](Message m, const Source &) { got_response += m.status() == 200; });
   client.send(Peer{TransportKind::tls, "127.0.0.1", server.local_port(TransportKind::tls)},
               options_from(TransportKind::tls, 9));
   run_until(io, [&] { return got_response == 1; }, std::chrono::milliseconds(5000));
   CHECK(got_request == 1);
   CHECK(got_response == 1);
   fs::remove_all(dir);
}

TEST_CASE("TLS to a server whose certificate is not trusted fails the send") {
   namespace fs = std::filesystem;
   fs::path dir = fs::temp_directory_path() / ("portier-sip-tls-" + new_tag());
   fs::create_directories(dir);
   std::string command = "openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=127.0.0.1 -keyout " +
                         (dir / "key.pem").string() + " -out " + (dir / "cert.pem").string() + " >/dev/null 2>&1";
   REQUIRE(std::system(command.c_str()) == 0);
   asio::io_context io;
   TransportSettings server_settings;
   server_settings.udp = false;
   server_settings.tls = true;
   server_settings.tls_certificate = (dir / "cert.pem").string();
   server_settings.tls_private_key = (dir / "key.pem").string();
   TransportSettings client_settings;
   client_settings.udp = false;  // no CA file: the system roots do not know this certificate
   Transport server(io, server_settings);
   Transport client(io, client_settings);
   REQUIRE(server.open().empty());
   REQUIRE(client.open().empty());
   int got_request = 0;
   std::string failure;
   server.on_receive([&](Message, const Source &) { ++got_request; });
   client.send(Peer{TransportKind::tls, "127.0.0.1", server.local_port(TransportKind::tls)},
               options_from(TransportKind::tls, 9), 0, [&](std::string_view why) { failure = why; });
   run_until(io, [&] { return !failure.empty(); }, std::chrono::milliseconds(5000));
   CHECK_FALSE(failure.empty());
   CHECK(got_request == 0);
   fs::remove_all(dir);
}
