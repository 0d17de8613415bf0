// SPDX-License-Identifier: GPL-3.0-or-later
// A pbx plugin's extension list (portier.pbx.sync/1) as a phone-book source, so every extension
// is findable even when no directory knows it. The run is the same as a directory plugin's:
// fetch() instead of begin_import, PORTIER_PBX_EV_SYNC_READY instead of READY (both on the
// engine loop, nothing waits), then read() hands the list over and each extension becomes one
// row keyed by its number. Engine thread only.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <portier/event.h>
#include <portier/kind/directory.h>
#include <portier/kind/pbx.h>

#include "directory/contact.h"

namespace portier::kernel {

// The sync table `table` of a started pbx plugin, when it serves one a run can use (fetch and
// read both set); else nullptr. `table` is what get_interface answered, borrowed. [any]
const portier_pbx_sync_v1 *usable_pbx_sync(const void *table);

// A pbx plugin's SYNC_READY restated as a directory READY with the same correlation, status and
// message (no counts: the list's size is known once it is read), so a run takes one path
// whichever kind its source is. nullopt for any other event or a short one. [engine]
std::optional<portier_directory_event> ready_of_pbx_sync(const portier_event_header &ev);

// One extension as a row of `source`: the number is the row's source id and its extension; the
// names and department as given; the e-mail when there is one; one office phone, the E.164
// number when the PBX gives it, else the extension as dialled (apply_source reads it through the
// number plan like any source's number). Strings are copied. [any]
directory::Contact contact_of_extension(const portier_pbx_extension &ext, std::string_view source);

// Reads the fetched list `correlation` of `instance` into `rows` (appended, as rows of
// `source`). Returns "" on success, else why it failed ("read failed: ..."); `rows` may then
// hold part of the list and must not be applied. [engine, the plugin started]
std::string read_pbx_extensions(const portier_pbx_sync_v1 &table, portier_instance *instance,
                                std::uint64_t correlation, std::string_view source,
                                std::vector<directory::Contact> &rows);

}  // namespace portier::kernel
