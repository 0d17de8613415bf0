// SPDX-License-Identifier: GPL-3.0-or-later
// What the engine asks of a trunk. Commands return nothing: their outcome comes back as events
// (answered, ended, media done, connected), exactly as over the SDK's "portier.trunk/1".
#pragma once

#include <string_view>

namespace portier::engine {

// What the caller of `for_call_id` hears while a placed leg rings.
enum class EarlyMedia {
   pass,      // the target's early media
   ringback,  // the trunk's own ringback tone
};

// A leg the engine places; strings are borrowed for the call.
struct PlaceCall {
   std::string_view leg_id;         // named by the engine, unique among live legs
   std::string_view target;         // E.164
   std::string_view caller;         // shown to the target
   std::string_view charge_number;  // X-Siemens-CDR, "" for none
   std::string_view for_call_id;    // the call waiting on this leg, "" for none
   EarlyMedia early_media = EarlyMedia::ringback;
};

class TrunkPort {
  public:
   virtual ~TrunkPort() = default;
   virtual void ring(std::string_view call_id) = 0;
   virtual void answer(std::string_view call_id) = 0;
   virtual void reject(std::string_view call_id, int sip_status) = 0;
   virtual void hangup(std::string_view call_id) = 0;
   virtual void play(std::string_view call_id, std::string_view media_id, bool loop) = 0;
   virtual void stop_media(std::string_view call_id) = 0;
   virtual void place_call(const PlaceCall &leg) = 0;
   virtual void connect(std::string_view call_id, std::string_view other_call_id) = 0;
   // Refuses an unanswered incoming call with 302 to `target` (E.164) at the provider. False,
   // with nothing sent, when the trunk cannot redirect (an older portier.trunk/1 table): the
   // engine then refuses the call itself.
   virtual bool redirect(std::string_view call_id, std::string_view target) = 0;
};

}  // namespace portier::engine
