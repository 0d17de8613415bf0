// SPDX-License-Identifier: GPL-3.0-or-later
// The callers of the benchmark: one SIP user agent on one UDP socket of 127.0.0.1 placing many
// calls to the trunk (INVITE with a PCMA offer whose RTP address is one of the drain's ports,
// ACK of the final response, BYE at the end) and answering what the trunk asks of it
// (REGISTER, BYE, UPDATE, OPTIONS: 200). Retransmits over UDP within fixed bounds.
// Single-threaded: used from the benchmark's main thread only.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace portier::bench {

struct UaCounters {
   std::size_t invited = 0;
   std::size_t confirmed = 0;    // 200 received and ACKed
   std::size_t failed = 0;       // final non-2xx or no answer
   std::size_t ended = 0;        // our BYE answered 200
   std::size_t ended_by_trunk = 0;
   std::size_t registers = 0;
   std::size_t retransmits = 0;
   std::map<int, std::size_t> failures;  // by status, 0 for a timeout
};

class CallerUa {
public:
   // `number_of(i)` is what call i dials; call i's offer points at rtp_ports[i % size].
   CallerUa(std::size_t calls, std::uint16_t trunk_port, std::vector<std::string> numbers_by_call,
            std::vector<std::uint16_t> rtp_ports);
   ~CallerUa();
   CallerUa(const CallerUa &) = delete;
   CallerUa &operator=(const CallerUa &) = delete;

   bool ok() const { return fd_ >= 0; }
   std::uint16_t port() const { return port_; }
   void invite(std::size_t i);
   void hang_up(std::size_t i);
   bool confirmed(std::size_t i) const;
   // Reads and handles what arrived, waiting at most `wait_ms` for the first datagram.
   void poll(int wait_ms);
   // Resends INVITEs and BYEs left unanswered; gives up on them after a few tries.
   void retransmit();
   // No INVITE or BYE waits for an answer.
   bool settled() const;
   const UaCounters &counters() const { return counters_; }

private:
   enum class State : std::uint8_t { idle, inviting, confirmed, failed, hanging_up, ended };
   struct Call {
      State state = State::idle;
      bool provisional = false;
      std::uint8_t tries = 0;
      std::int64_t sent_ms = 0;
      std::int64_t first_ms = 0;
      std::string to_tag;
   };
   std::string request(std::size_t i, const std::string &method, const std::string &branch, int cseq,
                       const std::string &uri, const std::string &body) const;
   void send(const std::string &text);
   void handle(const char *data, std::size_t size);
   void on_response(const std::string &msg);
   void on_request(const std::string &msg);
   void send_invite(std::size_t i);
   void send_bye(std::size_t i);

   int fd_ = -1;
   std::uint16_t port_ = 0;
   std::uint16_t trunk_port_ = 0;
   std::vector<std::string> numbers_;
   std::vector<std::uint16_t> rtp_ports_;
   std::vector<Call> calls_;
   std::string tag_;           // per run, so Call-IDs of two runs never meet
   std::string remote_target_;  // the trunk's Contact, from its first 200
   std::size_t waiting_ = 0;    // INVITEs and BYEs without a final answer
   UaCounters counters_;
};

}  // namespace portier::bench
