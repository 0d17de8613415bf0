// SPDX-License-Identifier: GPL-3.0-or-later
// portierd [--config FILE]: runs Portier in the foreground until SIGTERM, SIGINT or `portier stop`.
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include <portier/version.h>

#include "daemon.h"
#include "embedded_config.h"
#include "kernel/config.h"

namespace {

constexpr const char *kUsage =
   "usage: portierd [--config FILE]\n"
   "  Runs Portier in the foreground. Without --config it runs on the configuration built in\n"
   "  (config/portier.yaml at build time), with relative paths taken from ./config, as if the\n"
   "  file were there.\n"
   "  SIGHUP or `portier reload` publishes the file again; SIGTERM, SIGINT or `portier stop` end it.\n";

}  // namespace

int main(int argc, char **argv)
{
   std::filesystem::path config_file;
   for (int i = 1; i < argc; ++i) {
      if (std::strcmp(argv[i], "--config") == 0 && i + 1 < argc) {
         config_file = argv[++i];
      } else if (std::strcmp(argv[i], "--version") == 0) {
         std::cout << "portierd " << PORTIER_SDK_VERSION_STRING << " (SDK ABI " << PORTIER_ABI_MAJOR << "."
                   << PORTIER_ABI_MINOR << ")\n";
         return 0;
      } else if (std::strcmp(argv[i], "--help") == 0 || std::strcmp(argv[i], "-h") == 0) {
         std::cout << kUsage;
         return 0;
      } else {
         std::cerr << "portierd: unexpected argument '" << argv[i] << "'\n" << kUsage;
         return 2;
      }
   }

   portier::kernel::ConfigResult loaded;
   std::string text;
   if (config_file.empty()) {
      text = std::string(portier::daemon::embedded_config());
      // As if it were config/portier.yaml of the current folder (a checkout): its var/ folder,
      // and so its control socket, are where `portier` run from here looks for them.
      loaded = portier::kernel::load_config_text(text, "<embedded>/portier.yaml",
                                                 std::filesystem::current_path() / "config");
   } else {
      std::ifstream in(config_file, std::ios::binary);
      if (!in) {
         std::cerr << "portierd: cannot read " << config_file.string() << '\n';
         return 1;
      }
      std::ostringstream buf;
      buf << in.rdbuf();
      text = buf.str();
      loaded = portier::kernel::load_config_file(config_file);
   }
   if (!loaded.errors.empty()) {
      for (const auto &e : loaded.errors) {
         std::cerr << e.to_string() << '\n';
      }
      return 1;
   }
   portier::daemon::Daemon daemon(std::move(*loaded.config), std::move(text));
   if (!daemon.open()) {
      return 1;
   }
   daemon.run();
   return 0;
}
