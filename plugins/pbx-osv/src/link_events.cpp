// SPDX-License-Identifier: GPL-3.0-or-later
// Events from the PBX (invoke id 9999), routed to their monitor by monitorCrossRefID.
#include "link_state.h"

namespace portier::osv {

Link::State::Monitors::value_type *Link::State::monitor_of(const std::string &cross_ref) const {
   auto it = by_xref.find(cross_ref);
   return it == by_xref.end() ? nullptr : &*it->second;
}

void Link::State::on_event(csta::Message &m) {
   if (auto *e = std::get_if<csta::CallEvent>(&m)) {
      auto *mon = monitor_of(e->cross_ref_id);
      if (mon == nullptr || map_call_event(e->kind) == 0) return;
      apply(mon->second.model, *e);
      post(call_record(0, mon->first, *e));
      return report_if_changed(*mon);
   }
   if (auto *e = std::get_if<csta::ForwardingEvent>(&m)) {
      auto *mon = monitor_of(e->cross_ref_id);
      if (mon == nullptr) return;
      Features &f = mon->second.model.features;
      apply(f, csta::ForwardingItem{e->forwarding_type, e->on, e->forward_to, 0});
      post(features_record(0, mon->first, f));
      return report_if_changed(*mon);
   }
   if (auto *e = std::get_if<csta::DoNotDisturbEvent>(&m)) {
      auto *mon = monitor_of(e->cross_ref_id);
      if (mon == nullptr) return;
      Features &f = mon->second.model.features;
      f.dnd = e->on;
      post(features_record(0, mon->first, f));
      return report_if_changed(*mon);
   }
   const bool out = std::holds_alternative<csta::OutOfServiceEvent>(m);
   if (out || std::holds_alternative<csta::BackInServiceEvent>(m)) {
      const std::string &xref = out ? std::get<csta::OutOfServiceEvent>(m).cross_ref_id
                                    : std::get<csta::BackInServiceEvent>(m).cross_ref_id;
      auto *mon = monitor_of(xref);
      if (mon == nullptr) return;
      mon->second.model.out_of_service = out;
      return report_if_changed(*mon);
   }
}

}  // namespace portier::osv
