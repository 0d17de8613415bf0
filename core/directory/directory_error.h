// SPDX-License-Identifier: GPL-3.0-or-later
// What went wrong in the phone book, as a value: imports report each bad row and carry on.
#pragma once

#include <optional>
#include <string>
#include <utility>

namespace portier::directory {

struct DirectoryError {
   std::string what;  // "family name: longer than 128 bytes"
};

template <class T>
class [[nodiscard]] DirectoryResult {
public:
   DirectoryResult(T value) : value_(std::move(value)) {}
   DirectoryResult(DirectoryError error) : error_(std::move(error)) {}

   bool ok() const { return value_.has_value(); }
   explicit operator bool() const { return ok(); }
   // Only when ok().
   const T &value() const { return *value_; }
   T &value() { return *value_; }
   const T &operator*() const { return *value_; }
   const T *operator->() const { return &*value_; }
   // Only when !ok().
   const DirectoryError &error() const { return error_; }

private:
   std::optional<T> value_;
   DirectoryError error_;
};

}  // namespace portier::directory
