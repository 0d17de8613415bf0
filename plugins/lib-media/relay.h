// SPDX-License-Identifier: GPL-3.0-or-later
// Connects two legs inside the server: RTP received on one stream goes out on the other with
// the payload passed through (A-law and mu-law converted when the legs differ), and sequence
// number, timestamp and SSRC rewritten to the sending stream's own. Telephone-events pass too,
// mapped to the other leg's payload type. Ends (both directions) when destroyed. Stop any
// Player on the two streams first: a stream sends for one source at a time.
#pragma once

#include <cstdint>

#include "rtp_stream.h"

namespace portier::media {

class Relay {
public:
   Relay(RtpStream &a, RtpStream &b);
   ~Relay();
   Relay(const Relay &) = delete;
   Relay &operator=(const Relay &) = delete;

   std::uint64_t forwarded() const { return forwarded_; }

private:
   struct Direction {
      bool started = false;
      std::uint32_t source_ssrc = 0;
      std::uint32_t offset = 0;  // out timestamp = in timestamp + offset
   };
   void forward(const RtpView &in, RtpStream &from, RtpStream &to, Direction &dir);

   RtpStream &a_;
   RtpStream &b_;
   Direction a_to_b_;
   Direction b_to_a_;
   std::uint64_t forwarded_ = 0;
};

}  // namespace portier::media
