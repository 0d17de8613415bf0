// SPDX-License-Identifier: GPL-3.0-or-later
// E-mail keys to Circuit user ids in bulk: GET /rest/v2/users/list?name=a@x&name=b@x
// &secondaryLookup=true answers the users it found (404 when none); a user matches a key by its
// emailAddress or any of its emailAddresses, case-insensitively.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <portier/result.hpp>

namespace portier::circuit {

// "{server_url}/rest/v2/users/list?name=..&name=..&secondaryLookup=true"; `mails` not empty.
std::string users_list_url(std::string_view server_url, const std::vector<std::string> &mails);

// For each of `mails` (same order) the user id found in `body`, or "" when the answer has no
// user with that address. Fails (PORTIER_ERR_INVALID) when the body is not a JSON array.
Result<std::vector<std::string>> match_users(std::string_view body, const std::vector<std::string> &mails);

}  // namespace portier::circuit
