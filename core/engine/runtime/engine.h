// SPDX-License-Identifier: GPL-3.0-or-later
// The engine's call handling for incoming calls: DDI lookup, ring time, queues with music,
// automatic distribution or pick mode, RNA, max time in queue, night and time-overflow variants.
// Single-threaded and deterministic: time comes only from Timers, the trunk only through
// TrunkPort, and every input is a method call. Inputs about unknown calls are noted, never fatal.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/model/engine_data.h"
#include "engine/runtime/attendant.h"
#include "engine/runtime/call.h"
#include "engine/runtime/call_queue.h"
#include "engine/runtime/call_type_rules.h"
#include "engine/runtime/engine_events.h"
#include "engine/runtime/pbx_port.h"
#include "engine/runtime/timers.h"
#include "engine/runtime/trunk_port.h"

namespace portier::engine {

inline constexpr std::string_view kMusicOnHold = "moh";
inline constexpr std::string_view kBusyTone = "busy";  // a busy variant for an answered call
inline constexpr int kSipNotFound = 404;
inline constexpr int kSipBusyHere = 486;
inline constexpr std::uint32_t kDefaultChannelRatio = 3;  // the manual's and trunk.sip's default
// A greeting whose MEDIA_DONE never comes does not keep caller and attendant apart longer.
inline constexpr std::uint32_t kGreetingGuardMs = 6000;
// A connect the trunk neither confirms (CONNECTED) nor refuses within this time counts as failed.
inline constexpr std::uint32_t kHandoverGuardMs = 10000;
// A variant's clip whose MEDIA_DONE never comes: the caller is hung up after this time anyway.
inline constexpr std::uint32_t kBusyToneGuardMs = 10000;
inline constexpr std::uint32_t kAnnouncementGuardMs = 180000;
// A CFU clear the PBX neither confirms nor refuses holds the phone's next call this long at most.
inline constexpr std::uint32_t kForwardingClearGuardMs = 3000;
// A refused CFU clear is sent again after this time, up to kForwardingClearAttempts in all.
inline constexpr std::uint32_t kForwardingRetryMs = 1000;
inline constexpr unsigned kForwardingClearAttempts = 3;

struct IncomingCall {
   std::string call_id;
   std::string caller;  // E.164, "" when withheld
   std::string called;  // E.164
   std::string diverted_from;
   std::string original_called = {};  // the first number dialled before any diversion, or ""
   DiversionReason diversion = DiversionReason::none;  // none: `called` was dialled directly
};

enum class Outcome {
   ok,
   invalid,            // a required field is empty
   unknown_attendant,
   already_logged_on,
   line_in_use,        // another attendant has that personal line
   unknown_call,
   not_waiting,        // the call is not in a queue now
   wrong_mode,         // pick in a tenant with automatic distribution
   not_assigned,       // the attendant does not serve the call's queue
   attendant_busy,
   not_connected,       // hold, transfer, park, page: the attendant is not connected to the call
   not_processing,      // retrieve: the call is not in the processing queue
   no_callback_number,  // park, page: every callback number of the tenant is taken
   unknown_tenant,      // log_on: no tenant of that name
   unsupported,         // dial: no PBX link that can make calls
};

class Engine {
  public:
   Engine(EngineData data, TrunkPort &trunk, Timers &timers, EventSink sink);
   ~Engine();
   Engine(const Engine &) = delete;
   Engine &operator=(const Engine &) = delete;

   // Applies to calls that arrive from now on; calls held keep the rules they arrived with.
   void set_data(EngineData data);

   // From the trunk.
   void on_incoming(const IncomingCall &call);
   void on_answered(std::string_view call_id);
   void on_ended(std::string_view call_id, int sip_status);
   void on_media_done(std::string_view call_id, std::string_view media_id);
   void on_connected(std::string_view call_id, std::string_view other_call_id);
   // The trunk could not connect the two (either order): the other side is hung up and the
   // caller goes back where it was (handover.cpp).
   void on_connect_failed(std::string_view call_id, std::string_view other_call_id, int sip_status);
   // The trunk's channel use (overload.cpp): all channels in use and all it has. Emits
   // ChannelAlert when the level changes; while the calls held fill the processing channels, a
   // new call gets its DDI entry's overload rule. Calls held are never touched.
   void on_channels(std::uint32_t in_use, std::uint32_t total);
   // The same from a trunk that splits its channels itself (CHANNEL_SPLIT): its processing share
   // replaces the ratio, and its plain channel reports are ignored from then on.
   void on_channel_split(std::uint32_t in_use, std::uint32_t total, std::uint32_t processing_in_use,
                         std::uint32_t processing_total);
   // The manual's channel ratio r that splits the trunk's channels (kDefaultChannelRatio if unset).
   void set_channel_ratio(std::uint32_t ratio);
   ChannelLevel channel_level() const { return channel_level_; }

   // From the host: a PBX or trunk link's health (link_state.cpp). Emits LinkState when the
   // state or detail differs from the last one known for that link; a repeat changes nothing.
   void on_link_state(const LinkState &link);
   // Every link heard of, by kind then id; for snapshots.
   std::vector<LinkState> links() const;

   // From attendants.
   Outcome log_on(const LogOn &request);
   Outcome log_off(std::string_view attendant);
   Outcome set_available(std::string_view attendant, bool available);
   Outcome pick(std::string_view attendant, std::string_view call_id);

   // The processing queue (processing_queue.cpp, transfer.cpp, park.cpp). Hold, transfer, blind
   // transfer, park and page act on the attendant's connected call, or on any call in the
   // processing queue of the attendant's tenant; retrieve takes one from there to a free attendant.
   Outcome hold(std::string_view attendant, std::string_view call_id);
   Outcome retrieve(std::string_view attendant, std::string_view call_id);
   Outcome transfer(std::string_view attendant, std::string_view call_id, std::string_view target);
   Outcome blind_transfer(std::string_view attendant, std::string_view call_id, std::string_view target);
   Outcome park(std::string_view attendant, std::string_view call_id);
   Outcome page(std::string_view attendant, std::string_view call_id);
   // The attendant lets go of the call (call_release.cpp): hang_up ends it (the caller's leg is
   // hung up; call_ended reason released); return_to_queue puts it back in its queue at its
   // old place. Both take the attendant's connected call or one in their tenant's processing queue.
   Outcome hang_up(std::string_view attendant, std::string_view call_id);
   Outcome return_to_queue(std::string_view attendant, std::string_view call_id);
   // The attendant's own outgoing call: the PBX makes it from their device (PbxPort::make_call).
   // unsupported when no PBX link is set or it cannot make calls.
   Outcome dial(std::string_view attendant, std::string_view target);

   // Reading state, for front ends' snapshots and for tests.
   const EngineData &data() const { return data_; }
   const Call *find_call(std::string_view call_id) const;
   const Attendant *find_attendant(std::string_view attendant) const;
   AttendantState attendant_state(const Attendant &attendant) const;
   std::vector<std::string> queue_order(std::string_view number, bool personal) const;
   std::size_t call_count() const { return calls_.size(); }
   std::vector<std::string> call_ids() const;
   std::vector<std::string> attendant_ids() const;  // logged on, by name
   // The tenant's processing queue, in the order the calls entered it.
   std::vector<CallProcessing> processing_queue(std::string_view tenant) const;
   // The call parked on `number`, or "" when the number is free.
   std::string parked_on(std::string_view number) const;
   // Broken invariants, one line each; empty when the state is consistent.
   std::vector<std::string> audit() const;

   // CFU of busy attendants' phones to their personal lines (attendant_forwarding.cpp). The PBX
   // link, or nullptr for none; a new link gets each wanted forwarding once more.
   void set_pbx(PbxPort *pbx);
   // Switches off every forwarding the engine set; for an orderly stop.
   void clear_all_forwarding();
   // Where the engine has forwarded `device`, or "" when it has not (or is switching it off).
   std::string forwarded_to(std::string_view device) const;
   // The PBX's answer to a forwarding command (`on`: set, else clear). Until a clear is
   // confirmed, a call for that phone is not placed: the PBX would forward it away. A failed
   // clear is sent again; one the PBX never answers counts as done after kForwardingClearGuardMs.
   void on_forwarding_result(std::string_view device, bool on, bool ok);

  private:
   using Calls = std::map<std::string, Call, std::less<>>;
   using Queues = std::map<std::string, CallQueue, std::less<>>;

   Call *call_by_id(std::string_view call_id);
   Call *call_by_leg(std::string_view leg_id);
   Attendant *attendant_by_id(std::string_view attendant);
   CallQueue &queue_of(const Call &call);
   std::string next_leg_id();
   void note(std::string_view call_id, std::string text);
   void emit(EngineEvent event);
   void emit_attendant(const Attendant &attendant);

   // Call life (engine.cpp).
   void on_ring_time_over(const std::string &call_id);
   void on_queue_time_over(const std::string &call_id);
   void enqueue(Call &call, bool returned);
   void finish(const std::string &call_id, EndReason reason, std::string target = {});
   void caller_ended(Call &call);
   void leg_ended(Call &call);
   void leg_answered(Call &call);

   // Greeting and connect (greeting.cpp).
   void attendant_answered(Call &call);
   void connect_attendant(Call &call);
   void on_greeting_over(const std::string &call_id, const std::string &leg_id);

   // Processing queue (processing_queue.cpp, transfer.cpp, park.cpp).
   Outcome may_process(const Attendant *attendant, const Call *call) const;
   void leave_attendant(Call &call);
   void stop_processing_activity(Call &call);
   void enter_processing(Call &call, ProcessingState state, const std::string &by);
   void emit_processing(const Call &call);
   Outcome transfer_call(std::string_view attendant, std::string_view call_id, std::string_view target, bool blind);
   void caller_ended_processing(Call &call);
   void start_transfer(Call &call, const std::string &by, std::string_view target, bool blind);
   void transfer_answered(Call &call);
   void transfer_failed(Call &call, const std::string &why);
   void on_transfer_time_over(const std::string &call_id, const std::string &leg_id);
   Outcome park_call(std::string_view attendant, std::string_view call_id, ProcessingState state);
   std::string free_callback_number(const std::string &tenant) const;
   void free_callback(Call &call);
   bool pick_up_parked(const IncomingCall &incoming);
   void on_park_time_over(const std::string &call_id, const std::string &number);

   // Distribution (distribution.cpp).
   void distribute();
   bool serves(const Attendant &attendant, const Call &call) const;
   void offer(Call &call, Attendant &attendant);
   void on_rna_timeout(const std::string &call_id, const std::string &leg_id);
   void take_back(Call &call);
   void leave_personal_queue(const std::string &line);
   void release_attendant(const std::string &attendant, bool was_talking);

   // Variants (variants.cpp).
   void apply_variant(Call &call, const Variant &variant);
   void play_variant_media(Call &call, std::string_view media_id, std::uint32_t guard_ms);
   void on_variant_media_over(const std::string &call_id, const std::string &media_id);
   void forwarding_answered(Call &call);
   void forwarding_failed(Call &call, const std::string &why);
   void on_forwarding_time_over(const std::string &call_id, const std::string &leg_id);

   // Hand-over to the trunk: connect, then wait for CONNECTED (handover.cpp).
   void hand_over(Call &call, Handover handover);
   Call *call_in_handover(std::string_view call_id, std::string_view other_call_id);
   void complete_handover(Call &call);
   void fail_handover(Call &call, const std::string &why);
   void drop_handover(Call &call);
   void on_handover_guard(const std::string &call_id, const std::string &other);
   void requeue_timed(Call &call);
   void attendant_connect_failed(Call &call, const Handover &handover, const std::string &why);  // greeting.cpp
   void pickup_failed(Call &call, const std::string &why);                                      // park.cpp

   // Call types and overload (engine.cpp, overload.cpp).
   void classify(CallRules &rules, DiversionReason diversion, std::string_view caller) const;
   bool overloaded() const;
   void apply_overload(const IncomingCall &incoming, const DdiEntry *entry);
   void set_channel_level(std::uint32_t in_use, std::uint32_t total, ChannelLevel level);

   // Forwarding of busy attendants' phones (attendant_forwarding.cpp).
   struct Forwarding {
      std::string attendant;    // whose busy state set it
      std::string destination;  // their personal line; "" for a clear at log-on
      bool clearing = false;    // a clear is sent and not yet confirmed
      unsigned attempts = 0;    // clears sent
      bool refused = false;     // the last clear was refused: `timer` sends it again
      TimerId timer = kNoTimer; // the clear's guard, or the wait before sending it again
      std::string held_call = {};  // a call pushed to the phone meanwhile: placed once the clear is done
      std::string held_leg = {};   // and its leg
   };
   void follow_forwarding(const Attendant &attendant);
   void drop_forwarding(const std::string &attendant, const std::string &device);
   void clear_stale_forwarding(const Attendant &attendant);
   void start_clear(const std::string &device);
   void settle_clear(const std::string &device, std::string why);
   void on_clear_timer(const std::string &device);
   // Places the leg `leg` of `call` to the phone `device`, or holds it while the phone's CFU is
   // being cleared.
   void place_push(const Call &call, const std::string &device, const std::string &leg);

   EngineData data_;
   std::map<std::string, std::size_t, std::less<>> ddi_by_number_;
   TrunkPort &trunk_;
   Timers &timers_;
   EventSink sink_;
   Calls calls_;
   std::map<std::string, std::string, std::less<>> call_by_leg_;
   std::map<std::string, Attendant, std::less<>> attendants_;
   std::map<std::string, std::string, std::less<>> attendant_by_line_;
   Queues pilot_queues_;
   Queues personal_queues_;
   std::map<std::string, std::string, std::less<>> parked_by_number_;  // callback number -> call
   std::map<std::string, std::string, std::less<>> pickup_by_caller_;  // dialling call -> parked call, in hand-over
   std::uint64_t next_sequence_ = 1;
   std::uint64_t next_leg_ = 1;
   std::uint32_t channel_ratio_ = kDefaultChannelRatio;
   std::uint32_t processing_channels_ = 0;  // 0 until the trunk reports its channels
   bool trunk_splits_channels_ = false;     // the trunk sent CHANNEL_SPLIT: the ratio is not used
   ChannelLevel channel_level_ = ChannelLevel::normal;
   PbxPort *pbx_ = nullptr;
   std::map<std::pair<LinkKind, std::string>, LinkState> links_;
   std::map<std::string, Forwarding, std::less<>> forwarded_;  // device -> the CFU the engine set
};

}  // namespace portier::engine
