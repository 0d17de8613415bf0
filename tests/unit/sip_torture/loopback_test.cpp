// SPDX-License-Identifier: GPL-3.0-or-later
// A small UAS on lib-sip (Transport + TransactionLayer + check_request) on 127.0.0.1, fed every
// torture and broken message over UDP (the 70 KB one and RFC 4475's long request over TCP). Each
// gets its answer or silence, and the UAS still answers OPTIONS afterwards.
#include <utility>  // before Asio with GCC 12 (toolchain.md)

#include <chrono>
#include <functional>
#include <optional>

#include <boost/asio.hpp>
#include <catch2/catch.hpp>

#include "message_build.h"
#include "transaction_layer.h"
#include "uas_pipeline.h"

using namespace portier;
using namespace portier::torture;
using namespace std::chrono_literals;
namespace asio = boost::asio;

namespace {

void run_until(asio::io_context &io, const std::function<bool()> &done, std::chrono::milliseconds limit) {
   auto until = std::chrono::steady_clock::now() + limit;
   while (!done() && std::chrono::steady_clock::now() < until) io.run_for(5ms);
}

// T1 = 1 ms: a server transaction is gone 64 ms after its answer, so a fixture that reuses another
// one's branch (RFC 4475 has several z9hG4bKkdjuw) is a new request, not a retransmission.
struct TestUas {
   explicit TestUas(asio::io_context &io)
       : transport(io, settings()), layer(io, transport, sip::TimerSettings{1ms, 4ms, 5ms, 200ms}) {
      layer.on_request([this](const std::string &key, const sip::Message &request, const sip::Source &) {
         sip::RequestVerdict verdict = sip::check_request(request, uas_policy());
         if (verdict.handling == sip::Handling::reject) {
            layer.respond(key, sip::build_rejection(request, verdict));
         } else if (verdict.handling == sip::Handling::accept) {
            ++accepted;
            layer.respond(key, sip::build_response(request, 200, sip::new_tag()));
         }
      });
      layer.on_stray_response([this](const sip::Message &, const sip::Source &) { ++strays; });
   }
   static sip::TransportSettings settings() {
      sip::TransportSettings s;
      s.tcp = true;
      return s;
   }
   sip::Transport transport;
   sip::TransactionLayer layer;
   int accepted = 0;
   int strays = 0;
};

void settle(asio::io_context &io, TestUas &uas) {
   run_until(io, [&] { return uas.layer.size() == 0; }, 2000ms);
   REQUIRE(uas.layer.size() == 0);
}

// The status of the first response line in `bytes`, "drop" when nothing came.
std::string status_of(const std::optional<std::string> &bytes) {
   if (!bytes) return "drop";
   if (bytes->rfind("SIP/2.0 ", 0) != 0 || bytes->size() < 11) return "garbage";
   std::string status = bytes->substr(8, 3);
   return status == "200" ? "accept" : status;
}

// RFC 4475's requests name hosts of example.com in Via; ";rport" after the top sent-by sends the
// answer back to our socket (RFC 3581) and leaves every fault in place.
std::string with_rport(std::string bytes) {
   std::size_t line = 0;
   for (std::size_t guard = 0; guard < 256 && line < bytes.size(); ++guard) {
      std::size_t end = bytes.find('\n', line);
      if (end == std::string::npos) return bytes;
      std::size_t colon = bytes.find(':', line);
      if (colon != std::string::npos && colon < end) {
         std::string name = bytes.substr(line, colon - line);
         while (!name.empty() && (name.back() == ' ' || name.back() == '\t')) name.pop_back();
         for (char &c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
         if (name == "via" || name == "v") {
            std::size_t at = colon + 1;
            for (; at < bytes.size(); ++at) {
               char c = bytes[at];
               if (c == ';' || c == ',') break;
               if (c == '\r' && at + 2 < bytes.size() && bytes[at + 1] == '\n' && bytes[at + 2] != ' ' && bytes[at + 2] != '\t')
                  break;
            }
            return bytes.insert(at, ";rport");
         }
      }
      if (end == line || (end == line + 1 && bytes[line] == '\r')) return bytes;  // end of headers
      line = end + 1;
   }
   return bytes;
}

std::optional<std::string> exchange_udp(asio::io_context &io, std::uint16_t port, const std::string &bytes,
                                        std::chrono::milliseconds wait) {
   asio::ip::udp::socket client(io, asio::ip::udp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
   client.send_to(asio::buffer(bytes), asio::ip::udp::endpoint(asio::ip::make_address("127.0.0.1"), port));
   std::optional<std::string> answer;
   std::vector<char> buffer(65536);
   asio::ip::udp::endpoint from;
   client.async_receive_from(asio::buffer(buffer), from, [&](const boost::system::error_code &ec, std::size_t n) {
      if (!ec) answer = std::string(buffer.data(), n);
   });
   run_until(io, [&] { return answer.has_value(); }, wait);
   client.close();
   run_until(io, [] { return false; }, 1ms);  // let the cancelled receive finish before `buffer` goes
   return answer;
}

std::optional<std::string> exchange_tcp(asio::io_context &io, std::uint16_t port, const std::string &bytes,
                                        bool &closed) {
   asio::ip::tcp::socket client(io);
   client.connect(asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
   std::optional<std::string> answer;
   std::string received;
   std::array<char, 4096> buffer{};
   closed = false;
   bool wrote = false;
   asio::async_write(client, asio::buffer(bytes), [&](const boost::system::error_code &, std::size_t) { wrote = true; });
   std::function<void()> read = [&] {
      client.async_read_some(asio::buffer(buffer), [&](const boost::system::error_code &ec, std::size_t n) {
         if (ec) {
            closed = ec != asio::error::operation_aborted;
            return;
         }
         received.append(buffer.data(), n);
         if (received.find("\r\n\r\n") != std::string::npos) answer = received;
         else read();
      });
   };
   read();
   run_until(io, [&] { return wrote && (answer || closed); }, 3000ms);
   boost::system::error_code ignored;
   client.close(ignored);
   run_until(io, [] { return false; }, 1ms);
   return answer;
}

std::string options_request(std::uint16_t via_port) {
   return "OPTIONS sip:100@127.0.0.1 SIP/2.0\r\n"
          "Via: SIP/2.0/UDP 127.0.0.1:" + std::to_string(via_port) + ";branch=" + sip::new_branch() + ";rport\r\n"
          "Max-Forwards: 70\r\nFrom: <sip:probe@127.0.0.1>;tag=p1\r\nTo: <sip:100@127.0.0.1>\r\n"
          "Call-ID: " + sip::new_call_id("127.0.0.1") + "\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n";
}

void check_still_answers(asio::io_context &io, std::uint16_t port) {
   CHECK(status_of(exchange_udp(io, port, options_request(5999), 2000ms)) == "accept");
}

}  // namespace

TEST_CASE("over UDP each RFC 4475 message gets its answer or silence and the UAS keeps answering") {
   asio::io_context io;
   TestUas uas(io);
   REQUIRE(uas.transport.open().empty());
   std::uint16_t port = uas.transport.local_port(sip::TransportKind::udp);
   std::string dir = fixtures_dir() + "/sip-torture/";
   int responses_sent = 0;
   for (const ManifestRow &row : read_manifest(dir + "expected.tsv")) {
      const std::string &kind = row.columns[1];
      const std::string &expected = row.columns[2];
      const std::string &role = row.columns[3];
      std::string bytes = read_file(dir + row.file);
      settle(io, uas);
      if (kind == "response") {
         int strays_before = uas.strays;
         std::optional<std::string> answer = exchange_udp(io, port, bytes, 150ms);
         INFO(row.file << ": a response is never answered");
         CHECK_FALSE(answer);
         // A response that parses is matched against the transactions; none matches: a stray.
         if (expected == "accept") CHECK(uas.strays == strays_before + 1);
         ++responses_sent;
         continue;
      }
      std::vector<std::string> allowed = allowed_outcomes(expected, role);
      bool may_drop = std::find(allowed.begin(), allowed.end(), "drop") != allowed.end();
      std::optional<std::string> answer = exchange_udp(io, port, with_rport(bytes), may_drop ? 150ms : 2000ms);
      std::string got = status_of(answer);
      INFO(row.file << ": expected " << expected << " (" << role << "), got " << got << "\n" << answer.value_or(""));
      CHECK(std::find(allowed.begin(), allowed.end(), got) != allowed.end());
   }
   CHECK(responses_sent == 5);
   check_still_answers(io, port);
}

TEST_CASE("over UDP each broken message is answered 400 or dropped and the UAS keeps answering") {
   asio::io_context io;
   TestUas uas(io);
   REQUIRE(uas.transport.open().empty());
   std::uint16_t port = uas.transport.local_port(sip::TransportKind::udp);
   std::string dir = fixtures_dir() + "/sip-broken/";
   int sent = 0;
   for (const ManifestRow &row : read_manifest(dir + "expected.tsv")) {
      std::string bytes = read_file(dir + row.file);
      if (bytes.size() > 65507) continue;  // more than a datagram holds: the TCP case below
      const std::string &expected = row.columns[1];
      settle(io, uas);
      std::vector<std::string> allowed = allowed_outcomes(expected, "any");
      bool may_drop = std::find(allowed.begin(), allowed.end(), "drop") != allowed.end();
      std::string got = status_of(exchange_udp(io, port, bytes, may_drop ? 150ms : 2000ms));
      INFO(row.file << ": expected " << expected << ", got " << got);
      CHECK(std::find(allowed.begin(), allowed.end(), got) != allowed.end());
      ++sent;
   }
   CHECK(sent == 34);
   CHECK(uas.accepted == 0);
   check_still_answers(io, port);
}

TEST_CASE("over TCP the 70 KB header is refused and RFC 4475's long request is answered") {
   asio::io_context io;
   TestUas uas(io);
   REQUIRE(uas.transport.open().empty());
   std::uint16_t tcp_port = uas.transport.local_port(sip::TransportKind::tcp);
   bool closed = false;
   std::optional<std::string> answer =
       exchange_tcp(io, tcp_port, read_file(fixtures_dir() + "/sip-broken/header_line_70k.sip"), closed);
   INFO(answer.value_or("(connection closed)"));
   CHECK((closed || status_of(answer) == "400"));
   answer = exchange_tcp(io, tcp_port, read_file(fixtures_dir() + "/sip-torture/longreq.sip"), closed);
   CHECK(status_of(answer) == "accept");
   CHECK(uas.accepted == 1);
   check_still_answers(io, uas.transport.local_port(sip::TransportKind::udp));
}
