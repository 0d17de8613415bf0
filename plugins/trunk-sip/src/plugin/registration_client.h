// SPDX-License-Identifier: GPL-3.0-or-later
// The trunk's REGISTER at the PBX: sends what logic::Registration says is due, answers one
// digest challenge per attempt (401/407) with the password secret, feeds the outcome back, and
// reports the plugin limited while unregistered and running once registered. I/O thread only.
//
// Where REGISTER goes: the configured registrar, or with `domain` the targets of its SRV records
// (`_sip._udp.<domain>`, RFC 3263), looked up again before every attempt, refreshes included. A
// target that does not answer (or answers 5xx) hands over to the next one at once; after the
// last the attempt has failed and the backoff applies. No SRV record at all: the domain's own A
// record on the transport's default port. The target in use stands in the core
// (resolved_registrar_host/port, read by registrar_peer), so second legs and the 302 contact
// follow the registrar too; the settings keep what the administrator wrote.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include <portier/dns/nodes.h>
#include <portier/dns/srv_lookup.h>

#include "registration.h"

namespace portier::trunk {

struct Core;
class AddressQuery;  // registration_client.cpp: one A query, for a domain without SRV records

struct RegistrationClient {
   RegistrationClient();
   ~RegistrationClient();

   Registration timing;
   std::string call_id;       // kept for every REGISTER of this binding (RFC 3261 10.2.4)
   std::uint32_t cseq = 0;
   std::string from_tag;
   bool in_flight = false;    // a REGISTER (or the lookup before it) is under way
   std::int32_t reported_state = -1;
   std::string reported_reason;

   dns::Round targets;                        // this attempt's registrars, in the order tried
   std::string bound_to;                      // "ip:port" of the registrar holding our binding
   std::unique_ptr<dns::SrvLookup> srv;       // with `domain` only
   std::unique_ptr<AddressQuery> fallback;    // likewise
};

// Starts registering (a REGISTER goes out at once).
void start_registration(Core &core);
// Sends a REGISTER when one is due, lets an unrefreshed binding run out and times out DNS
// lookups. [I/O, from tick]
void registration_tick(Core &core);

}  // namespace portier::trunk
