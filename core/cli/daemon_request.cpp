// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/daemon_request.h"

#include <ostream>

#include "control/control_client.h"

namespace portier::cli {

std::optional<nlohmann::json> ask_daemon(const Context &ctx, const nlohmann::json &request,
                                         std::chrono::milliseconds timeout) {
   const auto choice = choose_socket(ctx.sources);
   auto result = control::request(choice.socket, request, timeout);
   if (auto *answer = std::get_if<nlohmann::json>(&result)) return std::move(*answer);
   ctx.err << "portier: " << std::get<std::string>(result) << '\n';
   if (!choice.note.empty()) ctx.err << "portier: " << choice.note << '\n';
   return std::nullopt;
}

bool answer_ok(const nlohmann::json &answer) {
   const auto ok = answer.find("ok");
   return ok != answer.end() && ok->is_boolean() && ok->get<bool>();
}

void print_failure(const Context &ctx, const nlohmann::json &answer) {
   const auto error = answer.find("error");
   if (error != answer.end() && error->is_string()) {
      ctx.err << "portier: " << error->get_ref<const std::string &>() << '\n';
   } else {
      ctx.err << "portier: portierd refused the request without saying why\n";
   }
   const auto errors = answer.find("errors");
   if (errors == answer.end() || !errors->is_array()) return;
   for (const auto &e : *errors) {
      if (e.is_string()) ctx.err << e.get_ref<const std::string &>() << '\n';
   }
}

std::optional<int> ask_report(const Context &ctx, const char *cmd, std::chrono::milliseconds timeout,
                              nlohmann::json &answer) {
   auto asked = ask_daemon(ctx, {{"cmd", cmd}}, timeout);
   if (!asked) return kExitFailed;
   if (!answer_ok(*asked)) {
      print_failure(ctx, *asked);
      return kExitFailed;
   }
   if (ctx.invocation.json) {
      ctx.out << asked->dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
      return kExitOk;
   }
   answer = std::move(*asked);
   return std::nullopt;
}

int run_message_command(const Context &ctx, const char *cmd, std::chrono::milliseconds timeout,
                        const char *fallback) {
   const auto answer = ask_daemon(ctx, {{"cmd", cmd}}, timeout);
   if (!answer) return kExitFailed;
   if (!answer_ok(*answer)) {
      print_failure(ctx, *answer);
      return kExitFailed;
   }
   const auto message = answer->find("message");
   ctx.out << (message != answer->end() && message->is_string() ? message->get<std::string>()
                                                                : std::string(fallback))
           << '\n';
   const auto changes = answer->find("changes");
   if (changes != answer->end() && changes->is_array()) {
      for (const auto &line : *changes) {
         if (line.is_string()) ctx.out << "  " << line.get<std::string>() << '\n';
      }
   }
   return kExitOk;
}

}  // namespace portier::cli
