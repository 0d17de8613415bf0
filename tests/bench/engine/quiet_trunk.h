// SPDX-License-Identifier: GPL-3.0-or-later
// A trunk that does nothing but remember the connects it was asked for: the benchmark measures
// the engine's decisions, not the wire. The workload answers each connect with CONNECTED, as
// trunk.sip does, and reads leg ids back from the engine (find_call).
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "engine/runtime/trunk_port.h"

namespace portier::bench {

class QuietTrunk final : public engine::TrunkPort {
  public:
   std::uint64_t commands = 0;  // so the calls cannot be optimised away
   std::vector<std::pair<std::string, std::string>> connects;  // not yet confirmed

   void ring(std::string_view) override { ++commands; }
   void answer(std::string_view) override { ++commands; }
   void reject(std::string_view, int) override { ++commands; }
   void hangup(std::string_view) override { ++commands; }
   void play(std::string_view, std::string_view, bool) override { ++commands; }
   void stop_media(std::string_view) override { ++commands; }
   void place_call(const engine::PlaceCall &) override { ++commands; }
   void connect(std::string_view call_id, std::string_view other) override {
      ++commands;
      connects.emplace_back(call_id, other);
   }
   bool redirect(std::string_view, std::string_view) override {
      ++commands;
      return true;
   }
};

}  // namespace portier::bench
