// SPDX-License-Identifier: GPL-3.0-or-later
// trunk.sip under the shared plugin rig (test::PluginUnderTest), with the trunk's events
// recorded (the rig's own reader only keeps the pbx space) and the password secret served.
// Plus the outside world of a trunk test: free ports, a WAV file, SIPp runs and a raw UDP UA.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <portier/kind/trunk.h>

#include "plugin_under_test.h"
#include "sip_wire.h"

namespace trunktest {

// Records every PORTIER_SPACE_TRUNK event the plugin posts; one recorder per process.
struct Recorded {
   std::vector<portier_trunk_result_event> results;
   std::vector<portier_trunk_incoming_event> incoming;
   std::vector<portier_trunk_call_event> calls;  // PROGRESS ... CONNECTED
   std::vector<portier_trunk_channels_event> channels;
   std::vector<portier_trunk_channel_split_event> splits;
};

class Trunk {
public:
   Trunk();
   ~Trunk();
   // Starts the plugin with `settings` (REQUIREd to start).
   void start(const std::string &settings);
   portier_status try_start(const std::string &settings, std::string &why);
   const portier_trunk_v1 &api() const { return *api_; }
   portier_instance *inst() { return plugin.inst; }

   Recorded events();
   // Waits (bounded) until pred holds over the recorded events; runs due host timers meanwhile.
   bool wait(const std::function<bool(const Recorded &)> &pred,
             std::chrono::milliseconds limit = std::chrono::seconds(10));
   std::optional<portier_trunk_result_event> result(std::uint64_t correlation,
                                                    std::chrono::milliseconds limit = std::chrono::seconds(10));
   std::vector<portier_trunk_call_event> calls_of(std::uint16_t type, const std::string &call_id = {});
   // The state last reported and its reason.
   std::int32_t state();
   std::string reason();

   test::PluginUnderTest plugin;

private:
   const portier_trunk_v1 *api_ = nullptr;
};

// Ports on 127.0.0.1 reserved for this test process, so no test running in parallel takes them
// (tests/support/test_ports.h). free_udp_port: free for UDP and TCP. free_stream_port: that, and
// the `tcp_ports` - 1 ports after it too (baresip takes the next one for TLS).
std::uint16_t free_udp_port();
std::uint16_t free_stream_port(std::uint16_t tcp_ports = 1);
// A base for an RTP range of `count` ports.
std::uint16_t free_rtp_base(std::uint32_t count);
// SIPp's media port (-mp): SIPp binds it and the port two above.
std::uint16_t free_sipp_media_port();
// Writes a 16-bit 8 kHz mono WAV of `samples` into the temp dir; returns its path.
std::string write_wav(const std::string &name, const std::vector<std::int16_t> &samples);
std::vector<std::int16_t> test_tone(std::size_t count);

// SIPp as a child process, killed (by pid) when the object goes out of scope.
class Sipp {
public:
   explicit Sipp(std::vector<std::string> args);
   ~Sipp();
   // Waits for SIPp to exit (bounded); its exit status, or -1 on timeout.
   int wait(std::chrono::milliseconds limit);
   bool running();

private:
   int pid_ = -1;
   int status_ = -1;
};
std::string scenario(const std::string &file);

// A raw SIP caller over UDP for tests that check exact responses and carry RTP: one INVITE,
// its statuses, ACK and BYE (DialogUa, dialog_ua.h, for calls that go on inside the dialog).
class RawUa {
public:
   // Sends an INVITE to `number` at 127.0.0.1:`port` offering `formats` ("8 0 101").
   void invite(std::uint16_t port, const std::string &number, const std::string &formats = "8 0 101",
               const std::string &extra_headers = "");
   // Reads responses until a final one (or the limit); every status seen, in order.
   std::vector<int> statuses(std::chrono::milliseconds limit = std::chrono::seconds(5));
   // The last final response's full text.
   const std::string &last_final() const { return last_final_; }
   void ack();     // ACK of the 2xx (or the non-2xx: same shape for this test UA)
   void bye();
   std::uint16_t rtp_port() const { return end_.rtp_port; }
   int rtp_socket() const { return end_.rtp; }
   // The trunk's RTP address from the 200's SDP.
   std::uint16_t remote_rtp_port() const;
   std::string call_id() const { return end_.call_id; }

private:
   std::string request(const std::string &method, int cseq, const std::string &body = "",
                       const std::string &extra = "");
   UaEndpoint end_{"raw-"};
   std::string last_final_;
   std::string branch_;
};

// Sends one RTP packet (PCMA) from `socket` to 127.0.0.1:`port`.
void send_rtp(int socket, std::uint16_t port, std::uint16_t seq, std::uint32_t ts, std::uint8_t fill);
// Receives RTP packets on `socket` for `limit`; each with its arrival time.
struct Packet {
   std::vector<std::uint8_t> bytes;
   std::chrono::steady_clock::time_point at;
};
std::vector<Packet> receive_rtp(int socket, std::chrono::milliseconds limit, std::size_t max_packets = 100000);

}  // namespace trunktest
