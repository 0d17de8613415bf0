// SPDX-License-Identifier: GPL-3.0-or-later
// Extension numbers -> extension ids: the account's extension list
// (GET /restapi/v1.0/account/~/extension?page=N&perPage=P, group Medium), read page by page.
// Ids are int64 in these answers and kept as decimal text, the form the presence paths use.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <portier/result.hpp>

namespace portier::office {

// The path and query of page `page` (1-based). [any]
std::string extension_page_path(int page, int per_page);

struct ExtensionRecord {
   std::string id;                // decimal text
   std::string extension_number;  // "" for extensions without a number
};

struct ExtensionPage {
   std::vector<ExtensionRecord> records;
   bool has_next = false;         // navigation.nextPage given, or paging.page < totalPages
};

// Fails (PORTIER_ERR_INVALID) when the body is not JSON or has no `records` array; records
// without an id are skipped. [any]
Result<ExtensionPage> parse_extension_page(std::string_view body);

}  // namespace portier::office
