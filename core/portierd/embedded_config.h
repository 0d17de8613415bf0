// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string_view>

namespace portier::daemon {

// config/portier.yaml as it was at build time.
std::string_view embedded_config();

}  // namespace portier::daemon
