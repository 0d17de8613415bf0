// SPDX-License-Identifier: GPL-3.0-or-later
#include "player.h"

namespace portier::media {

Player::Player(Scheduler &scheduler, RtpStream &stream) : scheduler_(scheduler), stream_(stream) {}

Player::~Player() { stop(); }

void Player::play(std::vector<PlayItem> playlist) {
   items_ = std::move(playlist);
   item_ = 0;
   frame_ = 0;
   if (id_ != 0) return;  // already on the grid: continue without a break
   talk_spurt_start_ = true;
   id_ = scheduler_.add([this](std::uint32_t slots) { tick(slots); });
}

void Player::stop() {
   if (id_ == 0) return;
   scheduler_.remove(id_);
   id_ = 0;
}

const Clip *Player::current() {
   // Bounded: each pass either returns or moves to the next item.
   while (item_ < items_.size()) {
      const PlayItem &it = items_[item_];
      if (it.clip && it.clip->frames() > 0) {
         if (frame_ < it.clip->frames()) return it.clip.get();
         if (it.loop) {
            frame_ = 0;
            return it.clip.get();
         }
      }
      ++item_;
      frame_ = 0;
   }
   return nullptr;
}

void Player::tick(std::uint32_t slots) {
   const Clip *clip = current();
   if (clip == nullptr) {
      stop();
      if (on_done_) on_done_();
      return;
   }
   const auto now = Scheduler::Clock::now();
   if (sent_any_) {
      std::uint32_t steps = slots;
      if (talk_spurt_start_) {
         // Restarted after silence: the timestamp follows the clock through the gap.
         const auto gap = (now - last_sent_ + kPacketInterval / 2) / kPacketInterval;
         steps = static_cast<std::uint32_t>(std::max<std::int64_t>(1, gap));
      }
      stream_.advance(static_cast<std::uint32_t>(kFrameSamples) * steps);
   }
   const Codec codec = stream_.config().codec;
   stream_.send(clip->frame(codec, frame_), stream_.config().payload_type, talk_spurt_start_, scheduler_.batch());
   ++frame_;
   talk_spurt_start_ = false;
   sent_any_ = true;
   last_sent_ = now;
}

}  // namespace portier::media
