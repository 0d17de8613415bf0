// SPDX-License-Identifier: GPL-3.0-or-later
// Which JID a Portier presence key names: an extension through the configured template
// ("{extension}@uc.example.com"), an e-mail address as itself or as its local part at the XMPP
// domain. JIDs are compared in lower case (nodeprep and nameprep fold ASCII case).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace portier::uc {

struct UcSettings;

// "" when `tpl` is a usable JID template, else why not: it must hold {extension} once, may hold
// {domain}, no other placeholder, and one '@' between a local part and a domain.
std::string template_problem(std::string_view tpl);

// The bare JID for a key, or "" with `why` set (bad characters, unsupported key type).
std::string jid_for_key(const UcSettings &settings, std::int32_t key_type, std::string_view key, std::string &why);

// The bare JID of a stanza address ("Anna@UC.example.com/desk" -> "anna@uc.example.com").
std::string bare_jid(std::string_view address);

// The resource part of a full JID, or "".
std::string_view resource_of(std::string_view address);

}  // namespace portier::uc
