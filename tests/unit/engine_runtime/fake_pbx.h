// SPDX-License-Identifier: GPL-3.0-or-later
// A PBX link that records the engine's forwarding commands. With a trunk to watch, each command
// also notes how many trunk commands came before it, so tests can check their order. With an
// engine to answer (`confirm_to`), each command is confirmed at once, as done; without, a test
// answers them itself through Engine::on_forwarding_result.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "engine/runtime/engine.h"
#include "engine/runtime/pbx_port.h"
#include "fake_trunk.h"

namespace portier::engine::test {

struct PbxCommand {
   std::string kind;  // "set" or "clear"
   std::string device;
   std::string destination;  // set: the personal line
   std::size_t after_trunk_commands = 0;
};

class FakePbx final : public PbxPort {
  public:
   std::vector<PbxCommand> commands;
   const FakeTrunk *trunk = nullptr;
   Engine *confirm_to = nullptr;

   FakePbx() = default;
   explicit FakePbx(const FakeTrunk &watched) : trunk(&watched) {}

   void set_forwarding(std::string_view device, std::string_view destination) override {
      add("set", device, destination);
   }
   void clear_forwarding(std::string_view device) override { add("clear", device, {}); }

   // "set +4930501 +4930610" / "clear +4930501", oldest first.
   std::vector<std::string> lines() const {
      std::vector<std::string> out;
      for (const PbxCommand &c : commands)
         out.push_back(c.kind + " " + c.device + (c.destination.empty() ? "" : " " + c.destination));
      return out;
   }

  private:
   void add(std::string_view kind, std::string_view device, std::string_view destination) {
      PbxCommand c;
      c.kind = kind;
      c.device = device;
      c.destination = destination;
      c.after_trunk_commands = trunk ? trunk->commands.size() : 0;
      commands.push_back(std::move(c));
      if (confirm_to) confirm_to->on_forwarding_result(device, kind == "set", true);
   }
};

}  // namespace portier::engine::test
