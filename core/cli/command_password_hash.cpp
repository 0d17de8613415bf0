// SPDX-License-Identifier: GPL-3.0-or-later
// `portier password-hash`: the argon2id hash an account's `password: { argon2id: ... }` takes, so
// that no clear-text password is ever written into the configuration.
#include <charconv>
#include <iostream>
#include <optional>
#include <string>

#include <termios.h>
#include <unistd.h>

#include "cli/commands.h"
#include "kernel/password_check.h"

namespace portier::cli {
namespace {

constexpr std::size_t kMaxPasswordBytes = 1024;     // as the kernel accepts in a log-on
constexpr unsigned long long kMaxOps = 100;
constexpr unsigned long long kMinMemKib = 8;        // libsodium's minimum, 8 KiB
constexpr unsigned long long kMaxMemKib = 4ull * 1024 * 1024;  // 4 GiB

std::optional<unsigned long long> parse_count(const std::optional<std::string> &text, unsigned long long fallback,
                                              unsigned long long min, unsigned long long max) {
   if (!text) return fallback;
   unsigned long long value = 0;
   const char *end = text->data() + text->size();
   const auto [ptr, ec] = std::from_chars(text->data(), end, value);
   if (ec != std::errc() || ptr != end || value < min || value > max) return std::nullopt;
   return value;
}

// One line, without its line end; nullopt when longer than the bound.
std::optional<std::string> read_password_line(std::istream &in) {
   std::string line;
   char c = 0;
   while (in.get(c) && c != '\n') {
      if (line.size() == kMaxPasswordBytes) return std::nullopt;
      line.push_back(c);
   }
   if (!line.empty() && line.back() == '\r') line.pop_back();
   return line;
}

// Turns the terminal's echo off for its lifetime.
class EchoOff {
public:
   EchoOff() {
      if (tcgetattr(STDIN_FILENO, &saved_) != 0) return;
      termios quiet = saved_;
      quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
      active_ = tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet) == 0;
   }
   ~EchoOff() {
      if (active_) tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved_);
   }
   EchoOff(const EchoOff &) = delete;
   EchoOff &operator=(const EchoOff &) = delete;

private:
   termios saved_{};
   bool active_ = false;
};

std::optional<std::string> prompt(const char *text, std::ostream &err) {
   err << text << std::flush;
   EchoOff quiet;
   auto line = read_password_line(std::cin);
   err << '\n';
   return line;
}

int hash_and_print(const Invocation &inv, const std::optional<std::string> &password, std::ostream &out,
                   std::ostream &err) {
   const kernel::HashCost fallback = kernel::interactive_hash_cost();
   const auto ops = parse_count(inv.ops, fallback.ops, 1, kMaxOps);
   const auto mem_kib = parse_count(inv.mem_kib, fallback.mem_bytes / 1024, kMinMemKib, kMaxMemKib);
   if (!ops || !mem_kib) {
      err << "portier: --ops takes 1 to " << kMaxOps << ", --mem-kib " << kMinMemKib << " to " << kMaxMemKib << '\n';
      return kExitUsage;
   }
   if (!password) {
      err << "portier: the password is longer than " << kMaxPasswordBytes << " bytes\n";
      return kExitFailed;
   }
   if (password->empty()) {
      err << "portier: the password is empty\n";
      return kExitFailed;
   }
   const std::string hash =
       kernel::hash_password(*password, kernel::HashCost{*ops, static_cast<std::size_t>(*mem_kib * 1024)});
   if (hash.empty()) {
      err << "portier: libsodium could not make the hash (out of memory?)\n";
      return kExitFailed;
   }
   out << hash << '\n';
   return kExitOk;
}

}  // namespace

int password_hash_from(const Invocation &inv, std::istream &in, std::ostream &out, std::ostream &err) {
   return hash_and_print(inv, read_password_line(in), out, err);
}

int run_password_hash(const Context &ctx) {
   if (!isatty(STDIN_FILENO)) return password_hash_from(ctx.invocation, std::cin, ctx.out, ctx.err);
   const auto first = prompt("Password: ", ctx.err);
   const auto again = prompt("Again: ", ctx.err);
   if (first != again) {
      ctx.err << "portier: the passwords differ\n";
      return kExitFailed;
   }
   return hash_and_print(ctx.invocation, first, ctx.out, ctx.err);
}

}  // namespace portier::cli
