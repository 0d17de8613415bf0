// SPDX-License-Identifier: GPL-3.0-or-later
// set_forwarding and clear_forwarding of an office user (docs/sdk/client-api.md, "Forwarding"):
// the contact is looked up in the request's tenant, its extension matched to a device on the
// busy-lamp board (device_match.h), and the pbx plugin reporting that device is asked through
// its portier.pbx/1 set_forwarding. The answer waits for the plugin's RESULT (or a guard time);
// every change and every refusal by the PBX is written to the audit log. Engine thread only.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>
#include <portier/kind/pbx.h>

#include "kernel/device_board.h"
#include "kernel/directory_sync.h"
#include "kernel/engine_loop.h"
#include "kernel/store.h"
#include "numbers/number_plan.h"

namespace portier::kernel {

// A started pbx plugin's table, borrowed for one command.
struct PbxLink {
   std::string plugin;
   portier_instance *instance = nullptr;
   const portier_pbx_v1 *api = nullptr;
};

// How long a command waits for the plugin's RESULT before it is answered "failed".
inline constexpr std::int64_t kForwardingGuardUs = 10'000'000;
// Kernel correlations live far above the engine's (engine/host/pbx_adapter.h counts from 1), so
// a RESULT is never taken for the other's.
inline constexpr std::uint64_t kFirstForwardingCorrelation = std::uint64_t{1} << 62;

class ForwardingCommands {
public:
   // Gets the answer's fields ("ok", ...) exactly once, maybe later than handle() returns.
   using Answer = std::function<void(nlohmann::json)>;

   // `store_path`: the store the audit rows go to (opened at the first change).
   ForwardingCommands(EngineLoop &loop, std::filesystem::path store_path);
   ~ForwardingCommands();
   ForwardingCommands(const ForwardingCommands &) = delete;
   ForwardingCommands &operator=(const ForwardingCommands &) = delete;

   static bool serves(std::string_view type);

   // Answers with "invalid" (the field named), "unavailable" (no phone book), "not_found" (no
   // such contact in the tenant), "no_device" (no pbx plugin reports its extension), "failed"
   // (the plugin or the PBX refused, or did not answer in time), or ok once the PBX did it.
   void handle(const nlohmann::json &request, DirectorySync *sync, const DeviceBoard &board,
               const std::vector<PbxLink> &pbx, const numbers::NumberPlan *plan, Answer answer);

   // A RESULT of `plugin`: true when it settled one of these commands.
   bool on_result(std::string_view plugin, const portier_pbx_result_event &result);
   // `plugin` stops: its commands waiting are answered "failed".
   void forget(std::string_view plugin);
   std::size_t waiting() const { return waiting_.size(); }

   // What one command changes, for its answer and the audit row.
   struct Change {
      std::string tenant;
      std::string by;        // the console's user, or its attendant
      std::int64_t contact_id = 0;
      std::string contact_name;
      std::string plugin;
      std::string device;
      std::string kind;          // unconditional, busy, no_answer
      std::string destination;   // E.164 or as given; "" for a clear
   };

private:
   struct Waiting {
      Change change;
      Answer answer;
      std::uint64_t timer = 0;
   };

   void settle(std::uint64_t correlation, bool ok, std::string why);
   void audit(const Change &change, bool ok, const std::string &why);

   EngineLoop &loop_;
   std::filesystem::path store_path_;
   std::optional<Store> store_;
   bool store_failed_ = false;
   std::uint64_t next_correlation_ = kFirstForwardingCorrelation;
   std::map<std::uint64_t, Waiting> waiting_;
};

// The PORTIER_PBX_FORWARD_* of "unconditional", "busy" or "no_answer"; 0 for anything else.
std::int32_t forwarding_type_of(std::string_view kind);

}  // namespace portier::kernel
