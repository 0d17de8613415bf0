// SPDX-License-Identifier: GPL-3.0-or-later
// A recorded OSV event stream for the CSTA benchmarks: calls of six events each (the real events
// in tests/fixtures/csta-osv, then a ConnectionCleared that ends the call), each call with its
// own call id on the next monitor (monitorCrossRefID 1100000000 + (call mod monitors)), framed
// with invoke id 9999 as the PBX sends them.
#pragma once

#include <string>
#include <vector>

namespace portier::bench {

// The cross reference id the stream uses for monitor `index` ("1100000007" for 7).
std::string cross_ref_of(int index);

// Frames per call in the stream; the fifth of each call (CallInformation) makes no call record.
constexpr std::size_t kFramesPerCall = 6;

struct RecordedStream {
   std::string bytes;                // framed, back to back
   std::vector<std::string> bodies;  // the same events' XML, one per frame
};

RecordedStream make_stream(const std::string &fixtures_dir, std::size_t frames, int monitors);

}  // namespace portier::bench
