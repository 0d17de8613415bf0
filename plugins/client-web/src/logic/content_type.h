// SPDX-License-Identifier: GPL-3.0-or-later
// The Content-Type of a file the front end is made of, by its extension.
#pragma once

#include <string_view>

namespace portier::web {

// "text/html; charset=utf-8" for "index.html"; "application/octet-stream" for what is unknown.
// The extension is matched without regard to case.
std::string_view content_type_for(std::string_view file_name);

}  // namespace portier::web
