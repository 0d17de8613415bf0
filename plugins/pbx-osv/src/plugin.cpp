// SPDX-License-Identifier: GPL-3.0-or-later
// pbx.osv: the plugin object and its portier.pbx/1 table. Every command is checked here on the
// engine thread and handed to the link's I/O thread; the result follows as an event.
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>

#include <portier/kind/pbx.h>
#include <portier/portier.hpp>

#include "config.h"
#include "link.h"
#include "sync/sync.h"

namespace portier::osv {
namespace {

constexpr std::chrono::milliseconds kTick{100};  // how often deadlines are checked
constexpr std::size_t kMaxArgument = PORTIER_ID_SIZE - 1;

class Osv : public Plugin<Osv> {
public:
   static Result<void> validate(std::string_view json) {
      auto config = read_config(json);
      if (!config.ok()) return config.error();
      return ok();
   }

   static Result<std::unique_ptr<Osv>> create(Host host, std::string_view json) {
      auto config = read_config(json);
      if (!config.ok()) return config.error();
      return std::make_unique<Osv>(host, std::move(config).value());
   }

   Osv(Host host, Config config)
       : link_(host, config), tick_(host),
         sync_(config.sync.enabled() ? std::make_unique<Sync>(host, std::move(config.sync)) : nullptr) {}

   Result<void> start() {
      // The timer first: when the host refuses it, start fails before any I/O thread exists,
      // since after a failed start the host calls destroy, never stop (which joins the thread).
      // The timer's first tick comes from the engine loop, after start returned.
      if (auto ticking = tick_.start(kTick, kTick, [this] { link_.tick(); }); !ticking.ok()) {
         return ticking;
      }
      link_.start();
      if (sync_) sync_->start();
      return ok();
   }

   void stop() {
      tick_.cancel();
      if (sync_) sync_->stop();  // joins a fetch under way
      link_.stop();
   }

   const void *get_interface(std::string_view iid) const {
      if (iid == PORTIER_IF_PBX_SYNC_1) return sync_ ? &kSyncTable : nullptr;
      return iid == PORTIER_IF_PBX_1 ? &kTable : nullptr;
   }

   static const portier_pbx_v1 kTable;
   static const portier_pbx_sync_v1 kSyncTable;

   // The sync of `inst`, or nullptr when the instance is NULL or has no sync configured.
   static Sync *sync_of(portier_instance *inst) {
      return inst == nullptr ? nullptr : reinterpret_cast<Osv *>(inst)->sync_.get();
   }

   static portier_status submit(portier_instance *inst, Command c, portier_error *err) {
      if (inst == nullptr) return invalid(err, "instance is NULL");
      if (c.correlation == 0) return invalid(err, "correlation must not be 0");
      if (c.device.empty() || c.device.size() > kMaxArgument) return invalid(err, "device is empty or too long");
      return reinterpret_cast<Osv *>(inst)->link_.submit(std::move(c), err);
   }

   static portier_status invalid(portier_error *err, std::string_view why) {
      detail::write_error(err, 0, {"pbx.osv: ", why});
      return PORTIER_ERR_INVALID;
   }

private:
   Link link_;
   Timer tick_;
   std::unique_ptr<Sync> sync_;  // only when settings.sync is given
};

// Copies a borrowed C string; false when it is NULL, empty or longer than an id.
bool take(const char *in, std::string &out) {
   if (in == nullptr) return false;
   out = in;
   return !out.empty() && out.size() <= kMaxArgument;
}

using Op = Command::Op;

Command command(Op op, const char *device, std::uint64_t correlation) {
   Command c;
   c.op = op;
   c.correlation = correlation;
   if (device != nullptr) c.device = device;
   return c;
}

portier_status device_only(Op op, portier_instance *inst, const char *device, std::uint64_t correlation,
                           portier_error *err) noexcept {
   try {
      return Osv::submit(inst, command(op, device, correlation), err);
   } catch (...) {
      detail::write_error(err, 0, {"pbx.osv: out of memory"});
      return PORTIER_ERR_NO_MEMORY;
   }
}

portier_status with_call(Op op, portier_instance *inst, const char *device, const char *call_id,
                         const char *call_id2, const char *number, uint64_t correlation,
                         portier_error *err) noexcept {
   try {
      Command c = command(op, device, correlation);
      if (call_id != nullptr || op != Op::make_call) {
         if (!take(call_id, c.call_id)) return Osv::invalid(err, "call id is empty or too long");
      }
      if (call_id2 != nullptr && !take(call_id2, c.call_id2)) return Osv::invalid(err, "call id is empty or too long");
      if (number != nullptr && !take(number, c.number)) return Osv::invalid(err, "number is empty or too long");
      return Osv::submit(inst, std::move(c), err);
   } catch (...) {
      detail::write_error(err, 0, {"pbx.osv: out of memory"});
      return PORTIER_ERR_NO_MEMORY;
   }
}

portier_status PORTIER_ABI monitor_start(portier_instance *inst, const char *device, uint64_t corr,
                                         portier_error *err) {
   return device_only(Op::monitor_start, inst, device, corr, err);
}
portier_status PORTIER_ABI monitor_stop(portier_instance *inst, const char *device, uint64_t corr,
                                        portier_error *err) {
   return device_only(Op::monitor_stop, inst, device, corr, err);
}
portier_status PORTIER_ABI snapshot(portier_instance *inst, const char *device, uint64_t corr, portier_error *err) {
   return device_only(Op::snapshot, inst, device, corr, err);
}
portier_status PORTIER_ABI make_call(portier_instance *inst, const char *device, const char *number,
                                     uint64_t corr, portier_error *err) {
   if (number == nullptr || number[0] == '\0') return Osv::invalid(err, "number is empty");
   return with_call(Op::make_call, inst, device, nullptr, nullptr, number, corr, err);
}
portier_status PORTIER_ABI answer(portier_instance *inst, const char *device, const char *call_id,
                                  uint64_t corr, portier_error *err) {
   return with_call(Op::answer, inst, device, call_id, nullptr, nullptr, corr, err);
}
portier_status PORTIER_ABI clear(portier_instance *inst, const char *device, const char *call_id,
                                 uint64_t corr, portier_error *err) {
   return with_call(Op::clear, inst, device, call_id, nullptr, nullptr, corr, err);
}
portier_status PORTIER_ABI hold(portier_instance *inst, const char *device, const char *call_id,
                                uint64_t corr, portier_error *err) {
   return with_call(Op::hold, inst, device, call_id, nullptr, nullptr, corr, err);
}
portier_status PORTIER_ABI retrieve(portier_instance *inst, const char *device, const char *call_id,
                                    uint64_t corr, portier_error *err) {
   return with_call(Op::retrieve, inst, device, call_id, nullptr, nullptr, corr, err);
}
portier_status PORTIER_ABI consult(portier_instance *inst, const char *device, const char *held_call_id,
                                   const char *number, uint64_t corr, portier_error *err) {
   if (number == nullptr || number[0] == '\0') return Osv::invalid(err, "number is empty");
   return with_call(Op::consult, inst, device, held_call_id, nullptr, number, corr, err);
}
portier_status PORTIER_ABI transfer(portier_instance *inst, const char *device, const char *held_call_id,
                                    const char *active_call_id, uint64_t corr, portier_error *err) {
   if (active_call_id == nullptr || active_call_id[0] == '\0') return Osv::invalid(err, "active call id is empty");
   return with_call(Op::transfer, inst, device, held_call_id, active_call_id, nullptr, corr, err);
}
portier_status PORTIER_ABI single_step_transfer(portier_instance *inst, const char *device, const char *call_id,
                                                const char *number, uint64_t corr, portier_error *err) {
   if (number == nullptr || number[0] == '\0') return Osv::invalid(err, "number is empty");
   return with_call(Op::single_step_transfer, inst, device, call_id, nullptr, number, corr, err);
}
portier_status PORTIER_ABI deflect(portier_instance *inst, const char *device, const char *call_id,
                                   const char *number, uint64_t corr, portier_error *err) {
   if (number == nullptr || number[0] == '\0') return Osv::invalid(err, "number is empty");
   return with_call(Op::deflect, inst, device, call_id, nullptr, number, corr, err);
}
portier_status PORTIER_ABI set_forwarding(portier_instance *inst, const char *device, int32_t type, bool on,
                                          const char *number, uint64_t corr, portier_error *err) {
   if (type < PORTIER_PBX_FORWARD_UNCONDITIONAL || type > PORTIER_PBX_FORWARD_NO_ANSWER) {
      return Osv::invalid(err, "unknown forwarding type");
   }
   if (on && (number == nullptr || number[0] == '\0')) return Osv::invalid(err, "forwarding on needs a number");
   try {
      Command c = command(Op::set_forwarding, device, corr);
      c.type = type;
      c.on = on;
      if (on && !take(number, c.number)) return Osv::invalid(err, "number is too long");
      return Osv::submit(inst, std::move(c), err);
   } catch (...) {
      detail::write_error(err, 0, {"pbx.osv: out of memory"});
      return PORTIER_ERR_NO_MEMORY;
   }
}
portier_status PORTIER_ABI set_dnd(portier_instance *inst, const char *device, bool on, uint64_t corr,
                                   portier_error *err) {
   try {
      Command c = command(Op::set_dnd, device, corr);
      c.on = on;
      return Osv::submit(inst, std::move(c), err);
   } catch (...) {
      detail::write_error(err, 0, {"pbx.osv: out of memory"});
      return PORTIER_ERR_NO_MEMORY;
   }
}
portier_status PORTIER_ABI get_features(portier_instance *inst, const char *device, uint64_t corr,
                                        portier_error *err) {
   return device_only(Op::get_features, inst, device, corr, err);
}

}  // namespace

const portier_pbx_v1 Osv::kTable{
    static_cast<std::uint32_t>(sizeof(portier_pbx_v1)),
    &monitor_start, &monitor_stop, &snapshot, &make_call, &answer, &clear, &hold, &retrieve, &consult,
    &transfer, &single_step_transfer, &deflect, &set_forwarding, &set_dnd, &get_features};

namespace {

portier_status PORTIER_ABI sync_fetch(portier_instance *inst, uint64_t corr, portier_error *err) {
   Sync *sync = Osv::sync_of(inst);
   if (sync == nullptr) return Osv::invalid(err, "no extension sync configured");
   return sync->fetch(corr, err);
}
portier_status PORTIER_ABI sync_read(portier_instance *inst, uint64_t corr, portier_pbx_extension_sink sink,
                                     void *user, portier_error *err) {
   Sync *sync = Osv::sync_of(inst);
   if (sync == nullptr) return Osv::invalid(err, "no extension sync configured");
   return sync->read(corr, sink, user, err);
}

}  // namespace

const portier_pbx_sync_v1 Osv::kSyncTable{static_cast<std::uint32_t>(sizeof(portier_pbx_sync_v1)), &sync_fetch,
                                          &sync_read};

constexpr PluginInfo kInfo{
    "pbx.osv",                                                        // id
    PORTIER_KIND_PBX,                                                 // kind
    "OpenScape Voice (CSTA XML)",                                     // name
    "0.1.0",                                                          // version
    "Portier",                                                        // vendor
    "",                                                               // url
    "",                                                               // support_url
    "GPL-3.0-or-later",                                               // license
    "Monitors devices and controls calls on an OpenScape Voice over CSTA XML (TCP 1040).",
    nullptr,                                                          // features
    nullptr,                                                          // required_services
};

}  // namespace portier::osv

PORTIER_PLUGIN_EX(portier::osv::Osv, portier::osv::kInfo)
