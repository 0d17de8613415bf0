// SPDX-License-Identifier: GPL-3.0-or-later
// `portier engine JSON`, `portier engine forward/unforward ...` and `portier engine --events N
// [--after SEQ]`: the engine's client API from the command line, for administrators and the
// daemon tests.
#include <charconv>
#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>
#include <variant>

#include <pwd.h>
#include <unistd.h>

#include "cli/commands.h"
#include "cli/daemon_request.h"
#include "cli/engine_forwarding.h"

namespace portier::cli {
namespace {

constexpr std::chrono::milliseconds kEngineTimeout{10'000};
// A forwarding command is answered when the PBX has, within the kernel's guard time (10 s).
constexpr std::chrono::milliseconds kForwardingTimeout{15'000};

// Who runs the command, for the audit row; the control socket is the administrator's alone.
std::string login_name() {
   if (const passwd *user = getpwuid(geteuid()); user != nullptr && user->pw_name != nullptr) return user->pw_name;
   return "uid " + std::to_string(geteuid());
}

std::string one_line(const nlohmann::json &value) {
   return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::optional<std::uint64_t> parse_count(std::string_view text) {
   std::uint64_t value = 0;
   const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
   if (ec != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
   return value;
}

int run_events(const Context &ctx) {
   const auto count = parse_count(*ctx.invocation.events);
   const auto after = ctx.invocation.after ? parse_count(*ctx.invocation.after) : std::optional<std::uint64_t>(0);
   if (!count || !after) {
      ctx.err << "portier: --events and --after take a whole number\n";
      return kExitUsage;
   }
   const auto answer = ask_daemon(ctx, {{"cmd", "engine"}, {"events", *count}, {"after", *after}}, kEngineTimeout);
   if (!answer) return kExitFailed;
   if (!answer_ok(*answer)) {
      print_failure(ctx, *answer);
      return kExitFailed;
   }
   const auto events = answer->find("events");
   if (events != answer->end() && events->is_array()) {
      for (const auto &event : *events) ctx.out << one_line(event) << '\n';
   }
   return kExitOk;
}

}  // namespace

int run_engine(const Context &ctx) {
   if (ctx.invocation.events) return run_events(ctx);
   const std::string &text = ctx.invocation.operands.front();
   nlohmann::json command;
   auto timeout = kEngineTimeout;
   if (is_forwarding_verb(text)) {
      auto built = forwarding_command(ctx.invocation.operands);
      if (const auto *usage = std::get_if<std::string>(&built)) {
         ctx.err << "portier: " << *usage << '\n';
         return kExitUsage;
      }
      command = std::move(std::get<nlohmann::json>(built));
      command["by"] = "portier engine (" + login_name() + ")";  // for the audit row
      timeout = kForwardingTimeout;
   } else {
      command = nlohmann::json::parse(text, nullptr, false);
      if (command.is_discarded() || !command.is_object()) {
         ctx.err << "portier: engine: the command is not a JSON object: " << text << '\n';
         return kExitUsage;
      }
   }
   const auto answer = ask_daemon(ctx, {{"cmd", "engine"}, {"command", std::move(command)}}, timeout);
   if (!answer) return kExitFailed;
   if (!answer_ok(*answer)) {
      print_failure(ctx, *answer);
      return kExitFailed;
   }
   const auto engine_answer = answer->find("answer");
   if (engine_answer == answer->end()) {
      ctx.err << "portier: portierd's answer has no engine answer\n";
      return kExitFailed;
   }
   ctx.out << one_line(*engine_answer) << '\n';
   return answer_ok(*engine_answer) ? kExitOk : kExitFailed;
}

}  // namespace portier::cli
