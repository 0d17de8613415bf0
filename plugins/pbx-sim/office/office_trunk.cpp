// SPDX-License-Identifier: GPL-3.0-or-later
// Calls to numbers a trunk reaches: the outside connection waits `initiated` until the adapter
// that carries the trunk (the SIP side) reports it ringing, answered or failed; and the
// read-only call views that adapter follows the office by.
#include "office/office.h"

namespace portier::pbxsim {

void Office::route_over_trunk(std::function<bool(std::string_view)> is_trunk_number) {
   trunk_numbers_ = std::move(is_trunk_number);
}

Status Office::external_alerting(std::string_view external, std::string_view call_id) {
   auto leg = leg_of(external, call_id, true);
   if (!leg.ok())
      return {leg.error, {}};
   Connection &connection = *leg.value.connection;
   if (connection.state == ConnectionState::alerting)
      return {};  // 180 after 183: rings already
   if (connection.state != ConnectionState::initiated)
      return {make_error(ErrorValue::invalid_connection_state), {}};
   connection.state = ConnectionState::alerting;
   Call &call = *leg.value.call;
   CallEvent ev = event_for(call, CallEventType::delivered, connection.party, call.cause);
   ev.connected = connection.party;
   emit_to_parties(call, ev);
   return {};
}

Status Office::external_fail(std::string_view external, std::string_view call_id, EventCause cause) {
   auto leg = leg_of(external, call_id, true);
   if (!leg.ok())
      return {leg.error, {}};
   const ConnectionState state = leg.value.connection->state;
   if (state != ConnectionState::initiated && state != ConnectionState::alerting)
      return {make_error(ErrorValue::invalid_connection_state), {}};
   Call &call = *leg.value.call;
   const std::string who(external);
   remove_connection(call, who);
   fail(call, who, cause);
   return {};
}

std::vector<std::string> Office::call_ids() const {
   std::vector<std::string> ids;
   ids.reserve(calls_.size());
   for (const auto &[id, call] : calls_)
      ids.push_back(id);
   return ids;
}

Outcome<CallSnapshot> Office::snapshot_call(std::string_view call_id) const {
   auto it = calls_.find(resolve_call(call_id));
   if (it == calls_.end())
      return {make_error(ErrorValue::invalid_call_id), {}};
   const Call &call = it->second;
   CallSnapshot snap{call.id, call.calling, call.called, {}};
   snap.parties.reserve(call.connections.size());
   for (const auto &c : call.connections)
      snap.parties.push_back({c.party, c.device == nullptr, c.state, c.serial});
   return {std::nullopt, std::move(snap)};
}

} // namespace portier::pbxsim
