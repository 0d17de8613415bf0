// SPDX-License-Identifier: GPL-3.0-or-later
// Plays a playlist on one RtpStream: one 20 ms frame per scheduler slot. Items play once or
// loop; a list chains them (announcement, then music that loops). play() replaces what plays
// now without a break in sequence or timestamp; the first packet after a start carries the
// marker bit, and a restart after a stop moves the timestamp on by the silent time.
// Single-threaded, like the scheduler it joins.
#pragma once

#include <functional>
#include <memory>
#include <vector>

#include "clip.h"
#include "rtp_stream.h"
#include "scheduler.h"

namespace portier::media {

struct PlayItem {
   std::shared_ptr<const Clip> clip;
   bool loop = false;  // a looping item never ends; items after it are never reached
};

class Player {
public:
   Player(Scheduler &scheduler, RtpStream &stream);
   ~Player();
   Player(const Player &) = delete;
   Player &operator=(const Player &) = delete;

   void play(std::vector<PlayItem> playlist);
   void stop();  // on_done is not called
   bool playing() const { return id_ != 0; }
   // Called once when the playlist has run out (MEDIA_DONE). It may call play() again.
   void on_done(std::function<void()> callback) { on_done_ = std::move(callback); }

private:
   void tick(std::uint32_t slots);
   const Clip *current();  // moves past finished items; nullptr at the end

   Scheduler &scheduler_;
   RtpStream &stream_;
   std::vector<PlayItem> items_;
   std::size_t item_ = 0;
   std::size_t frame_ = 0;
   Scheduler::Id id_ = 0;
   bool talk_spurt_start_ = true;
   bool sent_any_ = false;
   Scheduler::Clock::time_point last_sent_{};
   std::function<void()> on_done_;
};

}  // namespace portier::media
