// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/host/pbx_adapter.h"

#include <cstddef>
#include <cstring>
#include <utility>

namespace portier::engine {

std::string describe(const PbxFailure &failure) {
   std::string line = failure.device;
   if (failure.dial) {
      line += ": call to " + failure.destination;
   } else {
      line += ": CFU " + (failure.on ? "to " + failure.destination : std::string("off"));
   }
   line += " failed: ";
   line += portier_status_name(failure.status);
   if (failure.detail != 0) line += " (" + std::to_string(failure.detail) + ")";
   if (!failure.message.empty()) line += " " + failure.message;
   return line;
}

PbxAdapter::PbxAdapter(FailureSink on_failure, DoneSink on_done)
    : pending_(kMaxPending, std::move(on_failure), std::move(on_done)) {}

void PbxAdapter::detach() {
   table_ = PbxTable{};
   pending_.clear();  // their RESULTs can no longer come
}

void PbxAdapter::set_forwarding(std::string_view device, std::string_view destination) {
   PbxFailure what;
   what.on = true;
   what.device = device;
   what.destination = destination;
   issue(std::move(what));
}

void PbxAdapter::clear_forwarding(std::string_view device) {
   PbxFailure what;
   what.device = device;
   issue(std::move(what));
}

bool PbxAdapter::make_call(std::string_view device, std::string_view number) {
   if (!attached() || !PORTIER_HAS(table_.api, portier_pbx_v1, make_call) || table_.api->make_call == nullptr) {
      return false;
   }
   PbxFailure what;
   what.dial = true;
   what.device = device;
   what.destination = number;
   const std::uint64_t correlation = pending_.next_correlation();
   portier_error err{};
   err.struct_size = sizeof err;
   const portier_status status =
       table_.api->make_call(table_.instance, what.device.c_str(), what.destination.c_str(), correlation, &err);
   pending_.sent(correlation, status, err, std::move(what));
   return true;
}

void PbxAdapter::issue(PbxFailure what) {
   if (!attached()) {
      what.status = PORTIER_ERR_UNAVAILABLE;
      what.message = "no pbx plugin is running";
      pending_.refused(std::move(what));
      return;
   }
   // A table too old for set_forwarding, or one that left it empty, cannot forward.
   if (!PORTIER_HAS(table_.api, portier_pbx_v1, set_forwarding) || table_.api->set_forwarding == nullptr) {
      what.status = PORTIER_ERR_UNSUPPORTED;
      what.message = "the pbx plugin offers no set_forwarding";
      pending_.refused(std::move(what));
      return;
   }
   const std::uint64_t correlation = pending_.next_correlation();
   portier_error err{};
   err.struct_size = sizeof err;
   const portier_status status =
       table_.api->set_forwarding(table_.instance, what.device.c_str(), PORTIER_PBX_FORWARD_UNCONDITIONAL, what.on,
                                  what.on ? what.destination.c_str() : nullptr, correlation, &err);
   pending_.sent(correlation, status, err, std::move(what));
}

void PbxAdapter::on_result(const portier_pbx_result_event &result) {
   pending_.settled(result.header.correlation, result.status, result.detail, result.message);
}

}  // namespace portier::engine
