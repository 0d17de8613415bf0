// SPDX-License-Identifier: GPL-3.0-or-later
// A trunk that records the engine's commands; tests answer with events through the engine.
#pragma once

#include <algorithm>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/runtime/trunk_port.h"

namespace portier::engine::test {

struct TrunkCommand {
   std::string kind;  // "ring", "answer", "reject", "hangup", "play", "stop_media", "place_call", "connect", "redirect"
   std::string call_id;
   std::string other;  // connect: the other call; play: the media id; place_call, redirect: the target
   int status = 0;     // reject
   bool loop = false;  // play
   std::string caller;
   std::string charge_number;
   std::string for_call_id;
   EarlyMedia early_media = EarlyMedia::pass;
};

class FakeTrunk final : public TrunkPort {
  public:
   std::vector<TrunkCommand> commands;
   // Called for every connect, as a trunk confirming it with CONNECTED at once; the fixture sets
   // it to the engine's on_connected. Empty: connects wait for the test (hand-over tests).
   std::function<void(const std::string &, const std::string &)> confirm;
   // False: a trunk whose table has no redirect (older than the append); redirect sends nothing.
   bool can_redirect = true;

   void ring(std::string_view id) override { add(make("ring", id)); }
   void answer(std::string_view id) override { add(make("answer", id)); }
   void reject(std::string_view id, int status) override {
      TrunkCommand c = make("reject", id);
      c.status = status;
      add(c);
   }
   void hangup(std::string_view id) override { add(make("hangup", id)); }
   void play(std::string_view id, std::string_view media, bool loop) override {
      TrunkCommand c = make("play", id, media);
      c.loop = loop;
      add(c);
   }
   void stop_media(std::string_view id) override { add(make("stop_media", id)); }
   void place_call(const PlaceCall &leg) override {
      TrunkCommand c = make("place_call", leg.leg_id, leg.target);
      c.caller = leg.caller;
      c.charge_number = leg.charge_number;
      c.for_call_id = leg.for_call_id;
      c.early_media = leg.early_media;
      add(c);
   }
   void connect(std::string_view id, std::string_view other) override {
      add(make("connect", id, other));
      if (confirm) confirm(std::string(id), std::string(other));
   }
   bool redirect(std::string_view id, std::string_view target) override {
      if (!can_redirect) return false;
      add(make("redirect", id, target));
      return true;
   }

   std::vector<TrunkCommand> of(std::string_view kind) const {
      std::vector<TrunkCommand> found;
      for (const TrunkCommand &c : commands)
         if (c.kind == kind) found.push_back(c);
      return found;
   }
   std::vector<TrunkCommand> of(std::string_view kind, std::string_view call_id) const {
      std::vector<TrunkCommand> found;
      for (const TrunkCommand &c : commands)
         if (c.kind == kind && c.call_id == call_id) found.push_back(c);
      return found;
   }
   bool has(std::string_view kind, std::string_view call_id) const { return !of(kind, call_id).empty(); }
   // The legs placed for `call_id`, oldest first.
   std::vector<TrunkCommand> legs_for(std::string_view call_id) const {
      std::vector<TrunkCommand> found;
      for (const TrunkCommand &c : commands)
         if (c.kind == "place_call" && c.for_call_id == call_id) found.push_back(c);
      return found;
   }

  private:
   static TrunkCommand make(std::string_view kind, std::string_view id, std::string_view other = {}) {
      TrunkCommand c;
      c.kind = kind;
      c.call_id = id;
      c.other = other;
      return c;
   }
   void add(TrunkCommand c) { commands.push_back(std::move(c)); }
};

}  // namespace portier::engine::test
