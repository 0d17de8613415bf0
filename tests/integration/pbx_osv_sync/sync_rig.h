// SPDX-License-Identifier: GPL-3.0-or-later
// pbx.osv loaded through its descriptor with given sync settings, driven through
// portier.pbx.sync/1 from the test thread (which plays the engine via test::TestHost).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <portier/kind/pbx.h>
#include <portier/portier.h>

#include "plugin_under_test.h"

namespace synctest {

// One extension as the sink saw it, copied out.
struct SeenExtension {
   std::string number, e164, display_name, first_name, last_name, department, email;
};

// The settings of pbx.osv with `sync_json` as its sync object; the CSTA link points at a
// closed port and only retries in the background.
std::string osv_settings(const std::string &sync_json);

class SyncRig : public test::PluginUnderTest {
public:
   explicit SyncRig(const std::string &settings);
   ~SyncRig();

   const portier_pbx_sync_v1 *sync = nullptr;  // nullptr when the plugin offers no sync

   // fetch() must answer PENDING; then waits (bounded) for SYNC_READY with that correlation.
   portier_pbx_result_event fetch_and_wait(std::uint64_t correlation);
   // read() into a vector; `status` receives read's return.
   std::vector<SeenExtension> read(std::uint64_t correlation, portier_status &status);
};

// Secrets the rig's host hands out (secret_get), by name; cleared when a rig is destroyed.
void set_secret(const std::string &name, const std::string &value);

// The plugin's validate_config: "" when accepted, else the error message.
std::string validate(const std::string &settings);

}  // namespace synctest
