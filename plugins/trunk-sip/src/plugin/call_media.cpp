// SPDX-License-Identifier: GPL-3.0-or-later
#include "call_media.h"

#include <random>

#include "core.h"
#include "records.h"

namespace portier::trunk {
namespace {

std::uint32_t random_ssrc() {
   static thread_local std::mt19937 gen{std::random_device{}()};
   return static_cast<std::uint32_t>(gen());
}

void start_item(Core &core, Call &call, const std::string &media_id, bool loop);

// The player ran out: report it, then start what was chained behind it.
void on_done(Core &core, const std::string &call_id) {
   Call *call = find_call(core, call_id);
   if (call == nullptr) return;
   const std::string finished = call->playing;
   call->playing.clear();
   emit(core, call_record(PORTIER_TRUNK_EV_MEDIA_DONE, call->id, 0, {}, finished));
   // bounded: each pass takes one item off the queue
   while (!call->queue.empty()) {
      QueuedPlay next = call->queue.front();
      call->queue.pop_front();
      if (core.library.find(next.media_id) == nullptr) continue;  // removed since it was queued
      start_item(core, *call, next.media_id, next.loop);
      break;
   }
}

void start_item(Core &core, Call &call, const std::string &media_id, bool loop) {
   std::shared_ptr<const media::Clip> clip = core.library.find(media_id);
   if (!clip || !call.stream) return;
   if (!call.player) {
      call.player = std::make_unique<media::Player>(*core.scheduler, *call.stream);
      const std::string id = call.id;
      call.player->on_done([&core, id] { on_done(core, id); });
   }
   call.playing = media_id;
   call.playing_loop = loop;
   call.player->play({media::PlayItem{std::move(clip), loop}});
}

}  // namespace

Result<void> open_stream(Core &core, Call &call) {
   if (!core.ports) return portier::error(PORTIER_ERR_UNAVAILABLE, "no RTP port range");
   auto lease = core.ports->allocate();
   if (!lease.ok()) return lease.error();
   media::StreamConfig config;
   config.direction = media::Direction::sendrecv;
   call.local.address = core.settings.rtp_address.empty() ? core.settings.listen_address : core.settings.rtp_address;
   call.local.port = lease.value().rtp_port();
   call.local.session_id = random_ssrc();
   call.stream = std::make_unique<media::RtpStream>(std::move(lease).value(), config, random_ssrc());
   const std::string id = call.id;
   call.stream->on_dtmf([&core, id](char digit) {
      emit(core, call_record(PORTIER_TRUNK_EV_DTMF, id, static_cast<std::int32_t>(digit)));
   });
   call.stream->start();
   return ok();
}

void apply_plan(Call &call, const media::MediaPlan &plan) {
   call.plan = plan;
   if (!call.stream) return;
   if (auto config = media::stream_config(plan)) {
      config->direction = plan.answer_direction;
      call.stream->update(*config);
   }
}

Result<void> play(Core &core, Call &call, const std::string &media_id, bool loop, bool append) {
   if (core.library.find(media_id) == nullptr) {
      return portier::error(PORTIER_ERR_NOT_FOUND, "unknown media id '" + media_id + "'");
   }
   if (!call.stream) return portier::error(PORTIER_ERR_STATE, "call has no media");
   if (append && call.player && call.player->playing()) {
      call.queue.push_back({media_id, loop});
      return ok();
   }
   call.queue.clear();
   start_item(core, call, media_id, loop);
   return ok();
}

void stop_media(Call &call) {
   call.queue.clear();
   call.playing.clear();
   if (call.player) call.player->stop();
}

void close_media(Call &call) {
   stop_media(call);
   call.player.reset();
   call.stream.reset();
}

}  // namespace portier::trunk
