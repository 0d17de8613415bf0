// SPDX-License-Identifier: GPL-3.0-or-later
// trunk.sip: the plugin object and its portier.trunk/1 table. Settings are read by the logic
// part; every command is checked here on the engine thread and handed to the service's I/O
// thread, and completes with PORTIER_TRUNK_EV_RESULT.
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>

#include <portier/kind/trunk.h>
#include <portier/portier.hpp>

#include "command.h"
#include "number_range.h"
#include "service.h"
#include "settings.h"

namespace portier::trunk {
namespace {

constexpr std::chrono::milliseconds kTick{200};  // deadlines on the host clock are checked this often
constexpr std::size_t kMaxId = PORTIER_ID_SIZE - 1;
constexpr std::size_t kMaxNumber = PORTIER_NUMBER_SIZE - 1;
constexpr std::size_t kMaxPath = 4096;

class Trunk : public Plugin<Trunk> {
public:
   static Result<void> validate(std::string_view json) {
      auto read = read_settings(json);
      if (!read.ok()) return read.error();
      return ok();
   }

   static Result<std::unique_ptr<Trunk>> create(Host host, std::string_view json) {
      auto read = read_settings(json);
      if (!read.ok()) return read.error();
      for (const std::string &w : read.value().warnings) host.warn("trunk.sip: " + w);
      return std::make_unique<Trunk>(host, std::move(read.value().settings));
   }

   Trunk(Host host, TrunkSettings settings) : service_(host, std::move(settings)), tick_(host) {}

   Result<void> start() {
      // The timer first: a refused timer fails start before the I/O thread exists (after a
      // failed start the host destroys, never stops).
      if (auto ticking = tick_.start(kTick, kTick, [this] { service_.tick(); }); !ticking.ok()) return ticking;
      if (auto started = service_.start(); !started.ok()) {
         tick_.cancel();
         return started;
      }
      return ok();
   }

   void stop() {
      tick_.cancel();
      service_.stop();
   }

   const void *get_interface(std::string_view iid) const { return iid == PORTIER_IF_TRUNK_1 ? &kTable : nullptr; }

   static const portier_trunk_v1 kTable;

   static portier_status invalid(portier_error *err, std::string_view why) {
      detail::write_error(err, 0, {"trunk.sip: ", why});
      return PORTIER_ERR_INVALID;
   }

   static portier_status submit(portier_instance *inst, Command c, portier_error *err) {
      if (inst == nullptr) return invalid(err, "instance is NULL");
      if (c.correlation == 0) return invalid(err, "correlation must not be 0");
      Trunk &self = *reinterpret_cast<Trunk *>(inst);
      // Config mode has no trunk. While unregistered a leg is still tried: the PBX decides.
      if (c.op == Command::Op::place_call && self.service_.config_mode()) {
         detail::write_error(err, 0, {"trunk.sip: config mode: no trunk"});
         return PORTIER_ERR_UNAVAILABLE;
      }
      return self.service_.submit(std::move(c), err);
   }

private:
   Service service_;
   Timer tick_;
};

// Copies a borrowed C string of 1..max bytes; false when NULL, empty or too long.
bool take(const char *in, std::size_t max, std::string &out) {
   if (in == nullptr) return false;
   out = in;
   return !out.empty() && out.size() <= max;
}

// The same for strings that may be empty ("" for none).
bool take_optional(const char *in, std::size_t max, std::string &out) {
   if (in == nullptr) return true;
   out = in;
   return out.size() <= max;
}

using Op = Command::Op;

Command command(Op op, std::uint64_t correlation) {
   Command c;
   c.op = op;
   c.correlation = correlation;
   return c;
}

template <class F>
portier_status guarded(portier_error *err, F &&f) noexcept {
   try {
      return f();
   } catch (...) {
      detail::write_error(err, 0, {"trunk.sip: out of memory"});
      return PORTIER_ERR_NO_MEMORY;
   }
}

portier_status call_only(Op op, portier_instance *inst, const char *call_id, uint64_t corr, portier_error *err) {
   return guarded(err, [&] {
      Command c = command(op, corr);
      if (!take(call_id, kMaxId, c.call_id)) return Trunk::invalid(err, "call id is empty or too long");
      return Trunk::submit(inst, std::move(c), err);
   });
}

portier_status PORTIER_ABI ring(portier_instance *inst, const char *call_id, uint64_t corr, portier_error *err) {
   return call_only(Op::ring, inst, call_id, corr, err);
}
portier_status PORTIER_ABI answer(portier_instance *inst, const char *call_id, uint64_t corr, portier_error *err) {
   return call_only(Op::answer, inst, call_id, corr, err);
}
portier_status PORTIER_ABI reject(portier_instance *inst, const char *call_id, int32_t sip_status, uint64_t corr,
                                  portier_error *err) {
   if (sip_status < 400 || sip_status > 699) return Trunk::invalid(err, "reject status must be 400..699");
   return guarded(err, [&] {
      Command c = command(Op::reject, corr);
      if (!take(call_id, kMaxId, c.call_id)) return Trunk::invalid(err, "call id is empty or too long");
      c.sip_status = sip_status;
      return Trunk::submit(inst, std::move(c), err);
   });
}
portier_status PORTIER_ABI hangup(portier_instance *inst, const char *call_id, uint64_t corr, portier_error *err) {
   return call_only(Op::hangup, inst, call_id, corr, err);
}
portier_status PORTIER_ABI play(portier_instance *inst, const char *call_id, const char *media_id, uint32_t flags,
                                uint64_t corr, portier_error *err) {
   if ((flags & ~static_cast<uint32_t>(PORTIER_TRUNK_PLAY_LOOP | PORTIER_TRUNK_PLAY_APPEND)) != 0) {
      return Trunk::invalid(err, "unknown play flags");
   }
   return guarded(err, [&] {
      Command c = command(Op::play, corr);
      if (!take(call_id, kMaxId, c.call_id)) return Trunk::invalid(err, "call id is empty or too long");
      if (!take(media_id, kMaxId, c.media_id)) return Trunk::invalid(err, "media id is empty or too long");
      c.flags = flags;
      return Trunk::submit(inst, std::move(c), err);
   });
}
portier_status PORTIER_ABI stop_media(portier_instance *inst, const char *call_id, uint64_t corr, portier_error *err) {
   return call_only(Op::stop_media, inst, call_id, corr, err);
}
portier_status PORTIER_ABI load_media(portier_instance *inst, const char *media_id, const char *path, uint64_t corr,
                                      portier_error *err) {
   return guarded(err, [&] {
      Command c = command(Op::load_media, corr);
      if (!take(media_id, kMaxId, c.media_id)) return Trunk::invalid(err, "media id is empty or too long");
      if (!take(path, kMaxPath, c.path)) return Trunk::invalid(err, "path is empty or too long");
      return Trunk::submit(inst, std::move(c), err);
   });
}
portier_status PORTIER_ABI place_call(portier_instance *inst, const char *call_id, const char *target,
                                      const char *caller, const char *charge_number, const char *for_call_id,
                                      int32_t early_media, uint64_t corr, portier_error *err) {
   if (early_media != PORTIER_TRUNK_EARLY_MEDIA_PASS && early_media != PORTIER_TRUNK_EARLY_MEDIA_RINGBACK) {
      return Trunk::invalid(err, "unknown early media handling");
   }
   return guarded(err, [&] {
      Command c = command(Op::place_call, corr);
      if (!take(call_id, kMaxId, c.call_id)) return Trunk::invalid(err, "call id is empty or too long");
      if (!take(target, kMaxNumber, c.target)) return Trunk::invalid(err, "target is empty or too long");
      if (!take_optional(caller, kMaxNumber, c.caller)) return Trunk::invalid(err, "caller is too long");
      if (!take_optional(charge_number, kMaxNumber, c.charge_number)) return Trunk::invalid(err, "charge number is too long");
      if (!take_optional(for_call_id, kMaxId, c.other_call_id)) return Trunk::invalid(err, "for_call_id is too long");
      for (const std::string *s : {&c.target, &c.caller, &c.charge_number}) {
         if (s->find_first_of("<>\"@;:? \r\n") != std::string::npos) return Trunk::invalid(err, "number has characters a SIP URI cannot take");
      }
      c.early_media = early_media;
      return Trunk::submit(inst, std::move(c), err);
   });
}
portier_status PORTIER_ABI connect(portier_instance *inst, const char *call_id, const char *other_call_id,
                                   uint64_t corr, portier_error *err) {
   return guarded(err, [&] {
      Command c = command(Op::connect, corr);
      if (!take(call_id, kMaxId, c.call_id)) return Trunk::invalid(err, "call id is empty or too long");
      if (!take(other_call_id, kMaxId, c.other_call_id)) return Trunk::invalid(err, "other call id is empty or too long");
      return Trunk::submit(inst, std::move(c), err);
   });
}

portier_status PORTIER_ABI redirect(portier_instance *inst, const char *call_id, const char *target, uint64_t corr,
                                    portier_error *err) {
   return guarded(err, [&] {
      Command c = command(Op::redirect, corr);
      if (!take(call_id, kMaxId, c.call_id)) return Trunk::invalid(err, "call id is empty or too long");
      if (!take(target, kMaxNumber, c.target) || !is_e164(c.target)) {
         return Trunk::invalid(err, "redirect target is not an E.164 number");
      }
      return Trunk::submit(inst, std::move(c), err);
   });
}

}  // namespace

const portier_trunk_v1 Trunk::kTable{static_cast<std::uint32_t>(sizeof(portier_trunk_v1)),
                                     &ring, &answer, &reject, &hangup, &play, &stop_media, &load_media,
                                     &place_call, &connect, &redirect};

constexpr PluginInfo kInfo{
    "trunk.sip",                  // id
    PORTIER_KIND_TRUNK,           // kind
    "Provider service (SIP trunk)",  // name
    "0.1.0",                      // version
    "Portier",                    // vendor
    "",                           // url
    "",                           // support_url
    "GPL-3.0-or-later",           // license
    "Registers at the PBX as a SIP trunk, answers service numbers, plays media and places and connects second legs.",
    nullptr,                      // features
    nullptr,                      // required_services
};

}  // namespace portier::trunk

PORTIER_PLUGIN_EX(portier::trunk::Trunk, portier::trunk::kInfo)
