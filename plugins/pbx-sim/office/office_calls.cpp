// SPDX-License-Identifier: GPL-3.0-or-later
// Call control: the CSTA services an attendant or an outside party drives.
#include "office/office.h"

#include <algorithm>
#include <cstdio>

namespace portier::pbxsim {
namespace {

template <typename T>
Outcome<T> refuse(ErrorValue value) {
   return {make_error(value), {}};
}

std::size_t other_parties(const auto &call, std::string_view party) {
   return static_cast<std::size_t>(std::count_if(call.connections.begin(), call.connections.end(),
                                                  [&](const auto &c) { return c.party != party; }));
}

} // namespace

// OSV call ids are 32 hex characters; a counter keeps them deterministic.
std::string Office::next_call_id() {
   char buf[40];
   std::snprintf(buf, sizeof buf, "FF0001%026llX", static_cast<unsigned long long>(next_call_++));
   return buf;
}

Office::Call &Office::new_call(std::string calling, std::string called) {
   std::string id = next_call_id();
   Call &call = calls_[id];
   call.id = id;
   call.calling = std::move(calling);
   call.called = std::move(called);
   return call;
}

void Office::add_connection(Call &call, std::string_view party, ConnectionState state) {
   Device *device = find_device(party);
   call.connections.push_back(Connection{std::string(party), device, state, next_serial_++});
   if (device)
      device->calls.push_back(call.id);
}

void Office::forget_call(Device &device, std::string_view call_id) {
   auto it = std::find(device.calls.begin(), device.calls.end(), call_id);
   if (it != device.calls.end())
      device.calls.erase(it);
}

void Office::remove_connection(Call &call, std::string_view party) {
   auto it = std::find_if(call.connections.begin(), call.connections.end(),
                          [&](const Connection &c) { return c.party == party; });
   if (it == call.connections.end())
      return;
   if (it->device)
      forget_call(*it->device, call.id);
   call.connections.erase(it);
}

// A two-party call ends for both when one leaves: every monitor sees one ConnectionCleared
// naming the releasing device, with its own connection null.
void Office::release_call(Call &call, std::string_view releasing, EventCause cause) {
   const CallEvent proto = event_for(call, CallEventType::connection_cleared, releasing, cause);
   for (const auto &c : call.connections)
      if (c.device)
         emit_to_device(*c.device, proto, ConnectionState::null);
   for (const auto &c : call.connections)
      if (c.device)
         forget_call(*c.device, call.id);
   const std::string id = call.id;
   calls_.erase(id);
}

void Office::clear_party(Call &call, std::string_view party, EventCause cause) {
   const std::string who(party);
   if (call.connections.size() <= 2) {
      release_call(call, who, cause);
      return;
   }
   emit_to_parties(call, event_for(call, CallEventType::connection_cleared, who, cause), who);
   remove_connection(call, who);
}

void Office::answer_connection(Call &call, Connection &connection) {
   connection.state = ConnectionState::connected;
   CallEvent ev = event_for(call, CallEventType::established, connection.party, call.cause);
   ev.connected = connection.party;
   emit_to_parties(call, ev);
   if (connection.device && connection.device->spec.rules.hang_up_after_ms)
      schedule(*connection.device->spec.rules.hang_up_after_ms, TimerKind::hang_up, connection.party,
               call.id, connection.serial);
}

Outcome<Office::Leg> Office::leg_of(std::string_view party, std::string_view call_id, bool external) {
   if (external ? !is_external(party) : !find_device(party))
      return refuse<Leg>(ErrorValue::invalid_device_id);
   Call *call = find_call(call_id);
   if (!call)
      return refuse<Leg>(ErrorValue::invalid_call_id);
   Connection *connection = find_connection(*call, party);
   if (!connection)
      return refuse<Leg>(ErrorValue::invalid_connection_id);
   return {std::nullopt, Leg{call, connection}};
}

Outcome<ConnectionRef> Office::originate(Device &device, std::string_view number,
                                         EventCause initiated, EventCause originated) {
   Call &call = new_call(device.spec.number, std::string(number));
   const std::string id = call.id;
   add_connection(call, device.spec.number, ConnectionState::initiated);
   emit_to_parties(call, event_for(call, CallEventType::service_initiated, device.spec.number, initiated));
   call.connections.front().state = ConnectionState::connected;
   emit_to_parties(call, event_for(call, CallEventType::originated, device.spec.number, originated));
   route(call, std::string(number));
   return {std::nullopt, ConnectionRef{id, device.spec.number}};
}

Outcome<ConnectionRef> Office::make_call(std::string_view number, std::string_view destination) {
   Device *device = find_device(number);
   if (!device)
      return refuse<ConnectionRef>(ErrorValue::invalid_device_id);
   if (!device->spec.in_service || has_active_connection(*device))
      return refuse<ConnectionRef>(ErrorValue::invalid_device_state);
   if (!is_reachable(destination) || destination == number)
      return refuse<ConnectionRef>(ErrorValue::invalid_destination);
   return originate(*device, destination, EventCause::make_call, EventCause::new_call);
}

Status Office::answer_leg(std::string_view party, std::string_view call_id, bool external) {
   auto leg = leg_of(party, call_id, external);
   if (!leg.ok())
      return {leg.error, {}};
   const ConnectionState state = leg.value.connection->state;
   // An outside party over the trunk may answer before it ever rang.
   if (state != ConnectionState::alerting && !(external && state == ConnectionState::initiated))
      return refuse<Done>(ErrorValue::no_call_to_answer);
   answer_connection(*leg.value.call, *leg.value.connection);
   return {};
}

Status Office::clear_leg(std::string_view party, std::string_view call_id, bool external) {
   auto leg = leg_of(party, call_id, external);
   if (!leg.ok())
      return {leg.error, {}};
   clear_party(*leg.value.call, party, EventCause::normal_clearing);
   return {};
}

Status Office::answer(std::string_view device, std::string_view call_id) {
   return answer_leg(device, call_id, false);
}

Status Office::clear_connection(std::string_view device, std::string_view call_id) {
   return clear_leg(device, call_id, false);
}

Status Office::hold(std::string_view device, std::string_view call_id) {
   auto leg = leg_of(device, call_id, false);
   if (!leg.ok())
      return {leg.error, {}};
   if (leg.value.connection->state != ConnectionState::connected)
      return refuse<Done>(ErrorValue::no_active_call);
   leg.value.connection->state = ConnectionState::held;
   emit_to_parties(*leg.value.call, event_for(*leg.value.call, CallEventType::held, device, EventCause::normal));
   return {};
}

Status Office::retrieve(std::string_view device, std::string_view call_id) {
   auto leg = leg_of(device, call_id, false);
   if (!leg.ok())
      return {leg.error, {}};
   if (leg.value.connection->state != ConnectionState::held)
      return refuse<Done>(ErrorValue::no_held_call);
   if (has_active_connection(*leg.value.connection->device, call_id))
      return refuse<Done>(ErrorValue::invalid_device_state);
   leg.value.connection->state = ConnectionState::connected;
   emit_to_parties(*leg.value.call,
                   event_for(*leg.value.call, CallEventType::retrieved, device, EventCause::normal));
   return {};
}

Outcome<ConnectionRef> Office::consultation_call(std::string_view device, std::string_view held_call,
                                                 std::string_view number) {
   auto leg = leg_of(device, held_call, false);
   if (!leg.ok())
      return {leg.error, {}};
   if (leg.value.connection->state != ConnectionState::connected)
      return refuse<ConnectionRef>(ErrorValue::no_active_call);
   if (!is_reachable(number) || number == device)
      return refuse<ConnectionRef>(ErrorValue::invalid_destination);
   leg.value.connection->state = ConnectionState::held;
   emit_to_parties(*leg.value.call,
                   event_for(*leg.value.call, CallEventType::held, device, EventCause::consultation));
   return originate(*leg.value.connection->device, number, EventCause::consultation,
                    EventCause::consultation);
}

Outcome<Office::JoinLegs> Office::legs_to_join(std::string_view device, std::string_view held_call,
                                               std::string_view active_call) {
   auto held = leg_of(device, held_call, false);
   if (!held.ok())
      return {held.error, {}};
   auto active = leg_of(device, active_call, false);
   if (!active.ok())
      return {active.error, {}};
   if (held.value.call == active.value.call)
      return refuse<JoinLegs>(ErrorValue::request_incompatible_with_object);
   if (held.value.connection->state != ConnectionState::held)
      return refuse<JoinLegs>(ErrorValue::no_held_call);
   if (active.value.connection->state != ConnectionState::connected)
      return refuse<JoinLegs>(ErrorValue::no_active_call);
   if (other_parties(*held.value.call, device) == 0 || other_parties(*active.value.call, device) == 0)
      return refuse<JoinLegs>(ErrorValue::invalid_object_state);
   return {std::nullopt, {held.value, active.value}};
}

Outcome<ConnectionRef> Office::transfer(std::string_view device, std::string_view held_call,
                                        std::string_view active_call) {
   auto legs = legs_to_join(device, held_call, active_call);
   if (!legs.ok())
      return {legs.error, {}};
   Call &first = *legs.value.held.call;
   Call &second = *legs.value.active.call;

   Device &transferring = *legs.value.held.connection->device;
   const std::string me = transferring.spec.number;
   std::string calling = first.calling;
   if (calling == me)
      for (const auto &c : first.connections)
         if (c.party != me) {
            calling = c.party;
            break;
         }
   std::string called;
   for (const auto &c : second.connections)
      if (c.party != me) {
         called = c.party;
         break;
      }

   Call &merged = new_call(calling, called);
   merged.redirecting = me;
   merged.cause = EventCause::transfer;
   for (Call *old : {&first, &second})
      for (const auto &c : old->connections) {
         if (c.party == me)
            continue;
         merged.connections.push_back(c);
         if (c.device) {
            forget_call(*c.device, old->id);
            c.device->calls.push_back(merged.id);
         }
      }

   CallEvent proto = event_for(first, CallEventType::transferred, me, EventCause::transfer);
   proto.secondary_call_id = second.id;
   proto.new_call_id = merged.id;
   proto.calling = merged.calling;
   proto.called = merged.called;
   proto.connected = merged.called;
   proto.redirecting = me;
   emit_to_parties(first, proto, me);
   for (const auto &c : second.connections)
      if (c.party != me && c.device)
         emit_to_device(*c.device, proto, c.state);
   emit_to_device(transferring, event_for(first, CallEventType::connection_cleared, me, EventCause::transfer),
                  ConnectionState::null);
   emit_to_device(transferring, event_for(second, CallEventType::connection_cleared, me, EventCause::transfer),
                  ConnectionState::null);

   const std::string first_id = first.id, second_id = second.id;
   forget_call(transferring, first_id);
   forget_call(transferring, second_id);
   merged_[first_id] = merged.id;
   merged_[second_id] = merged.id;
   calls_.erase(first_id);
   calls_.erase(second_id);
   return {std::nullopt, ConnectionRef{merged.id, merged.called}};
}

Outcome<ConnectionRef> Office::single_step_transfer(std::string_view device, std::string_view call_id,
                                                    std::string_view number) {
   auto leg = leg_of(device, call_id, false);
   if (!leg.ok())
      return {leg.error, {}};
   const ConnectionState state = leg.value.connection->state;
   if (state != ConnectionState::connected && state != ConnectionState::held)
      return refuse<ConnectionRef>(ErrorValue::no_active_call);
   if (!is_reachable(number) || number == device)
      return refuse<ConnectionRef>(ErrorValue::invalid_destination);
   Call &old = *leg.value.call;
   if (other_parties(old, device) == 0)
      return refuse<ConnectionRef>(ErrorValue::invalid_object_state);

   Device &transferring = *leg.value.connection->device;
   const std::string me = transferring.spec.number;
   std::string transferee;
   for (const auto &c : old.connections)
      if (c.party != me) {
         transferee = c.party;
         break;
      }
   Call &moved = new_call(transferee, std::string(number));
   const std::string moved_id = moved.id;
   moved.redirecting = me;
   moved.cause = EventCause::single_step_transfer;
   for (const auto &c : old.connections) {
      if (c.party == me)
         continue;
      moved.connections.push_back(c);
      if (c.device) {
         forget_call(*c.device, old.id);
         c.device->calls.push_back(moved.id);
      }
   }

   CallEvent proto = event_for(old, CallEventType::transferred, me, EventCause::single_step_transfer);
   proto.new_call_id = moved.id;
   proto.calling = moved.calling;
   proto.called = moved.called;
   proto.connected = moved.called;
   proto.redirecting = me;
   emit_to_parties(old, proto, me);

   const std::string old_id = old.id;
   forget_call(transferring, old_id);
   merged_[old_id] = moved_id;
   calls_.erase(old_id);
   route(moved, std::string(number));
   return {std::nullopt, ConnectionRef{moved_id, std::string(number)}};
}

Status Office::deflect(std::string_view device, std::string_view call_id, std::string_view number) {
   auto leg = leg_of(device, call_id, false);
   if (!leg.ok())
      return {leg.error, {}};
   if (leg.value.connection->state != ConnectionState::alerting)
      return refuse<Done>(ErrorValue::invalid_connection_state);
   if (!is_reachable(number) || number == device)
      return refuse<Done>(ErrorValue::invalid_destination);
   Call &call = *leg.value.call;
   divert(call, *leg.value.connection->device, number, EventCause::redirected, true);
   route(call, std::string(number));
   return {};
}

// The conference goes on under a new call id, as a transfer does: every party of both calls,
// the conferencing device once and talking. Every monitored party sees one ConferencedEvent
// naming both old calls and its connection in the new one.
Outcome<ConnectionRef> Office::conference(std::string_view device, std::string_view held_call,
                                          std::string_view active_call) {
   auto legs = legs_to_join(device, held_call, active_call);
   if (!legs.ok())
      return {legs.error, {}};
   Call &first = *legs.value.held.call;
   Call &second = *legs.value.active.call;

   Device &conferencing = *legs.value.held.connection->device;
   const std::string me = conferencing.spec.number;
   std::string added;
   for (const auto &c : second.connections)
      if (c.party != me) {
         added = c.party;
         break;
      }

   Call &joined = new_call(first.calling, first.called);
   joined.redirecting = first.redirecting;
   joined.cause = EventCause::conference;
   for (Call *old : {&first, &second})
      for (const auto &c : old->connections) {
         if (c.device)
            forget_call(*c.device, old->id);
         const bool mine = c.party == me;
         if (mine && find_connection(joined, me))
            continue;
         joined.connections.push_back(c);
         if (mine)
            joined.connections.back().state = ConnectionState::connected;
         if (c.device)
            c.device->calls.push_back(joined.id);
      }

   CallEvent proto = event_for(first, CallEventType::conferenced, me, EventCause::conference);
   proto.secondary_call_id = second.id;
   proto.new_call_id = joined.id;
   proto.connected = added;
   emit_to_parties(joined, proto);

   const std::string first_id = first.id, second_id = second.id, joined_id = joined.id;
   merged_[first_id] = joined_id;
   merged_[second_id] = joined_id;
   calls_.erase(first_id);
   calls_.erase(second_id);
   return {std::nullopt, ConnectionRef{joined_id, me}};
}

Outcome<ConnectionRef> Office::incoming_call(std::string_view from_external, std::string_view to_number) {
   if (!is_external(from_external))
      return refuse<ConnectionRef>(ErrorValue::invalid_device_id);
   if (!find_device(to_number))
      return refuse<ConnectionRef>(ErrorValue::invalid_destination);
   Call &call = new_call(std::string(from_external), std::string(to_number));
   const std::string id = call.id;
   add_connection(call, from_external, ConnectionState::connected);
   route(call, std::string(to_number));
   return {std::nullopt, ConnectionRef{id, std::string(to_number)}};
}

Status Office::external_answer(std::string_view external, std::string_view call_id) {
   return answer_leg(external, call_id, true);
}

Status Office::external_clear(std::string_view external, std::string_view call_id) {
   return clear_leg(external, call_id, true);
}

} // namespace portier::pbxsim
