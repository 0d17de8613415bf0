// SPDX-License-Identifier: GPL-3.0-or-later
#include "json_text.h"

#include <nlohmann/json.hpp>

namespace portier::web {

std::string json_text(const nlohmann::json &j) {
   return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace portier::web
