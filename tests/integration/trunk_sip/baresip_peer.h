// SPDX-License-Identifier: GPL-3.0-or-later
// baresip (/usr/bin/baresip 1.0.0) as a second, independent SIP peer of trunk.sip's tests: run
// headless with a config dir the test writes, driven by its stdio module (commands on stdin),
// watched through its stdout, and killed by pid at the end. Everything on 127.0.0.1. The config
// folder (/tmp/trunk-sip-test-baresip-<pid>-<n>) goes with the peer; with the environment
// variable PORTIER_KEEP_TEST_DIRS set it stays, holding baresip's output in output.log.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

namespace trunktest {

struct BaresipOptions {
   std::string user = "baresip";  // account user part: the number this UA answers to
   bool auto_answer = false;      // answermode=auto
   std::string wav;               // audio source (8 kHz mono 16-bit WAV); at its end baresip hangs up
   int lifetime_s = 60;           // baresip quits by itself after this (-t), whatever the test does
};

// The RTP counters baresip prints when a call ends (config rtp_stats).
struct RtpCounts {
   long sent = 0;
   long received = 0;
};

class Baresip {
public:
   explicit Baresip(BaresipOptions options);
   ~Baresip();
   Baresip(const Baresip &) = delete;
   Baresip &operator=(const Baresip &) = delete;

   // Waits (bounded) for baresip's "ready" line; false when it did not start (see output()).
   bool ready();
   // Our SIP port (UDP and TCP; baresip takes the next one for TLS).
   std::uint16_t sip_port() const { return sip_port_; }
   // One stdio command line, e.g. "/dial sip:+4989700710@127.0.0.1:5092" or "/hangup".
   void command(const std::string &line);
   // Waits (bounded) until `text` appears in the output after offset `from`; its end offset.
   std::optional<std::size_t> wait_for(const std::string &text, std::chrono::milliseconds limit,
                                       std::size_t from = 0);
   // The counters of the call that ended after offset `from` (waits for them, bounded).
   std::optional<RtpCounts> counts(std::chrono::milliseconds limit, std::size_t from = 0);
   // All output so far (for INFO on failure).
   std::string output();

private:
   void read_loop();

   std::string dir_;
   std::uint16_t sip_port_ = 0;
   int pid_ = -1;
   int stdin_ = -1;
   int stdout_ = -1;
   int wake_[2] = {-1, -1};  // closes the reader down
   std::thread reader_;
   std::mutex mu_;
   std::condition_variable changed_;
   std::string out_;
};

// A 16-bit 8 kHz mono WAV of `seconds` holding one constant sample value: its PCMA packets have
// 160 equal payload bytes, easy to tell from any other audio at the far end.
std::string constant_wav(const std::string &name, std::int16_t level, int seconds);

}  // namespace trunktest
