// SPDX-License-Identifier: GPL-3.0-or-later
// A UCWA contact's presence (docs/protocols/presence-calendar.md §5.2 and §0.1): the body of
// people/{address}/presence, its availability and activity mapped to Portier's, and the contact
// address a presence href names. Values compare case-insensitively; an unknown availability is
// Unknown, an unknown activity is PORTIER_ACTIVITY_OTHER with its text (the activity is a
// localisable string, so only the well-known tokens have a meaning).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <portier/result.hpp>

#include "presence_value.h"

namespace portier::skype {

// What a Portier presence event carries besides its key and time (lib-http's, shared by the
// presence plugins).
using PortierPresence = http::PresenceValue;

struct UcwaPresence {
   std::string availability;  // Online, IdleOnline, Busy, IdleBusy, DoNotDisturb, BeRightBack, Away, Offline
   std::string activity;      // in-a-meeting, on-the-phone, ... or a localised text
   std::string self;          // _links.self.href: names the contact
};

// [any]
PortierPresence map_presence(const UcwaPresence &ucwa);

// Fails (PORTIER_ERR_INVALID) when the body is not a JSON object. [any]
Result<UcwaPresence> parse_presence(std::string_view body);

// The contact a people href names, lower case without "sip:":
// ".../people/Anna@Example.org/presence" -> "anna@example.org"; "" when there is no people segment.
// [any]
std::string address_from_href(std::string_view href);

// The SIP URI UCWA subscribes for a key: "sip:" + the address (e-mail keys are the SIP address, as
// Skype for Business sign-in addresses usually are), lower case. "" for an empty address. [any]
std::string sip_uri_of(std::string_view key);

// The contact's presence path below the application: "{app}/people/{address}/presence". [any]
std::string presence_path(std::string_view application_href, std::string_view address);

}  // namespace portier::skype
