// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/host/trunk_adapter.h"

#include <cstddef>
#include <cstring>
#include <utility>

#include "kernel/log.h"

namespace portier::engine {
namespace {

// The trunk needs NUL-terminated strings; the engine hands out views.
std::string c_text(std::string_view text) { return std::string(text); }

CommandFailure about(TrunkCommand command, std::string call_id) {
   CommandFailure what;
   what.command = command;
   what.call_id = std::move(call_id);
   return what;
}

// A table too old for a command, or one that left it empty: refused like an unknown command.
template <typename Fn>
bool has(const portier_trunk_v1 *api, Fn portier_trunk_v1::*field, std::size_t offset) {
   return api->struct_size >= offset + sizeof(Fn) && api->*field != nullptr;
}
#define PORTIER_TRUNK_HAS(api, f) has(api, &portier_trunk_v1::f, offsetof(portier_trunk_v1, f))

}  // namespace

const char *command_name(TrunkCommand command) {
   switch (command) {
      case TrunkCommand::ring: return "ring";
      case TrunkCommand::answer: return "answer";
      case TrunkCommand::reject: return "reject";
      case TrunkCommand::hangup: return "hangup";
      case TrunkCommand::play: return "play";
      case TrunkCommand::stop_media: return "stop_media";
      case TrunkCommand::load_media: return "load_media";
      case TrunkCommand::place_call: return "place_call";
      case TrunkCommand::connect: return "connect";
      case TrunkCommand::redirect: return "redirect";
   }
   return "?";
}

TrunkAdapter::TrunkAdapter(FailureSink on_failure) : pending_(kMaxPending, std::move(on_failure)) {}

void TrunkAdapter::detach() {
   table_ = TrunkTable{};
   pending_.clear();  // their RESULTs can no longer come
}

void TrunkAdapter::issue(CommandFailure what,
                         const std::function<portier_status(std::uint64_t, portier_error *)> &send) {
   if (!attached()) {
      what.status = PORTIER_ERR_UNAVAILABLE;
      what.message = "no trunk plugin is running";
      pending_.refused(std::move(what));
      return;
   }
   const std::uint64_t correlation = pending_.next_correlation();
   portier_error err{};
   err.struct_size = sizeof err;
   const portier_status status = send(correlation, &err);
   pending_.sent(correlation, status, err, std::move(what));
}

void TrunkAdapter::on_result(const portier_trunk_result_event &result) {
   pending_.settled(result.header.correlation, result.status, result.detail, result.message);
}

void TrunkAdapter::ring(std::string_view call_id) {
   const std::string id = c_text(call_id);
   issue(about(TrunkCommand::ring, id), [&](std::uint64_t c, portier_error *e) -> portier_status {
      if (!PORTIER_TRUNK_HAS(table_.api, ring)) return PORTIER_ERR_UNSUPPORTED;
      return table_.api->ring(table_.instance, id.c_str(), c, e);
   });
}

void TrunkAdapter::answer(std::string_view call_id) {
   const std::string id = c_text(call_id);
   issue(about(TrunkCommand::answer, id), [&](std::uint64_t c, portier_error *e) -> portier_status {
      if (!PORTIER_TRUNK_HAS(table_.api, answer)) return PORTIER_ERR_UNSUPPORTED;
      return table_.api->answer(table_.instance, id.c_str(), c, e);
   });
}

void TrunkAdapter::reject(std::string_view call_id, int sip_status) {
   const std::string id = c_text(call_id);
   issue(about(TrunkCommand::reject, id), [&](std::uint64_t c, portier_error *e) -> portier_status {
      if (!PORTIER_TRUNK_HAS(table_.api, reject)) return PORTIER_ERR_UNSUPPORTED;
      return table_.api->reject(table_.instance, id.c_str(), sip_status, c, e);
   });
}

void TrunkAdapter::hangup(std::string_view call_id) {
   const std::string id = c_text(call_id);
   issue(about(TrunkCommand::hangup, id), [&](std::uint64_t c, portier_error *e) -> portier_status {
      if (!PORTIER_TRUNK_HAS(table_.api, hangup)) return PORTIER_ERR_UNSUPPORTED;
      return table_.api->hangup(table_.instance, id.c_str(), c, e);
   });
}

void TrunkAdapter::play(std::string_view call_id, std::string_view media_id, bool loop) {
   CommandFailure what = about(TrunkCommand::play, c_text(call_id));
   what.media_id = c_text(media_id);
   what.loop = loop;
   const std::string id = what.call_id, media = what.media_id;
   issue(std::move(what), [&](std::uint64_t c, portier_error *e) -> portier_status {
      if (!PORTIER_TRUNK_HAS(table_.api, play)) return PORTIER_ERR_UNSUPPORTED;
      return table_.api->play(table_.instance, id.c_str(), media.c_str(), loop ? std::uint32_t{PORTIER_TRUNK_PLAY_LOOP} : 0u, c, e);
   });
}

void TrunkAdapter::stop_media(std::string_view call_id) {
   const std::string id = c_text(call_id);
   issue(about(TrunkCommand::stop_media, id), [&](std::uint64_t c, portier_error *e) -> portier_status {
      if (!PORTIER_TRUNK_HAS(table_.api, stop_media)) return PORTIER_ERR_UNSUPPORTED;
      return table_.api->stop_media(table_.instance, id.c_str(), c, e);
   });
}

void TrunkAdapter::load_media(std::string_view media_id, const std::filesystem::path &file) {
   const std::string id = c_text(media_id), path = file.string();
   issue(about(TrunkCommand::load_media, id), [&](std::uint64_t c, portier_error *e) -> portier_status {
      if (!PORTIER_TRUNK_HAS(table_.api, load_media)) return PORTIER_ERR_UNSUPPORTED;
      return table_.api->load_media(table_.instance, id.c_str(), path.c_str(), c, e);
   });
}

void TrunkAdapter::place_call(const PlaceCall &leg) {
   const std::string id = c_text(leg.leg_id), target = c_text(leg.target), caller = c_text(leg.caller),
                     charge = c_text(leg.charge_number), for_call = c_text(leg.for_call_id);
   const std::int32_t early = leg.early_media == EarlyMedia::pass ? PORTIER_TRUNK_EARLY_MEDIA_PASS
                                                                  : PORTIER_TRUNK_EARLY_MEDIA_RINGBACK;
   CommandFailure what = about(TrunkCommand::place_call, id);
   what.other_call_id = for_call;
   issue(std::move(what), [&](std::uint64_t c, portier_error *e) -> portier_status {
      if (!PORTIER_TRUNK_HAS(table_.api, place_call)) return PORTIER_ERR_UNSUPPORTED;
      return table_.api->place_call(table_.instance, id.c_str(), target.c_str(), caller.c_str(), charge.c_str(),
                                    for_call.c_str(), early, c, e);
   });
}

void TrunkAdapter::connect(std::string_view call_id, std::string_view other_call_id) {
   CommandFailure what = about(TrunkCommand::connect, c_text(call_id));
   what.other_call_id = c_text(other_call_id);
   const std::string id = what.call_id, other = what.other_call_id;
   issue(std::move(what), [&](std::uint64_t c, portier_error *e) -> portier_status {
      if (!PORTIER_TRUNK_HAS(table_.api, connect)) return PORTIER_ERR_UNSUPPORTED;
      return table_.api->connect(table_.instance, id.c_str(), other.c_str(), c, e);
   });
}

bool TrunkAdapter::redirect(std::string_view call_id, std::string_view target) {
   // Not attached: issue() reports the refusal like any other command's.
   if (attached() && !PORTIER_TRUNK_HAS(table_.api, redirect)) return false;
   CommandFailure what = about(TrunkCommand::redirect, c_text(call_id));
   what.other_call_id = c_text(target);
   const std::string id = what.call_id, to = what.other_call_id;
   issue(std::move(what), [&](std::uint64_t c, portier_error *e) -> portier_status {
      return table_.api->redirect(table_.instance, id.c_str(), to.c_str(), c, e);
   });
   return true;
}

}  // namespace portier::engine
