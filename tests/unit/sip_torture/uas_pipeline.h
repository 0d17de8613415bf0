// SPDX-License-Identifier: GPL-3.0-or-later
// What the test UAS does with received bytes, in memory: the transport's parse (RFC 2543 allowed),
// the loose answer when that fails, check_request when it parses. Plus the fixtures' manifests.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "request_check.h"

namespace portier::torture {

// "accept", "drop", "response" (parsed; a UA only matches it to its transactions) or the status
// sent ("400", "501", ...).
struct Outcome {
   std::string handling;
   std::string reason;                      // parse error, or the reject's phrase
   std::string answer;                      // the response's bytes, when one is sent
   std::vector<std::pair<std::string, std::string>> headers;  // a verdict's extra headers
};

sip::RequestPolicy uas_policy();
Outcome handle(std::string_view bytes, bool stream = false);

struct ManifestRow {
   std::string file;
   std::vector<std::string> columns;  // the row's other columns, in order
};

std::string fixtures_dir();
std::string read_file(const std::string &path);
std::vector<ManifestRow> read_manifest(const std::string &path);

// The statuses and outcomes `expected` (a manifest word) allows for a request from `role`.
std::vector<std::string> allowed_outcomes(const std::string &expected, const std::string &role);

}  // namespace portier::torture
