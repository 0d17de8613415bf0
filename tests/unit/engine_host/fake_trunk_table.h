// SPDX-License-Identifier: GPL-3.0-or-later
// A "portier.trunk/1" table whose functions record each command and its correlation, and refuse
// the commands a test names, as a trunk plugin refusing at once would.
#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include <portier/kind/trunk.h>

namespace portier::engine::test {

struct TrunkCall {
   std::string op;  // "ring", "answer", ... ("play" records "play moh loop")
   std::string call_id;
   std::uint64_t correlation = 0;
};

struct FakeTrunkTable {
   std::vector<TrunkCall> calls;
   std::set<std::string> refuse;  // ops answered PORTIER_ERR_STATE at once
   portier_trunk_v1 table{};

   FakeTrunkTable();
   ~FakeTrunkTable();
   portier_instance *instance() { return reinterpret_cast<portier_instance *>(this); }
   // The last command `op` for `call_id`, or nullptr.
   const TrunkCall *last(const std::string &op, const std::string &call_id) const;
};

}  // namespace portier::engine::test
