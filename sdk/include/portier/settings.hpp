// SPDX-License-Identifier: MIT
// Portier C++ wrapper: typed, checked access to a plugin's settings (the JSON object the host
// passes to validate_config, create and reconfigure). Header-only, C++17; not part of the ABI.
//
//   portier::Settings s(json);
//   std::string greeting = s.get_string("greeting", "Hello", 1, 200);
//   std::int64_t interval = s.get_int("interval_ms", 60000, 100, 3600000);
//   if (auto checked = s.finish(); !checked.ok()) return checked;   // PORTIER_ERR_CONFIG
//
// Each getter returns its fallback when the key is absent (or null) and also when the value is
// wrong, recording a problem such as "settings.interval_ms: 5 is out of range 100..3600000".
// finish() adds one problem per key no getter asked for, with the key it most likely meant:
// "settings: unknown key 'greting' (did you mean 'greeting'?)", or, when none is near,
// "settings: unknown key 'x' (expected: greeting, interval_ms)".
#ifndef PORTIER_SETTINGS_HPP
#define PORTIER_SETTINGS_HPP

#include <charconv>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

#include "did_you_mean.hpp"
#include "json.hpp"
#include "result.hpp"

namespace portier {

// One settings object being read. Owns its parsed copy of the JSON. A plain value: use from one
// thread at a time.
class Settings {
public:
   // Parses `json`, which must be a JSON object; a parse failure is recorded as a problem and
   // every getter then returns its fallback. `name` prefixes messages ("settings.<key>: ...").
   explicit Settings(std::string_view json, std::string name = "settings") : name_(std::move(name)) {
      auto parsed = json::parse(json);
      if (!parsed.ok()) {
         problems_.push_back(name_ + ": " + parsed.message());
         return;
      }
      root_ = std::move(parsed).value();
      if (root_.kind != json::Kind::object) {
         problems_.push_back(name_ + ": expected a JSON object, got " + json::describe(root_.kind));
         root_ = json::Value{};
         root_.kind = json::Kind::object;
      }
   }

   // The raw value of `key`, or nullptr when absent or null. Marks `key` as known.
   const json::Value *get(std::string_view key) {
      expect(key);
      const json::Value *v = root_.find(key);
      return v != nullptr && v->kind != json::Kind::null ? v : nullptr;
   }

   // True when `key` is present and not null. Marks `key` as known.
   bool has(std::string_view key) { return get(key) != nullptr; }

   // A string of min_chars..max_chars characters (Unicode code points).
   std::string get_string(std::string_view key, std::string_view fallback, std::size_t min_chars = 0,
                          std::size_t max_chars = 4096) {
      const json::Value *v = get(key);
      if (v == nullptr) return std::string(fallback);
      if (v->kind != json::Kind::string) {
         wrong_kind(key, "a string", *v);
         return std::string(fallback);
      }
      const std::size_t n = characters(v->text);
      if (n < min_chars || n > max_chars) {
         problem(key, "length " + std::to_string(n) + " is out of range " + std::to_string(min_chars) +
                          ".." + std::to_string(max_chars) + " characters");
         return std::string(fallback);
      }
      return v->text;
   }

   // An integer (no fraction, no exponent) in min..max.
   std::int64_t get_int(std::string_view key, std::int64_t fallback, std::int64_t min, std::int64_t max) {
      const json::Value *v = get(key);
      if (v == nullptr) return fallback;
      if (v->kind != json::Kind::number) {
         wrong_kind(key, "an integer", *v);
         return fallback;
      }
      if (v->text.find_first_of(".eE") != std::string::npos) {
         problem(key, "expected an integer, got " + v->text);
         return fallback;
      }
      std::int64_t n = 0;
      const char *first = v->text.data();
      const char *last = first + v->text.size();
      const auto [end, ec] = std::from_chars(first, last, n);
      if (ec != std::errc() || end != last || n < min || n > max) {
         problem(key, v->text + " is out of range " + std::to_string(min) + ".." + std::to_string(max));
         return fallback;
      }
      return n;
   }

   // true or false.
   bool get_bool(std::string_view key, bool fallback) {
      const json::Value *v = get(key);
      if (v == nullptr) return fallback;
      if (v->kind != json::Kind::boolean) {
         wrong_kind(key, "true or false", *v);
         return fallback;
      }
      return v->boolean;
   }

   // Records a problem of the plugin's own (e.g. a rule across two keys): "<name>.<key>: <what>",
   // or "<name>: <what>" when key is empty.
   void problem(std::string_view key, std::string_view what) {
      std::string line = name_;
      if (!key.empty()) line.append(".").append(key);
      problems_.push_back(line.append(": ").append(what));
   }

   // Keys present in the object that no getter asked for, in document order.
   std::vector<std::string> unknown_keys() const {
      std::vector<std::string> out;
      for (const std::string &k : root_.keys) {
         if (!is_expected(k)) out.push_back(k);
      }
      return out;
   }

   // Keys the getters asked for, in the order first asked.
   const std::vector<std::string> &expected_keys() const noexcept { return expected_; }

   // The problems recorded so far (without unknown keys).
   const std::vector<std::string> &problems() const noexcept { return problems_; }

   // OK when there was no problem and no unknown key; else PORTIER_ERR_CONFIG with every problem,
   // joined by "; ". Call after all getters.
   Result<void> finish() const {
      std::vector<std::string> all = problems_;
      for (const std::string &k : unknown_keys()) {
         all.push_back(name_ + ": " +
                       (expected_.empty() ? "unknown key '" + k + "' (this plugin takes no settings)"
                                          : unknown_key_text(k, expected_)));
      }
      if (all.empty()) return ok();
      std::string message;
      for (const std::string &line : all) {
         if (!message.empty()) message += "; ";
         message += line;
      }
      return portier::error(PORTIER_ERR_CONFIG, std::move(message));
   }

private:
   static std::size_t characters(std::string_view utf8) noexcept {
      std::size_t n = 0;
      for (char c : utf8) {
         if ((static_cast<unsigned char>(c) & 0xC0u) != 0x80u) ++n;
      }
      return n;
   }

   void expect(std::string_view key) {
      if (!is_expected(key)) expected_.emplace_back(key);
   }

   bool is_expected(std::string_view key) const noexcept {
      for (const std::string &k : expected_) {
         if (k == key) return true;
      }
      return false;
   }

   void wrong_kind(std::string_view key, const char *wanted, const json::Value &got) {
      problem(key, std::string("expected ") + wanted + ", got " + json::describe(got.kind));
   }

   std::string name_;
   json::Value root_;
   std::vector<std::string> expected_;
   std::vector<std::string> problems_;
};

}  // namespace portier

#endif  // PORTIER_SETTINGS_HPP
