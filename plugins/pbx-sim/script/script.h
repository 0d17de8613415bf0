// SPDX-License-Identifier: GPL-3.0-or-later
// The simulator's line script: one step per line, '#' starts a comment.
//
//   wait <ms>                          call <from> <to> [hold_after_ms [hangup_after_ms]]
//   answer <party>
//   hangup <party>                     hold <ext>              retrieve <ext>
//   forward <ext> cfu|cfb|cfnr <to>    forward <ext> cfu|cfb|cfnr off
//   dnd <ext> on|off                   service <ext> out|in    drop-links
//   fault <fault line>                 (see server/faults.h)
//
// A call from an outside number to a CPS number goes over the SIP trunk (sip/), as a simulated
// caller who holds and hangs up after the given times ("-" for never); hangup, hold and
// retrieve then act on that caller's SIP call.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "office/office_types.h"

namespace portier::pbxsim {

enum class StepKind { wait, call, answer, hangup, hold, retrieve, forward, dnd, service, drop_links, fault };

struct Step {
   StepKind kind = StepKind::wait;
   int line = 0;                   // in the script, for messages
   std::uint32_t ms = 0;           // wait
   std::string party;              // the acting extension or outside party
   std::string target;             // call: dialled number; forward: destination
   ForwardType forward = ForwardType::unconditional;
   bool on = false;                // forward, dnd; service: true = in service
   std::string fault;              // fault: the rest of the line
   std::optional<std::uint32_t> hold_after_ms;     // call over the trunk: after the answer
   std::optional<std::uint32_t> hang_up_after_ms;  // call over the trunk: after the answer
};

struct ScriptResult {
   std::vector<Step> steps;
   std::string error;  // "FILE:LINE: what"; empty when the script is good
   bool ok() const { return error.empty(); }
};

constexpr std::size_t kMaxScriptBytes = 1u << 20;
constexpr std::size_t kMaxScriptLine = 1024;
constexpr std::uint32_t kMaxWaitMs = 86400000;  // one day

ScriptResult parse_script(std::string_view text, std::string_view file_name);
ScriptResult read_script_file(const std::string &path);

// The step as a script line, for logs ("call +4930901820 +49897007200").
std::string describe(const Step &step);

}  // namespace portier::pbxsim
