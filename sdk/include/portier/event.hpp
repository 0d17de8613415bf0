// SPDX-License-Identifier: MIT
// Portier C++ wrapper: building event records. Header-only, C++17; not part of the ABI.
#ifndef PORTIER_EVENT_HPP
#define PORTIER_EVENT_HPP

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <type_traits>

#include "event.h"
#include "text.hpp"

namespace portier {

// True for a flat event record: standard layout, trivially copyable, with a
// `portier_event_header header` member, no larger than the host accepts. (That `header` comes
// first is checked where records are used, since offsetof needs standard layout.)
template <class T, class = void>
struct is_event_record : std::false_type {};
template <class T>
struct is_event_record<T, std::void_t<decltype(std::declval<T &>().header)>>
    : std::bool_constant<std::is_same_v<decltype(T::header), portier_event_header> &&
                         std::is_standard_layout_v<T> && std::is_trivially_copyable_v<T> &&
                         sizeof(T) <= PORTIER_EVENT_MAX_SIZE> {};
template <class T>
inline constexpr bool is_event_record_v = is_event_record<T>::value;

// A zero-filled record of type T with its header set: struct_size = sizeof(T), `space`, `type`.
// time_us stays 0, which Host::post fills with the host clock. [any]
template <class T>
T make_event(std::uint16_t space, std::uint16_t type) noexcept {
   static_assert(is_event_record_v<T>, "T must be a flat event record starting with `header`");
   static_assert(offsetof(T, header) == 0, "`header` must be the record's first member");
   T ev{};
   ev.header.struct_size = static_cast<std::uint32_t>(sizeof(T));
   ev.header.space = space;
   ev.header.type = type;
   return ev;
}

// Copies `value` into a string field of a record and sets PORTIER_EVENT_TRUNCATED in the header
// when it had to be cut: `portier::set_text(ev.header, ev.device, id)`. Returns true if it fit.
// [any]
template <std::size_t N>
bool set_text(portier_event_header &header, char (&field)[N], std::string_view value) noexcept {
   const bool fit = copy(field, value);
   if (!fit) header.flags |= PORTIER_EVENT_TRUNCATED;
   return fit;
}

}  // namespace portier

#endif  // PORTIER_EVENT_HPP
