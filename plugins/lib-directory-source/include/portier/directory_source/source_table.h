// SPDX-License-Identifier: GPL-3.0-or-later
// The portier_directory_source_v1 table (kind/directory.h) of a source class: C trampolines that
// refuse a NULL instance, call the class's member and turn an escaping exception into
// PORTIER_ERR_INTERNAL, so nothing throws across the ABI.
#pragma once

#include <cstdint>

#include <portier/kind/directory.h>

#include "call_errors.h"

namespace portier::directory_source {

// `Source` is the instance type the host's portier_instance points to, with the members
//   portier_status begin_import(std::uint64_t correlation, portier_error *err);
//   portier_status read(std::uint64_t correlation, portier_directory_sink, void *user, portier_error *err);
//   portier_status read_rejects(std::uint64_t correlation, portier_directory_reject_sink, void *user,
//                               portier_error *err);
// kTable is static data: get_interface hands out its address. Thread tags as in kind/directory.h.
template <typename Source>
struct SourceTable {
   static portier_status PORTIER_ABI begin_import(portier_instance *inst, std::uint64_t correlation,
                                                  portier_error *err) noexcept {
      if (inst == nullptr) return refuse(err, PORTIER_ERR_INVALID, "begin_import: instance is NULL");
      try {
         return reinterpret_cast<Source *>(inst)->begin_import(correlation, err);
      } catch (...) {
         return exception_in(err, "begin_import");
      }
   }

   static portier_status PORTIER_ABI read(portier_instance *inst, std::uint64_t correlation, portier_directory_sink sink,
                                          void *user, portier_error *err) noexcept {
      if (inst == nullptr) return refuse(err, PORTIER_ERR_INVALID, "read: instance is NULL");
      try {
         return reinterpret_cast<Source *>(inst)->read(correlation, sink, user, err);
      } catch (...) {
         return exception_in(err, "read");
      }
   }

   static portier_status PORTIER_ABI read_rejects(portier_instance *inst, std::uint64_t correlation,
                                                  portier_directory_reject_sink sink, void *user,
                                                  portier_error *err) noexcept {
      if (inst == nullptr) return refuse(err, PORTIER_ERR_INVALID, "read_rejects: instance is NULL");
      try {
         return reinterpret_cast<Source *>(inst)->read_rejects(correlation, sink, user, err);
      } catch (...) {
         return exception_in(err, "read_rejects");
      }
   }

   static constexpr portier_directory_source_v1 kTable{static_cast<std::uint32_t>(sizeof(portier_directory_source_v1)),
                                                       &begin_import, &read, &read_rejects};
};

}  // namespace portier::directory_source
