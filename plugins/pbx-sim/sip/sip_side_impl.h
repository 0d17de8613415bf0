// SPDX-License-Identifier: GPL-3.0-or-later
// Inside the SIP side: its SIP stack, its media and one Leg per simulated call. Shared by the
// .cpp files of sip/ only.
#pragma once

#include <chrono>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <string>

#include "answer_retransmission.h"
#include "clip.h"
#include "dialog.h"
#include "message.h"
#include "player.h"
#include "port_range.h"
#include "rtp_stream.h"
#include "scheduler.h"
#include "sdp.h"
#include "transaction_layer.h"
#include "transport.h"

#include "sip/sip_side.h"

namespace portier::pbxsim {

enum class LegState { calling, ringing, talking, held, joined, ended };
std::string_view to_string(LegState state);

struct Leg {
   std::uint64_t id = 0;
   bool caller = false;
   std::string party;    // caller number / extension now ringing or talking
   std::string number;   // dialled / called
   LegState state = LegState::calling;
   int final_status = 0;

   sip::Message invite;          // the INVITE sent (caller) or received (phone)
   std::string invite_key;       // its transaction; phones: "" once answered finally
   sip::Peer peer;               // where requests of the dialog go
   sip::Source source;           // phones: where the INVITE came from (its answers go back there)
   std::optional<sip::Dialog> dialog;
   std::string local_tag;

   media::PortLease lease;       // until the stream takes it
   std::unique_ptr<media::RtpStream> stream;
   std::unique_ptr<media::Player> player;
   std::uint64_t sdp_session = 1;
   std::uint64_t sdp_version = 1;
   bool on_hold = false;

   std::string office_call;      // phones, office calls: the call in the office model
   std::string office_caller;    // phones: the outside party of that call; office calls: the CPS number
   bool from_office = false;     // an office phone's call over the trunk (caller is true too)
   std::uint64_t office_serial = 0;  // office calls: the CPS number's connection in the office
   bool reinvite_pending = false;    // our re-INVITE awaits its final response
   bool provisional = false;         // callers: a 1xx came, so a CANCEL may go (RFC 3261 9.1)
   bool cancel_pending = false;      // office calls: hung up before any 1xx; CANCEL on the first
   std::uint64_t joined_with = 0;  // REFER/Replaces: the other leg inside the simulator

   std::optional<CallRequest> plan;  // callers: what to do after the answer
   std::unique_ptr<boost::asio::steady_timer> hold_timer;
   std::unique_ptr<boost::asio::steady_timer> hang_up_timer;
   std::unique_ptr<boost::asio::steady_timer> give_up_timer;  // callers: ringing too long
};

struct SipSide::Impl {
   Impl(boost::asio::io_context &io, Office &office, const OfficeSpec &spec, const SipOptions &options,
        const CpsNumbers &cps, SimLog log);
   ~Impl();

   std::optional<std::string> open();
   std::string open_transport();

   // sip_side.cpp: dispatch, registrar, waking on office changes
   void on_request(const std::string &key, const sip::Message &request, const sip::Source &source);
   void on_in_dialog(Leg &leg, const std::string &key, const sip::Message &request, const sip::Source &source);
   void answer_reinvite(Leg &leg, const std::string &key, const sip::Message &request, const sip::Source &source);
   void follow_phones();
   void wake();
   Leg *find_dialog(const sip::Message &request);
   Leg *find_leg(std::uint64_t id);
   Leg *newest_caller(std::string_view from);
   void forget(std::uint64_t id);
   std::uint64_t now_ms() const;
   SipLegInfo info_of(const Leg &leg) const;
   std::uint16_t local_port() const;

   // phone_legs.cpp: trunk -> office
   void on_invite(const std::string &key, const sip::Message &request, const sip::Source &source);
   void follow_phone(Leg &leg);
   void answer_phone(Leg &leg);
   void refuse_phone(Leg &leg, int status);
   void end_phone_in_office(Leg &leg);
   std::optional<std::pair<std::string, ConnectionState>> where_is(const std::string &call_id) const;

   // caller_legs.cpp: simulated callers
   std::string place_call(const CallRequest &request);
   // Sends the INVITE of a new caller leg to the trunk's contact; "" or why not (the leg is
   // dropped then). `from_user` is the E.164 caller, `display` its name or "".
   std::string invite_trunk(std::unique_ptr<Leg> leg, const TrunkBinding &binding, const std::string &from_user,
                            const std::string &display);
   void on_caller_reply(std::uint64_t id, const sip::ClientReply &reply);
   void after_answer(Leg &leg);
   void give_up_later(Leg &leg, std::uint32_t after_ms);
   bool hang_up(std::string_view from);
   bool hold(Leg &leg, bool on);
   void send_bye(Leg &leg);

   // office_legs.cpp: office phones calling CPS numbers over the trunk
   void follow_office_calls();
   void place_office_call(const CallSnapshot &call, const PartySnapshot &cps_party);
   void follow_office_leg(Leg &leg);
   void cancel_invite(Leg &leg);
   void office_alerting(Leg &leg);
   bool office_answered(Leg &leg);
   void office_failed(Leg &leg, int status);

   // leg_media.cpp
   std::optional<std::string> lease_port(Leg &leg);
   std::string offer_for(Leg &leg, media::Direction direction);
   // Negotiates `sdp` (an offer, or the answer to ours) and starts or updates the leg's stream;
   // nullopt when nothing fits (488).
   std::optional<media::MediaPlan> apply_sdp(Leg &leg, const std::string &sdp);
   void play_tone(Leg &leg);
   void stop_media(Leg &leg);

   // refer_join.cpp
   void on_refer(Leg &leg, const std::string &key, const sip::Message &request);

   // helpers
   std::string via();
   std::string contact(std::string_view user) const;
   sip::Message ok_with_contact(const sip::Message &request, int status, const std::string &tag, std::string_view user);

   boost::asio::io_context &io;
   Office &office;
   std::vector<std::string> extensions;
   std::map<std::string, std::string> display_names;  // extension -> its name, for From
   SipOptions options;
   const CpsNumbers &cps;
   SimLog log;

   std::unique_ptr<sip::Transport> transport;
   std::unique_ptr<sip::TransactionLayer> layer;
   std::unique_ptr<sip::AnswerRetransmission> resender;
   Registrar registrar;
   std::optional<media::PortRange> rtp;
   media::Scheduler scheduler;
   std::shared_ptr<const media::Clip> tone;
   std::map<std::uint64_t, std::unique_ptr<Leg>> legs;
   std::deque<SipLegInfo> history;  // the last calls that ended, newest last
   std::uint64_t next_leg = 1;
   bool wake_posted;
   std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now();
   std::mt19937 rng{std::random_device{}()};
   std::shared_ptr<bool> alive = std::make_shared<bool>(true);
};

}  // namespace portier::pbxsim
