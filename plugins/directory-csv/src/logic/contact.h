// SPDX-License-Identifier: GPL-3.0-or-later
// One imported contact, compact: its values live back to back in one string, each followed by a
// NUL, so a million contacts cost one allocation each and every value is a ready C string for the
// directory record.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace portier::csv {

// The single-valued fields a column can be mapped to. Phones and e-mails are lists apart.
enum class Field : std::uint8_t {
   source_id,
   given,
   family,
   display,
   company,
   department,
   location,
   building,
   cost_centre,
   notes,
   sip_uri,
   extension
};
inline constexpr std::size_t kFieldCount = 12;

// The settings key of each field ("cost_centre"), in Field order.
const std::array<const char *, kFieldCount> &field_names();

inline std::size_t index_of(Field f) noexcept { return static_cast<std::size_t>(f); }

// Phone types of the settings; the values are PORTIER_PHONE_* of kind/directory.h.
inline constexpr std::int32_t kPhoneOffice = 1;
inline constexpr std::int32_t kPhoneMobile = 2;
inline constexpr std::int32_t kPhoneHome = 3;
inline constexpr std::int32_t kPhoneFax = 4;
inline constexpr std::int32_t kPhoneOther = 5;  // the manual's "private"

class Contact {
public:
   Contact() : text_(1, '\0') { at_.fill(0); }

   // Room for `bytes` of values (NULs included), so that setting them does not reallocate.
   void reserve(std::size_t bytes) { text_.reserve(text_.size() + bytes); }
   // Stores `value` for `f`; an empty value stays "".
   void set(Field f, std::string_view value);
   void add_phone(std::int32_t type, std::string_view number);
   void add_email(std::string_view address);

   const char *get(Field f) const noexcept { return text_.c_str() + at_[index_of(f)]; }
   std::string_view view(Field f) const noexcept { return get(f); }
   std::size_t phone_count() const noexcept { return phones_.size(); }
   std::int32_t phone_type(std::size_t i) const noexcept { return phones_[i].type; }
   const char *phone_number(std::size_t i) const noexcept { return text_.c_str() + phones_[i].at; }
   std::size_t email_count() const noexcept { return emails_.size(); }
   const char *email(std::size_t i) const noexcept { return text_.c_str() + emails_[i]; }

   std::uint64_t line = 0;  // the row's first line in the file

private:
   struct Phone {
      std::int32_t type;
      std::uint32_t at;
   };
   std::uint32_t append(std::string_view value);

   std::string text_;  // text_[0] is the NUL every empty value points to
   std::array<std::uint32_t, kFieldCount> at_{};
   std::vector<Phone> phones_;
   std::vector<std::uint32_t> emails_;
};

}  // namespace portier::csv
