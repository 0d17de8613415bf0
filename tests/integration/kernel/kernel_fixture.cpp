// SPDX-License-Identifier: GPL-3.0-or-later
#include "kernel_fixture.h"

#include <atomic>
#include <fstream>
#include <unistd.h>

#include <catch2/catch.hpp>

#include "kernel/config.h"

namespace portier::test {

TempDir::TempDir()
{
   static std::atomic<int> counter{0};
   path = std::filesystem::temp_directory_path() /
          ("portier-kernel-test-" + std::to_string(getpid()) + "-" + std::to_string(counter++));
   std::filesystem::remove_all(path);
   std::filesystem::create_directories(path);
}

TempDir::~TempDir()
{
   std::error_code ec;
   std::filesystem::remove_all(path, ec);
}

kernel::Config make_config(const std::string &yaml, const std::filesystem::path &base)
{
   auto loaded = kernel::load_config_text(yaml, "test.yaml", base);
   for (const auto &e : loaded.errors) {
      FAIL(e.to_string());
   }
   REQUIRE(loaded.config);
   loaded.config->search_path.push_back(PROBE_DIR);
   loaded.config->search_path.push_back(FAULT_PLUGIN_DIR);
   return *loaded.config;
}

KernelRig::KernelRig(const std::string &yaml)
{
   trace_file = dir.path / "trace.txt";
   std::string text = yaml;
   for (std::size_t at; (at = text.find("@TRACE@")) != std::string::npos;) {
      text.replace(at, 7, trace_file.string());
   }
   loop = std::make_unique<kernel::EngineLoop>(clock, 64);
   loop->adopt_current_thread();
   kernel = std::make_unique<kernel::Kernel>(*loop, make_config(text, dir.path));
   kernel->set_event_sink([this](const kernel::PluginSlot &from, const portier_event_header &ev) {
      events.push_back(from.entry.id + " " + std::to_string(ev.space) + "/" + std::to_string(ev.type));
   });
}

KernelRig::~KernelRig()
{
   kernel->stop();
   loop->run_ready();
}

kernel::PluginStatus KernelRig::plugin(const std::string &id) const
{
   for (const auto &s : kernel->status()) {
      if (s.id == id) {
         return s;
      }
   }
   FAIL("no plugin '" << id << "' in status");
   return {};
}

std::vector<std::string> KernelRig::trace_lines() const
{
   std::vector<std::string> lines;
   std::ifstream in(trace_file);
   for (std::string line; std::getline(in, line);) {
      lines.push_back(line);
   }
   return lines;
}

}  // namespace portier::test
