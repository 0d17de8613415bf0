// SPDX-License-Identifier: GPL-3.0-or-later
// The engine's PbxPort over a pbx plugin's "portier.pbx/1" table: CFU of attendants' phones as
// set_forwarding(PORTIER_PBX_FORWARD_UNCONDITIONAL). Every command gets a correlation; one the
// plugin refuses at once, or whose RESULT carries an error, goes to the failure sink (which may
// run inside the command's call); one whose RESULT says done goes to the done sink. The engine
// hears of both: it holds a push to a phone until the phone's CFU clear is done.
// Engine thread only.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>

#include <portier/kind/pbx.h>

#include "engine/host/pending_commands.h"
#include "engine/runtime/pbx_port.h"

namespace portier::engine {

// A forwarding command that did not happen.
struct PbxFailure {
   bool dial = false;        // a make_call for an attendant (`destination` is the number), not CFU
   bool on = false;          // set (true) or clear (false)
   std::string device;
   std::string destination;  // set: the personal line
   portier_status status = PORTIER_ERR_INTERNAL;
   int detail = 0;           // the PBX's error value when it gave one
   std::string message;
};

// One log line: "+4930501: CFU to +4930610 failed: UNAVAILABLE link down".
std::string describe(const PbxFailure &failure);

// The pbx plugin the adapter drives; unset while none runs.
struct PbxTable {
   portier_instance *instance = nullptr;
   const portier_pbx_v1 *api = nullptr;
   std::string plugin_id;
};

class PbxAdapter final : public PbxPort {
  public:
   using FailureSink = std::function<void(const PbxFailure &)>;
   // Hears of a command the plugin has carried out (its status is PORTIER_OK).
   using DoneSink = std::function<void(const PbxFailure &)>;
   // Commands still waiting for their RESULT; the oldest are forgotten beyond this.
   static constexpr std::size_t kMaxPending = 4096;

   explicit PbxAdapter(FailureSink on_failure, DoneSink on_done = {});

   void attach(PbxTable table) { table_ = std::move(table); }
   void detach();
   bool attached() const { return table_.api != nullptr; }
   const std::string &plugin_id() const { return table_.plugin_id; }

   void set_forwarding(std::string_view device, std::string_view destination) override;
   void clear_forwarding(std::string_view device) override;
   // MakeCall from `device` to `number`; false when no plugin is attached or its table has no
   // make_call. Its failure goes to the failure sink with `dial` set.
   bool make_call(std::string_view device, std::string_view number) override;

   // A PORTIER_PBX_EV_RESULT from the attached plugin: settles the command it answers.
   void on_result(const portier_pbx_result_event &result);
   std::size_t pending() const { return pending_.size(); }

  private:
   void issue(PbxFailure what);

   PbxTable table_;
   PendingCommands<PbxFailure> pending_;
};

}  // namespace portier::engine
