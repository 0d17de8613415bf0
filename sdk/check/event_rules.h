// SPDX-License-Identifier: MIT
// What a well-formed event record looks like (sdk-abi.md 3.9): the strict host runs these
// rules on every post_event.
#pragma once

#include <string>
#include <vector>

#include <portier/event.h>

namespace portier::check {

// Problems with the record `ev`, empty when it is well formed: struct_size within bounds and
// exact for a known space/type, every char array NUL-terminated, reserved fields zero. Reads
// at most ev->struct_size bytes (and nothing but struct_size when that is too small).
std::vector<std::string> check_event(const portier_event_header *ev);

}  // namespace portier::check
