// SPDX-License-Identifier: GPL-3.0-or-later
// A kernel on a simulated clock, with the test thread as its engine thread.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "kernel/clock.h"
#include "kernel/engine_loop.h"
#include "kernel/kernel.h"

namespace portier::test {

// A fresh folder under /tmp, removed when the object goes.
struct TempDir {
   TempDir();
   ~TempDir();
   std::filesystem::path path;
};

// Parses YAML (the plugins section and anything else) with the probe and fault plugin folders
// on the search path; fails the test on a configuration error.
kernel::Config make_config(const std::string &yaml, const std::filesystem::path &base);

struct KernelRig {
   explicit KernelRig(const std::string &yaml);
   ~KernelRig();

   kernel::PluginStatus plugin(const std::string &id) const;
   std::vector<std::string> trace_lines() const;   // what the probes wrote to trace_file

   TempDir dir;
   std::filesystem::path trace_file;
   kernel::SimulatedClock clock;
   std::unique_ptr<kernel::EngineLoop> loop;
   std::unique_ptr<kernel::Kernel> kernel;
   std::vector<std::string> events;   // "id space/type" per delivered event
};

}  // namespace portier::test
