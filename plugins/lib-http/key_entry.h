// SPDX-License-Identifier: GPL-3.0-or-later
// A subscribed key as the cloud presence sessions (teams, unify-office, circuit) keep it: whether
// the service's id for it is known yet, that id, and the state last posted, so an unchanged
// state is not posted again. Header-only. Thread tag: [the session thread]; a plain value.
#pragma once

#include <optional>
#include <string>

#include "presence_value.h"

namespace portier::http {

struct KeyEntry {
   enum class Resolution { pending, resolved, unknown };
   Resolution resolution = Resolution::pending;
   std::string id;                          // the service's id, once resolved
   std::optional<PresenceValue> reported;   // last state sent to the host

   // Records `state` as the one reported; false when it was reported last already (nothing to
   // post). Never fails.
   bool take_change(const PresenceValue &state) {
      if (reported && *reported == state) return false;
      reported = state;
      return true;
   }
};

}  // namespace portier::http
