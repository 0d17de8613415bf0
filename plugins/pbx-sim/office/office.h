// SPDX-License-Identifier: GPL-3.0-or-later
// The simulated OpenScape Voice's office: extensions, calls and their connections, forwarding and
// do-not-disturb, driven by CSTA-like commands and by a clock the caller advances. No I/O, no
// threads, no wall clock: the same commands give the same event stream.
#pragma once

#include "office/office_events.h"
#include "office/office_types.h"

#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace portier::pbxsim {

class Office {
public:
   // Duplicate numbers in `spec` keep the first entry; check_spec() reports them.
   explicit Office(OfficeSpec spec);

   // Monitoring: only monitored devices produce events. One monitor per device; starting it
   // again returns the same cross-reference id.
   Outcome<std::string> monitor_start(std::string_view device);
   Status monitor_stop(std::string_view cross_ref);

   // Call control at an extension.
   Outcome<ConnectionRef> make_call(std::string_view device, std::string_view number);
   Status answer(std::string_view device, std::string_view call_id);
   Status clear_connection(std::string_view device, std::string_view call_id);
   Status hold(std::string_view device, std::string_view call_id);
   Status retrieve(std::string_view device, std::string_view call_id);
   Outcome<ConnectionRef> consultation_call(std::string_view device, std::string_view held_call,
                                            std::string_view number);
   // Returns the call the two remaining parties are in, with the transferred-to device.
   Outcome<ConnectionRef> transfer(std::string_view device, std::string_view held_call,
                                   std::string_view active_call);
   Outcome<ConnectionRef> single_step_transfer(std::string_view device, std::string_view call_id,
                                               std::string_view number);
   Status deflect(std::string_view device, std::string_view call_id, std::string_view number);
   // Joins the held and the active call of `device` into one call of every party of both;
   // returns that call at `device`.
   Outcome<ConnectionRef> conference(std::string_view device, std::string_view held_call,
                                     std::string_view active_call);

   // Features of an extension.
   Status set_forwarding(std::string_view device, ForwardType type, bool on, std::string_view number);
   Outcome<ForwardingSettings> get_forwarding(std::string_view device) const;
   Status set_dnd(std::string_view device, bool on);
   Outcome<bool> get_dnd(std::string_view device) const;
   // Out of service: new calls to the device fail, its monitor sees OutOfServiceEvent (and sees
   // it again when a monitor starts on it, since CSTA has no query for it); back in service:
   // BackInServiceEvent.
   Status set_in_service(std::string_view device, bool in_service);
   Outcome<DeviceSnapshot> snapshot_device(std::string_view device) const;

   // Parties outside the office.
   Outcome<ConnectionRef> incoming_call(std::string_view from_external, std::string_view to_number);
   Status external_answer(std::string_view external, std::string_view call_id);
   Status external_clear(std::string_view external, std::string_view call_id);

   // Numbers a trunk reaches (the provider service's CPS numbers, when the SIP side runs):
   // they count as outside parties, and a call to one waits with the outside connection
   // `initiated` and no Delivered until the trunk says it rings (external_alerting) or answers
   // (external_answer), or fails it (external_fail). nullptr: none.
   void route_over_trunk(std::function<bool(std::string_view)> is_trunk_number);
   // The outside party the trunk reached rings: its connection alerts, Delivered to the parties.
   Status external_alerting(std::string_view external, std::string_view call_id);
   // The outside party could not be reached or refused (busy, unreachable, no answer): its
   // connection leaves and the caller's connection fails with `cause`, as route() fails a call.
   Status external_fail(std::string_view external, std::string_view call_id, EventCause cause);

   // Read-only views for adapters: every call id (in no particular order) and one call with
   // its parties; a call id merged away by a transfer is followed to its call.
   std::vector<std::string> call_ids() const;
   Outcome<CallSnapshot> snapshot_call(std::string_view call_id) const;

   // Moves the clock and fires what falls due: auto-answer, hang-up, no-answer forwarding.
   void advance(std::uint64_t ms);
   std::uint64_t now_ms() const { return now_ms_; }

   // Events in the order they happened; draining empties the queue.
   std::vector<OfficeEvent> drain_events();
   // Called whenever a call changes, monitored or not (each change yields its events here), so
   // an adapter that follows calls by their state (the SIP side) wakes on change instead of
   // polling. The hook must not call back into the office: post the work. nullptr removes it.
   void on_change(std::function<void()> hook) { changed_ = std::move(hook); }
   std::size_t pending_events() const { return events_.size(); }
   std::size_t call_count() const { return calls_.size(); }
   std::size_t monitor_count() const { return monitors_.size(); }

private:
   struct StringHash {
      using is_transparent = void;
      std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
   };
   template <typename V>
   using StringMap = std::unordered_map<std::string, V, StringHash, std::equal_to<>>;

   struct Device {
      ExtensionSpec spec;
      std::string cross_ref; // "" when not monitored
      bool dnd = false;
      ForwardingSettings forwarding;
      std::vector<std::string> calls; // calls it has a connection in, oldest first
   };
   struct Connection {
      std::string party;       // extension or external number
      Device *device;          // nullptr for an external party
      ConnectionState state;
      std::uint64_t serial;    // identifies this connection for timers
   };
   struct Call {
      std::string id;
      std::string calling;
      std::string called;
      std::string redirecting;
      EventCause cause = EventCause::new_call; // reported with Delivered / Established
      std::uint32_t forward_hops = 0;
      std::vector<std::string> offered;        // devices this call was offered to, for loops
      std::vector<Connection> connections;     // originating party first
   };
   enum class TimerKind { auto_answer, hang_up, no_answer };
   struct Timer {
      TimerKind kind;
      std::string party;
      std::string call_id;
      std::uint64_t serial;
   };

   // Lookup (office.cpp).
   Device *find_device(std::string_view number);
   const Device *find_device(std::string_view number) const;
   Call *find_call(std::string_view call_id);
   static Connection *find_connection(Call &call, std::string_view party);
   bool is_external(std::string_view number) const;
   bool is_reachable(std::string_view number) const;
   DeviceState state_of(const Device &device) const;
   bool has_active_connection(const Device &device, std::string_view except_call = {}) const;

   // Events (office.cpp).
   CallEvent event_for(const Call &call, CallEventType type, std::string_view subject,
                       EventCause cause) const;
   // To every monitored party of `call`; `departed` is reported with local state null.
   void emit_to_parties(const Call &call, const CallEvent &proto, std::string_view departed = {});
   void emit_to_device(const Device &device, CallEvent event, ConnectionState local_state);

   // Call bookkeeping (office_calls.cpp).
   Call &new_call(std::string calling, std::string called);
   std::string next_call_id();
   void add_connection(Call &call, std::string_view party, ConnectionState state);
   void remove_connection(Call &call, std::string_view party);
   void release_call(Call &call, std::string_view releasing, EventCause cause);
   static void forget_call(Device &device, std::string_view call_id);
   void clear_party(Call &call, std::string_view party, EventCause cause);
   void answer_connection(Call &call, Connection &connection);
   Outcome<ConnectionRef> originate(Device &device, std::string_view number, EventCause initiated,
                                    EventCause originated);
   struct Leg {
      Call *call = nullptr;
      Connection *connection = nullptr;
   };
   // The connection of `party` in `call_id`, or invalidDeviceID / invalidCallID / invalidConnectionID.
   Outcome<Leg> leg_of(std::string_view party, std::string_view call_id, bool external);
   // The held and the active call of `device` that a transfer or a conference joins, checked:
   // two different calls, one held and one talking, each with another party.
   struct JoinLegs {
      Leg held;
      Leg active;
   };
   Outcome<JoinLegs> legs_to_join(std::string_view device, std::string_view held_call,
                                  std::string_view active_call);
   // Answer and clear are the same for an extension and an outside party.
   Status answer_leg(std::string_view party, std::string_view call_id, bool external);
   Status clear_leg(std::string_view party, std::string_view call_id, bool external);

   // Routing (office_routing.cpp): offers `call` to `number`, with forwarding, DND and busy.
   void route(Call &call, std::string number);
   void divert(Call &call, Device &from, std::string_view to, EventCause cause, bool was_alerting);
   void fail(Call &call, std::string_view target, EventCause cause);
   bool may_forward(const Call &call, std::string_view destination) const;

   // Clock (office_clock.cpp).
   void schedule(std::uint64_t delay_ms, TimerKind kind, std::string_view party,
                 std::string_view call_id, std::uint64_t serial);
   void fire(const Timer &timer);
   std::string resolve_call(std::string_view call_id) const;

   OfficeSpec spec_;
   StringMap<Device> devices_;
   StringMap<bool> externals_;
   std::function<void()> changed_;
   std::function<bool(std::string_view)> trunk_numbers_;
   StringMap<Call> calls_;
   StringMap<std::string> monitors_;  // cross-ref id -> device
   StringMap<std::string> merged_;    // call id -> the call it was transferred into
   std::map<std::pair<std::uint64_t, std::uint64_t>, Timer> timers_; // (due, sequence)
   std::deque<OfficeEvent> events_;
   std::uint64_t now_ms_ = 0;
   std::uint64_t next_call_ = 1;
   std::uint64_t next_monitor_ = 1136370001;
   std::uint64_t next_serial_ = 1;
   std::uint64_t next_timer_ = 1;
};

} // namespace portier::pbxsim
