// SPDX-License-Identifier: GPL-3.0-or-later
// The engine's TrunkPort over a trunk plugin's "portier.trunk/1" table. Every command gets a
// correlation; a command the trunk refuses at once, or whose RESULT carries an error, is handed
// to the failure sink (command_failures.h turns it into engine input). Engine thread only.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <string_view>

#include <portier/kind/trunk.h>

#include "engine/host/pending_commands.h"
#include "engine/runtime/trunk_port.h"

namespace portier::engine {

enum class TrunkCommand { ring, answer, reject, hangup, play, stop_media, load_media, place_call, connect, redirect };
const char *command_name(TrunkCommand command);

// A command that did not happen. `call_id` is the call or leg (the media id for load_media).
struct CommandFailure {
   TrunkCommand command = TrunkCommand::ring;
   std::string call_id;
   std::string other_call_id;  // connect; redirect: the target
   std::string media_id;       // play
   bool loop = false;          // play
   portier_status status = PORTIER_ERR_INTERNAL;
   int detail = 0;             // a SIP status when the trunk gave one
   std::string message;
};

// The trunk plugin the adapter drives; unset while no trunk runs.
struct TrunkTable {
   portier_instance *instance = nullptr;
   const portier_trunk_v1 *api = nullptr;
   std::string plugin_id;
};

class TrunkAdapter final : public TrunkPort {
  public:
   using FailureSink = std::function<void(const CommandFailure &)>;
   // Commands still waiting for their RESULT; the oldest are forgotten beyond this.
   static constexpr std::size_t kMaxPending = 8192;

   explicit TrunkAdapter(FailureSink on_failure);

   void attach(TrunkTable table) { table_ = std::move(table); }
   void detach();
   bool attached() const { return table_.api != nullptr; }
   const std::string &plugin_id() const { return table_.plugin_id; }

   void ring(std::string_view call_id) override;
   void answer(std::string_view call_id) override;
   void reject(std::string_view call_id, int sip_status) override;
   void hangup(std::string_view call_id) override;
   void play(std::string_view call_id, std::string_view media_id, bool loop) override;
   void stop_media(std::string_view call_id) override;
   void place_call(const PlaceCall &leg) override;
   void connect(std::string_view call_id, std::string_view other_call_id) override;
   // False when the attached table predates redirect (struct_size too small) or leaves it empty.
   bool redirect(std::string_view call_id, std::string_view target) override;
   void load_media(std::string_view media_id, const std::filesystem::path &file);

   // A PORTIER_TRUNK_EV_RESULT from the attached trunk: settles the command it answers.
   void on_result(const portier_trunk_result_event &result);
   std::size_t pending() const { return pending_.size(); }

  private:
   // Sends one command: `send` calls the table with the correlation. Returns nothing; a refusal
   // goes to the failure sink.
   void issue(CommandFailure what, const std::function<portier_status(std::uint64_t, portier_error *)> &send);

   TrunkTable table_;
   PendingCommands<CommandFailure> pending_;
};

}  // namespace portier::engine
