// SPDX-License-Identifier: GPL-3.0-or-later
#include "portier/directory_source/call_errors.h"

#include <array>
#include <charconv>

#include <portier/plugin.hpp>

namespace portier::directory_source {

portier_status refuse(portier_error *err, portier_status status, std::string_view message) noexcept {
   detail::write_error(err, 0, {message});
   return status;
}

portier_status exception_in(portier_error *err, std::string_view where) noexcept {
   detail::write_error(err, 0, {"exception in ", where});
   return PORTIER_ERR_INTERNAL;
}

portier_status no_finished_import(portier_error *err, std::string_view what, std::uint64_t correlation) noexcept {
   // to_chars rather than std::to_string: this runs in noexcept code and must not allocate
   std::array<char, 24> digits{};
   const char *end = std::to_chars(digits.data(), digits.data() + digits.size(), correlation).ptr;
   const std::string_view number(digits.data(), static_cast<std::size_t>(end - digits.data()));
   detail::write_error(err, 0, {what, ": no finished import ", number, " (unknown, failed or already read)"});
   return PORTIER_ERR_NOT_FOUND;
}

}  // namespace portier::directory_source
