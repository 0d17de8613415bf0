// SPDX-License-Identifier: MIT
// Portier C++ wrapper: errors as values. Header-only, C++17; not part of the ABI.
//
// A Result<T> is what every fallible wrapper call returns: the status code of status.h, the
// protocol `detail` and a message, plus a T on success. Nothing here crosses the ABI; the
// plugin trampolines (plugin.hpp) copy a failed Result into the caller's portier_error.
#ifndef PORTIER_RESULT_HPP
#define PORTIER_RESULT_HPP

#include <cstddef>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>

#include "status.h"

namespace portier {

// Why something failed: a PORTIER_ERR_* status (negative), the protocol detail (CSTA error value,
// SIP or HTTP status, or 0) and a message that names what failed. A plain value. [any]
struct Error {
   portier_status status = PORTIER_ERR_INTERNAL;
   std::int32_t detail = 0;
   std::string message;
};

// Builds an Error; converts implicitly into any Result<T>: `return portier::error(...)`.
// A non-negative `status` is a caller bug and becomes PORTIER_ERR_INTERNAL, so an Error is never
// mistaken for success. [any]
inline Error error(portier_status status, std::string message, std::int32_t detail = 0) {
   return Error{status < 0 ? status : PORTIER_ERR_INTERNAL, detail, std::move(message)};
}

// The exception the opt-in throwing style uses (throw_on_error, Result::value() on a failure).
// The plugin trampolines catch it and return its status and message unchanged. [any]
class Exception : public std::runtime_error {
public:
   explicit Exception(Error e) : std::runtime_error(e.message), error_(std::move(e)) {}
   const Error &error() const noexcept { return error_; }

private:
   Error error_;
};

// The outcome of a call: success holding a T, or an Error. Owns its T. Not thread-safe (a value).
template <class T>
class [[nodiscard]] Result {
   static_assert(!std::is_reference_v<T>, "Result<T&> is not supported; use a pointer");

public:
   // Success. Implicit so that `return value;` works.
   Result(T value) : value_(std::move(value)) {}
   // Failure. Implicit so that `return portier::error(...);` works.
   Result(Error e) : error_(std::move(e)) {}

   bool ok() const noexcept { return value_.has_value(); }
   explicit operator bool() const noexcept { return ok(); }

   // PORTIER_OK on success, else the error's status.
   portier_status status() const noexcept { return ok() ? PORTIER_OK : error_.status; }
   // 0 on success.
   std::int32_t detail() const noexcept { return ok() ? 0 : error_.detail; }
   // "" on success.
   const std::string &message() const noexcept { return error_.message; }
   // The error; meaningful only when !ok().
   const Error &error() const noexcept { return error_; }

   // The value; throws portier::Exception holding the error when !ok() (like optional::value).
   T &value() & { check(); return *value_; }
   const T &value() const & { check(); return *value_; }
   T &&value() && { check(); return std::move(*value_); }
   // The value, or `fallback` when !ok().
   T value_or(T fallback) const & { return ok() ? *value_ : std::move(fallback); }

private:
   void check() const {
      if (!ok()) throw Exception(error_);
   }

   std::optional<T> value_;
   Error error_;
};

// The outcome of a call that returns nothing on success.
template <>
class [[nodiscard]] Result<void> {
public:
   // Success.
   Result() = default;
   // Failure. Implicit so that `return portier::error(...);` works.
   Result(Error e) : failed_(true), error_(std::move(e)) {}

   bool ok() const noexcept { return !failed_; }
   explicit operator bool() const noexcept { return ok(); }
   portier_status status() const noexcept { return ok() ? PORTIER_OK : error_.status; }
   std::int32_t detail() const noexcept { return ok() ? 0 : error_.detail; }
   const std::string &message() const noexcept { return error_.message; }
   const Error &error() const noexcept { return error_; }

   // Throws portier::Exception holding the error when !ok(); does nothing otherwise.
   void value() const {
      if (!ok()) throw Exception(error_);
   }

private:
   bool failed_ = false;
   Error error_;
};

// A successful Result<void>: `return portier::ok();` [any]
inline Result<void> ok() { return Result<void>(); }

// Opt-in exceptions inside a plugin: returns the value of a successful Result, or throws
// portier::Exception with its error. The trampolines turn that back into the status. [any]
template <class T>
T throw_on_error(Result<T> r) {
   return std::move(r).value();
}
inline void throw_on_error(const Result<void> &r) { r.value(); }

// Same for a raw C call: throws when `status` is a failure, with err->message if given. [any]
inline void throw_on_error(portier_status status, const portier_error *err = nullptr) {
   if (portier_status_ok(status)) return;
   Error e{status, 0, portier_status_name(status)};
   if (err != nullptr && err->message[0] != '\0') {
      e.detail = err->detail;
      std::size_t n = 0;  // bounded: a broken callee may leave the array unterminated
      while (n < sizeof err->message && err->message[n] != '\0') ++n;
      e.message.assign(err->message, n);
   }
   throw Exception(std::move(e));
}

}  // namespace portier

#endif  // PORTIER_RESULT_HPP
