// SPDX-License-Identifier: GPL-3.0-or-later
// Writes the sites and accounts of a published configuration into the store, replacing what the
// previous publish wrote, in one transaction: a failure leaves the previous ones in place.
#pragma once

#include <string>
#include <vector>

#include "engine/model/engine_data.h"
#include "kernel/store.h"

namespace portier::kernel {

bool store_sites_and_accounts(Store &store, const engine::EngineData &data, std::string &error);

// What the store holds, for tests and for `portier status`-like readers.
std::vector<engine::Site> stored_sites(const Store &store, std::string &error);
std::vector<engine::Account> stored_accounts(const Store &store, std::string &error);

}  // namespace portier::kernel
