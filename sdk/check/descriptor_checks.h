// SPDX-License-Identifier: MIT
// The load-time checks of a plugin descriptor (sdk-abi.md 3.6), shared by the core's loader and
// portier-plugin-check so each rule and its message are written once.
#pragma once

#include <string>
#include <vector>

#include <portier/plugin.h>

namespace portier::check {

// The size of a descriptor built against SDK 1.0; anything smaller cannot be a v1 descriptor.
inline constexpr uint32_t kDescriptorSize_1_0 = static_cast<uint32_t>(sizeof(portier_plugin));

// Copies min(raw->struct_size, sizeof(portier_plugin)) bytes into a zeroed portier_plugin, so a
// smaller (older) descriptor reads its missing fields as zero and a larger (newer) one is cut.
portier_plugin copy_descriptor(const portier_plugin *raw);

// Every load-time check of sdk-abi.md 3.6, one line each without a plugin-name prefix (the
// caller adds it); empty when all pass. Reads nothing beyond raw->struct_size, and every string
// only up to a bound. `served_services` are the host service ids this core serves.
// Id uniqueness among loaded plugins is the caller's check.
std::vector<std::string> check_descriptor(const portier_plugin *raw,
                                          const std::vector<std::string> &served_services);

// True for "pbx.osv", "com.example.pbx-x": [a-z0-9] then [a-z0-9.-], at most 63 bytes.
bool is_well_formed_id(const char *id);

// True for a host service or interface id, "portier.host.client/1": a well formed id, '/',
// and a revision number without leading zeros.
bool is_well_formed_service_id(const char *sid);

// True for a semantic version "1.4.2", "2.0.0-rc.1", "1.0.0+build.5" (semver.org 2.0.0).
bool is_semantic_version(const char *version);

}  // namespace portier::check
