// SPDX-License-Identifier: GPL-3.0-or-later
// The simulator's CSTA server driven by a raw client: the handshake rules, device id forms,
// event routing by owner and monitors ending with their connection.
#include <optional>
#include <string>
#include <variant>

#include <catch2/catch.hpp>

#include <portier/csta/builders.h>
#include <portier/csta/framing.h>
#include <portier/csta/parser.h>

#include "sim_rig.h"

namespace {

namespace asio = boost::asio;
namespace csta = portier::csta;
using asio::ip::tcp;

struct Frame {
   std::uint16_t invoke_id = 0;
   csta::Message message;
};

// A blocking CSTA client with bounded waits.
class Client {
public:
   explicit Client(std::uint16_t port) : socket_(io_) {
      socket_.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
   }

   void send(std::uint16_t invoke_id, const std::string &xml) {
      asio::write(socket_, asio::buffer(*csta::encode_frame(invoke_id, xml)));
   }

   // The next frame, or empty on timeout or a closed connection (then closed() is true).
   std::optional<Frame> next(std::chrono::milliseconds limit = std::chrono::seconds(3)) {
      const auto deadline = std::chrono::steady_clock::now() + limit;
      while (std::chrono::steady_clock::now() < deadline) {
         if (auto frame = reader_.pop()) {
            auto parsed = parser_.parse(frame->xml);
            REQUIRE(parsed);
            return Frame{frame->invoke_id, *parsed.message};
         }
         if (closed_) return std::nullopt;
         bool done = false;
         socket_.async_read_some(asio::buffer(buffer_), [&](boost::system::error_code ec, std::size_t n) {
            done = true;
            if (ec == asio::error::operation_aborted) return;
            if (ec) closed_ = true;
            else reader_.feed(std::string_view(buffer_.data(), n));
         });
         io_.restart();
         io_.run_for(deadline - std::chrono::steady_clock::now());
         if (!done) {
            socket_.cancel();
            io_.restart();
            io_.run();
            return std::nullopt;
         }
      }
      return std::nullopt;
   }

   // Answers the server's greeting; returns false when the first frame was not SystemStatus.
   bool greet() {
      auto first = next();
      if (!first || !std::holds_alternative<csta::SystemStatus>(first->message)) return false;
      send(first->invoke_id, csta::build(csta::SystemStatusResponse{}));
      return true;
   }

   // Sends a request and returns the answer with its invoke id, skipping events.
   std::optional<csta::Message> request(std::uint16_t invoke_id, const std::string &xml) {
      send(invoke_id, xml);
      for (int i = 0; i < 100; ++i) {
         auto frame = next();
         if (!frame) return std::nullopt;
         if (frame->invoke_id == invoke_id) return frame->message;
         events.push_back(frame->message);
      }
      return std::nullopt;
   }

   bool closed() const { return closed_; }
   std::vector<csta::Message> events;

private:
   asio::io_context io_;
   tcp::socket socket_;
   std::array<char, 8192> buffer_{};
   csta::FrameReader reader_;
   csta::Parser parser_;
   bool closed_ = false;
};

std::string cross_ref(const std::optional<csta::Message> &answer) {
   REQUIRE(answer);
   const auto *started = std::get_if<csta::MonitorStartResponse>(&*answer);
   REQUIRE(started != nullptr);
   return started->cross_ref_id;
}

}  // namespace

TEST_CASE("the server opens with SystemStatus and refuses requests until it is answered") {
   simtest::Sim sim(simtest::office_spec());
   Client client(sim.port());
   auto first = client.next();
   REQUIRE(first);
   CHECK(std::holds_alternative<csta::SystemStatus>(first->message));

   auto early = client.request(5, csta::build(csta::MonitorStart{"100", ""}));
   REQUIRE(early);
   CHECK(std::holds_alternative<csta::CstaError>(*early));

   client.send(first->invoke_id, csta::build(csta::SystemStatusResponse{}));
   CHECK(!cross_ref(client.request(6, csta::build(csta::MonitorStart{"100", ""}))).empty());
   auto status = client.request(7, csta::build(csta::SystemStatus{}));
   REQUIRE(status);
   CHECK(std::holds_alternative<csta::SystemStatusResponse>(*status));
}

TEST_CASE("an answer to the greeting with another invoke id drops the connection") {
   simtest::Sim sim(simtest::office_spec());
   Client client(sim.port());
   auto first = client.next();
   REQUIRE(first);
   client.send(static_cast<std::uint16_t>(first->invoke_id + 1), csta::build(csta::SystemStatusResponse{}));
   CHECK(!client.next());
   CHECK(client.closed());
}

TEST_CASE("a device id in OSV's raw form reaches the office as the number inside it") {
   simtest::Sim sim(simtest::office_spec());
   Client client(sim.port());
   REQUIRE(client.greet());
   auto answer = client.request(3, csta::build(csta::GetDoNotDisturb{"N<300>Ben Beispiel;displayNumber=300"}));
   REQUIRE(answer);
   CHECK(std::holds_alternative<csta::GetDoNotDisturbResponse>(*answer));
   auto unknown = client.request(4, csta::build(csta::GetDoNotDisturb{"N<301>Nobody"}));
   REQUIRE(unknown);
   const auto *error = std::get_if<csta::CstaError>(&*unknown);
   REQUIRE(error != nullptr);
   CHECK(error->category == "operation");
   CHECK(error->value == "invalidDeviceID");
}

TEST_CASE("events go only to the connection owning the monitor, whose monitors end when it drops") {
   simtest::Sim sim(simtest::office_spec());
   std::string xref_200;
   {
      Client a(sim.port());
      Client b(sim.port());
      REQUIRE(a.greet());
      REQUIRE(b.greet());
      cross_ref(a.request(1, csta::build(csta::MonitorStart{"100", ""})));
      xref_200 = cross_ref(b.request(1, csta::build(csta::MonitorStart{"200", ""})));
      CHECK(sim.on_sim([&] { return sim.office.monitor_count(); }) == 2);

      auto made = b.request(2, csta::build(csta::MakeCall{"200", "300", false}));
      REQUIRE(made);
      REQUIRE(std::holds_alternative<csta::MakeCallResponse>(*made));
      while (auto frame = b.next(std::chrono::milliseconds(200))) b.events.push_back(frame->message);
      REQUIRE(!b.events.empty());
      for (const auto &event : b.events) {
         const auto *call = std::get_if<csta::CallEvent>(&event);
         REQUIRE(call != nullptr);
         CHECK(call->cross_ref_id == xref_200);
      }
      CHECK(!a.next(std::chrono::milliseconds(200)));  // 100 is not in that call
      CHECK(!a.closed());
   }
   bool stopped = false;
   for (int i = 0; i < 100 && !stopped; ++i) {
      stopped = sim.on_sim([&] { return sim.office.monitor_count(); }) == 0;
      if (!stopped) std::this_thread::sleep_for(std::chrono::milliseconds(10));
   }
   CHECK(stopped);
}
