// SPDX-License-Identifier: GPL-3.0-or-later
// emit(): the template part of core.h.
#pragma once

#include <boost/asio/post.hpp>

namespace portier::trunk {

template <class T>
void emit(Core &core, const T &record) {
   if (auto added = core.events.add(record); !added.ok()) {
      core.host.warn("trunk.sip: event dropped: " + added.message());
   }
   if (!core.flush_posted) {
      core.flush_posted = true;
      boost::asio::post(core.io, [&core] { flush_events(core); });
   }
}

}  // namespace portier::trunk
