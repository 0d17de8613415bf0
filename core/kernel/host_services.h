// SPDX-License-Identifier: GPL-3.0-or-later
// The portier_host table each plugin instance receives, and the rules it enforces.
#pragma once

namespace portier::kernel {

class Kernel;
struct PluginSlot;

// Gives the slot a fresh context and fills its services table. Called before create().
void init_host_table(Kernel &kernel, PluginSlot &slot);

// After stop() returned: refuses further calls (but log), cancels the instance's timers and
// drops its queued callbacks.
void retire_host_table(Kernel &kernel, PluginSlot &slot);

}  // namespace portier::kernel
