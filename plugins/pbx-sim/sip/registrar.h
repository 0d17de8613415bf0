// SPDX-License-Identifier: GPL-3.0-or-later
// The simulated PBX's registrar for the provider service's trunk (RFC 3261 10.3, in its order):
// a Digest challenge (401) with the configured realm, then the register id (the To user, the
// endpoint alias, case-sensitive: 404 otherwise), then the interval (below the minimum: 423
// with Min-Expires, as the real PBX demands at least 300 s). One binding: the last contact and
// its expiry; Expires 0 removes it. No I/O and no clock of its own: times come in.
#pragma once

#include <cstdint>
#include <deque>
#include <optional>
#include <string>

#include "message.h"
#include "response_route.h"
#include "sip/sip_options.h"

namespace portier::pbxsim {

struct TrunkBinding {
   std::string contact;   // the Contact URI
   sip::Peer peer;        // where requests to it go
   std::uint64_t expires_at_ms = 0;
};

class Registrar {
public:
   Registrar(TrunkAccount account, std::uint32_t min_expires_s);

   // The answer to a REGISTER received at `now_ms`.
   sip::Message handle(const sip::Message &request, std::uint64_t now_ms);
   // The binding while it lives.
   std::optional<TrunkBinding> binding(std::uint64_t now_ms) const;
   std::uint64_t registrations() const { return registrations_; }

private:
   sip::Message challenge(const sip::Message &request, bool stale);
   bool known_nonce(const std::string &nonce) const;

   TrunkAccount account_;
   std::uint32_t min_expires_s_;
   std::deque<std::string> nonces_;  // the last few issued, newest last
   std::optional<TrunkBinding> binding_;
   std::uint64_t registrations_ = 0;
};

}  // namespace portier::pbxsim
