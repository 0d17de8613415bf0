// SPDX-License-Identifier: GPL-3.0-or-later
// What went wrong with a number, and where: errors as values, so an import can report each bad
// row and carry on.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <utility>

namespace portier::numbers {

struct NumberError {
   std::string what;          // "'x' is not part of a phone number"
   std::size_t position = 0;  // offset into the text given, counted from 0
};

// "at character 7: 'x' is not part of a phone number" (counted from 1, for people).
std::string describe(const NumberError &error);

// A converted number, or why it could not be converted.
template <class T>
class [[nodiscard]] NumberResult {
public:
   NumberResult(T value) : value_(std::move(value)) {}
   NumberResult(NumberError error) : error_(std::move(error)) {}

   bool ok() const { return value_.has_value(); }
   explicit operator bool() const { return ok(); }
   // Only when ok().
   const T &value() const { return *value_; }
   const T &operator*() const { return *value_; }
   const T *operator->() const { return &*value_; }
   // Only when !ok().
   const NumberError &error() const { return error_; }

private:
   std::optional<T> value_;
   NumberError error_;
};

}  // namespace portier::numbers
