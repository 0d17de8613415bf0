// SPDX-License-Identifier: GPL-3.0-or-later
#include <exception>
#include <ostream>

#include "cli/commands.h"
#include "cli/daemon_request.h"
#include "control/status_table.h"
#include "kernel/plugin_status.h"

namespace portier::cli {
namespace {

constexpr std::chrono::milliseconds kStatusTimeout{10'000};

std::string string_member(const nlohmann::json &answer, const char *name) {
   const auto it = answer.find(name);
   return it != answer.end() && it->is_string() ? it->get<std::string>() : std::string("-");
}

}  // namespace

int run_status(const Context &ctx) {
   nlohmann::json answer;
   if (const auto done = ask_report(ctx, "status", kStatusTimeout, answer)) return *done;
   std::vector<kernel::PluginStatus> plugins;
   try {
      const auto list = answer.find("plugins");
      if (list != answer.end()) plugins = list->get<std::vector<kernel::PluginStatus>>();
   } catch (const std::exception &e) {
      ctx.err << "portier: portierd sent a status that does not read: " << e.what() << '\n';
      return kExitFailed;
   }
   ctx.out << "config:  " << string_member(answer, "config") << '\n'
           << "started: " << string_member(answer, "started") << "\n\n"
           << control::format_status_table(plugins);
   return kExitOk;
}

}  // namespace portier::cli
