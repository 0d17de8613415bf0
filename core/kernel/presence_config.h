// SPDX-License-Identifier: GPL-3.0-or-later
// The `presence` section as plain data: which presence plugin (one system per installation)
// watches the people of which tenants, when a part of a person's state counts as stale, and in
// which order phone state and presence decide the one state a console shows (docs/presence.md).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace portier::kernel {

// One step of the precedence list; the first step that applies decides the contact's summary.
enum class PrecedenceRule {
   phone_active,  // a phone ringing, busy or held (not stale): busy, from the phone
   phone_dnd,     // a phone in do-not-disturb (not stale): dnd, from the phone
   presence,      // a known presence that is not stale: its availability, from presence
   phone,         // any known phone state that is not stale (idle: available, ...), from the phone
   any_stale,     // the most recently confirmed known part even if stale, marked stale
};

struct PresenceConfig {
   bool configured = false;            // the section is present and not empty
   std::string plugin;                 // a configured plugin instance id, of kind presence
   bool all_tenants = false;           // tenants: "*"
   std::vector<std::string> tenants;   // otherwise these, each a configured tenant
   std::int64_t stale_after_s = 900;   // a part whose plugin has not run for this long is marked stale
   std::vector<PrecedenceRule> precedence = {PrecedenceRule::phone_active, PrecedenceRule::phone_dnd,
                                             PrecedenceRule::presence, PrecedenceRule::phone,
                                             PrecedenceRule::any_stale};
   std::size_t max_keys = 100000;      // keys subscribed at most; more are left out with a warning
   std::string path = "presence";      // the file, line and column of the `plugin:` value, for messages
   std::string file;
   int line = 0;
   int column = 0;
   // The settings in one line, so a reload can tell whether they changed (a restart applies them).
   std::string canonical;
};

// The name the configuration uses for `rule` ("phone_active", ...).
const char *name_of(PrecedenceRule rule);

}  // namespace portier::kernel
