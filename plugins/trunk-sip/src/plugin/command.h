// SPDX-License-Identifier: GPL-3.0-or-later
// One engine command of the portier.trunk/1 table, as handed from the engine thread to the
// service's I/O thread. Checked on the engine thread, run on the I/O thread.
#pragma once

#include <cstdint>
#include <string>

namespace portier::trunk {

struct Command {
   enum class Op { ring, answer, reject, hangup, play, stop_media, load_media, place_call, connect, redirect };
   Op op = Op::ring;
   std::uint64_t correlation = 0;
   std::string call_id;
   std::string other_call_id;  // connect: the second call; place_call: for_call_id
   std::string media_id;       // play, load_media
   std::string path;           // load_media
   std::string target;         // place_call, redirect
   std::string caller;         // place_call
   std::string charge_number;  // place_call
   std::int32_t sip_status = 0;   // reject
   std::uint32_t flags = 0;       // play
   std::int32_t early_media = 0;  // place_call
};

}  // namespace portier::trunk
