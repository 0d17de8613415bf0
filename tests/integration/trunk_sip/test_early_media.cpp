// SPDX-License-Identifier: GPL-3.0-or-later
// Early media of a second leg: the target answers 183 with SDP and sends RTP before it answers.
// With `pass` the waiting caller hears that RTP; with `ringback` it hears our ringback instead;
// either way its music comes back when the engine gives up on the leg (CANCEL).
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include "call_steps.h"
#include "sip_wire.h"
#include "trunk_rig.h"
#include "trunk_settings.h"

using namespace trunktest;
using namespace std::chrono_literals;

namespace {

constexpr std::uint8_t kEarlyFill = 0x33;

// A raw UAS standing in for the PBX on the registrar port: it sees the trunk's leg, answers
// 183 with SDP and a CANCEL with 200 + 487. REGISTERs are left unanswered.
class EarlyTarget {
public:
   EarlyTarget() {
      sip_ = loopback_udp_socket(sip_port_);
      rtp_ = loopback_udp_socket(rtp_port_);
   }
   ~EarlyTarget() {
      ::close(sip_);
      ::close(rtp_);
   }
   std::uint16_t sip_port() const { return sip_port_; }
   int rtp_socket() const { return rtp_; }
   std::uint16_t rtp_port() const { return rtp_port_; }

   // The next request of `method` (bounded; others are dropped).
   std::optional<SipText> next(const std::string &method, std::chrono::milliseconds limit) {
      const auto end = std::chrono::steady_clock::now() + limit;
      while (std::chrono::steady_clock::now() < end) {
         pollfd p{sip_, POLLIN, 0};
         if (::poll(&p, 1, 20) <= 0) continue;
         char buf[65536];
         sockaddr_in from{};
         socklen_t len = sizeof from;
         const ssize_t n = ::recvfrom(sip_, buf, sizeof buf, 0, reinterpret_cast<sockaddr *>(&from), &len);
         if (n <= 0) continue;
         SipText m{std::string(buf, static_cast<std::size_t>(n))};
         if (!m.is_response() && m.method() == method) {
            trunk_ = from;
            return m;
         }
      }
      return std::nullopt;
   }

   void reply(const SipText &req, int status, const std::string &reason, const std::string &sdp = "") {
      std::string m = "SIP/2.0 " + std::to_string(status) + " " + reason + "\r\n";
      m += "Via: " + req.header("Via") + "\r\n";
      m += "From: " + req.header("From") + "\r\n";
      const std::string to = req.header("To");
      m += "To: " + to + (to.find("tag=") == std::string::npos ? ";tag=early1" : "") + "\r\n";
      m += "Call-ID: " + req.header("Call-ID") + "\r\n";
      m += "CSeq: " + req.header("CSeq") + "\r\n";
      m += "Contact: <sip:target@127.0.0.1:" + std::to_string(sip_port_) + ">\r\n";
      if (!sdp.empty()) m += "Content-Type: application/sdp\r\n";
      m += "Content-Length: " + std::to_string(sdp.size()) + "\r\n\r\n" + sdp;
      ::sendto(sip_, m.data(), m.size(), 0, reinterpret_cast<const sockaddr *>(&trunk_), sizeof trunk_);
   }

private:
   int sip_ = -1;
   int rtp_ = -1;
   std::uint16_t sip_port_ = 0;
   std::uint16_t rtp_port_ = 0;
   sockaddr_in trunk_{};
};

std::size_t filled_with(const std::vector<Packet> &got, std::uint8_t fill) {
   std::size_t n = 0;
   for (const Packet &p : got) n += p.bytes.size() == 172 && p.bytes[12] == fill && p.bytes[171] == fill;
   return n;
}

struct Heard {
   std::size_t packets = 0;  // everything the caller received while the target sent early media
   std::size_t early = 0;    // of those, the target's own packets
   std::size_t after = 0;    // packets after the leg was cancelled
   std::size_t early_after = 0;
};

// A waiting caller with music, a leg placed with `mode` whose target sends 183 + SDP and 50
// packets of early RTP; then the engine gives up on the leg.
Heard early_media_run(std::int32_t mode) {
   Trunk trunk;
   TestSettings s;
   s.extra = pilots_and_music();
   EarlyTarget target;
   s.registrar_port = target.sip_port();
   trunk.start(s.json());

   RawUa caller;
   const std::string in = waiting_caller(trunk, caller, s.sip_port, "music");
   portier_error err = PORTIER_ERROR_INIT;
   REQUIRE(trunk.api().place_call(trunk.inst(), "leg-1", "+4989700200", "+4930123456", "", in.c_str(), mode, 3,
                                  &err) == PORTIER_PENDING);

   const auto invite = target.next("INVITE", 5s);
   REQUIRE(invite);
   const std::uint16_t trunk_rtp = sdp_audio_port(invite->body());
   REQUIRE(trunk_rtp != 0);
   target.reply(*invite, 183, "Session Progress", audio_sdp(target.rtp_port()));
   REQUIRE(trunk.wait([&](const Recorded &) { return !trunk.calls_of(PORTIER_TRUNK_EV_PROGRESS, "leg-1").empty(); }));

   // The target's early media: one second of packets, the caller listening meanwhile.
   (void)receive_rtp(caller.rtp_socket(), 60ms);  // the music queued so far
   std::vector<Packet> heard;
   for (std::uint16_t i = 0; i < 50; ++i) {
      send_rtp(target.rtp_socket(), trunk_rtp, i, i * 160u, kEarlyFill);
      for (Packet &p : receive_rtp(caller.rtp_socket(), 20ms)) heard.push_back(std::move(p));
   }
   Heard out;
   out.packets = heard.size();
   out.early = filled_with(heard, kEarlyFill);

   // The engine's no-answer timeout: CANCEL, answered 200 + 487.
   REQUIRE(trunk.api().hangup(trunk.inst(), "leg-1", 4, &err) == PORTIER_PENDING);
   const auto cancel = target.next("CANCEL", 5s);
   REQUIRE(cancel);
   target.reply(*cancel, 200, "OK");
   target.reply(*invite, 487, "Request Terminated");
   REQUIRE(trunk.wait([&](const Recorded &) { return !trunk.calls_of(PORTIER_TRUNK_EV_ENDED, "leg-1").empty(); }));
   CHECK(trunk.calls_of(PORTIER_TRUNK_EV_ENDED, in).empty());
   (void)receive_rtp(caller.rtp_socket(), 60ms);  // what was in flight
   const auto later = receive_rtp(caller.rtp_socket(), 300ms);
   out.after = later.size();
   out.early_after = filled_with(later, kEarlyFill);
   return out;
}

}  // namespace

TEST_CASE("with early media passed, the waiting caller hears the ringing target's 183 RTP, then its music again") {
   const Heard h = early_media_run(PORTIER_TRUNK_EARLY_MEDIA_PASS);
   CHECK(h.early >= 40);  // 50 sent; the music stops while the target's media passes
   CHECK(h.packets - h.early <= 5);
   CHECK(h.after >= 8);   // the music is back (20 ms packets for 300 ms)
   CHECK(h.early_after == 0);
}

TEST_CASE("with ringback chosen, the waiting caller hears our ringback and never the target's early RTP") {
   const Heard h = early_media_run(PORTIER_TRUNK_EARLY_MEDIA_RINGBACK);
   CHECK(h.early == 0);
   CHECK(h.packets >= 40);  // the ringback tone, paced at 20 ms
   CHECK(h.after >= 8);
   CHECK(h.early_after == 0);
}
