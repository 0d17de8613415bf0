// SPDX-License-Identifier: GPL-3.0-or-later
// The simulated OpenScape Voice's SIP side, a second adapter beside the CSTA server, on the same
// io_context as the office (so the office needs no lock):
// - a registrar for the provider service's trunk (registrar.h);
// - simulated callers, outside numbers that call a CPS number over the trunk (INVITE to the
//   registered contact), send a tone as 20 ms G.711, hold, retrieve and hang up;
// - simulated phones: an INVITE from the trunk to an office number rings that extension in the
//   office model, and the office decides (rings, busy, DND, forwarded, answered by its rule or
//   by CSTA, hung up); the office's change hook wakes the SIP side to carry its decisions
//   back into SIP;
// - office phones calling a CPS number: the office routes the call over the trunk (the number
//   is an outside party), the SIP side sends the INVITE as the PBX does and reports ringing,
//   answer, failure and the trunk's BYE back to the office; the office's hang-up, hold and
//   retrieve become CANCEL or BYE and re-INVITEs;
// - REFER with Replaces on a caller's dialog joins the caller with the phone of the replaced leg
//   inside the simulator and ends both trunk legs with BYE, as the PBX does.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <utility>  // before asio: Boost 1.74 misses it under C++20

#include <boost/asio.hpp>

#include "office/office.h"
#include "runtime/sim_log.h"
#include "sip/cps_numbers.h"
#include "sip/registrar.h"
#include "sip/sip_options.h"

namespace portier::pbxsim {

// One simulated call as tests and logs see it.
struct SipLegInfo {
   bool caller = false;          // a simulated caller's leg; else a phone's (trunk -> office)
   std::string party;            // the caller's number or the phone's extension
   std::string number;           // what the caller dialled / what the trunk called
   std::string state;            // calling, ringing, talking, held, joined, ended
   int final_status = 0;         // the final response of its INVITE (sent or received)
   std::string office_call;      // phones: the office call id
   std::uint64_t rtp_sent = 0;
   std::uint64_t rtp_received = 0;
   bool office = false;          // an office phone's call to a CPS number (caller is true too)
};

struct CallRequest {
   std::string from;                           // an outside number
   std::string to;                             // a CPS number
   std::optional<std::uint32_t> hold_after_ms;    // after the answer; nullopt: never
   std::optional<std::uint32_t> hang_up_after_ms; // after the answer; nullopt: stays
   std::optional<std::uint32_t> give_up_after_ms = std::nullopt; // unanswered this long: CANCEL; nullopt: rings on
};

class SipSide {
public:
   // `office` and `io` must outlive it; `spec` names the office's extensions (for diversions).
   SipSide(boost::asio::io_context &io, Office &office, const OfficeSpec &spec, SipOptions options, SimLog log);
   ~SipSide();
   SipSide(const SipSide &) = delete;
   SipSide &operator=(const SipSide &) = delete;

   // Binds UDP and TCP on 127.0.0.1 and reserves the RTP range; why not, or nullopt.
   std::optional<std::string> open();
   std::uint16_t port() const;

   // On the io_context only from here on.
   // A simulated caller dials a CPS number over the trunk; "" or why not (unregistered: "480 ...").
   std::string place_call(const CallRequest &request);
   // The caller's newest call: BYE (CANCEL while it rings); false when it has none.
   bool hang_up(std::string_view from);
   // re-INVITE sendonly / sendrecv on the caller's call; false when it has no answered call.
   bool hold(std::string_view from, bool on);

   std::optional<TrunkBinding> trunk() const;
   std::vector<SipLegInfo> legs() const;      // live calls
   std::vector<SipLegInfo> finished() const;  // the last 64 that ended, oldest first
   const SipOptions &options() const { return options_; }
   bool is_cps_number(std::string_view number) const { return cps_.contains(number); }

   struct Impl;

private:
   std::unique_ptr<Impl> impl_;
   SipOptions options_;
   CpsNumbers cps_;
};

}  // namespace portier::pbxsim
