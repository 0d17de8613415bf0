// SPDX-License-Identifier: GPL-3.0-or-later
#include "extension_list.h"

#include <nlohmann/json.hpp>

namespace portier::office {

std::string extension_page_path(int page, int per_page) {
   return "/restapi/v1.0/account/~/extension?page=" + std::to_string(page) + "&perPage=" + std::to_string(per_page);
}

Result<ExtensionPage> parse_extension_page(std::string_view body) {
   const nlohmann::json doc = nlohmann::json::parse(body, nullptr, false);
   if (doc.is_discarded() || !doc.is_object()) return portier::error(PORTIER_ERR_INVALID, "extension list is not a JSON object");
   const auto records = doc.find("records");
   if (records == doc.end() || !records->is_array()) {
      return portier::error(PORTIER_ERR_INVALID, "extension list has no records array");
   }
   ExtensionPage out;
   for (const nlohmann::json &r : *records) {
      if (!r.is_object()) continue;
      ExtensionRecord rec;
      if (const auto id = r.find("id"); id != r.end()) {
         if (id->is_number_integer()) rec.id = std::to_string(id->get<std::int64_t>());
         if (id->is_string()) rec.id = id->get<std::string>();
      }
      if (rec.id.empty()) continue;
      if (const auto n = r.find("extensionNumber"); n != r.end() && n->is_string()) rec.extension_number = n->get<std::string>();
      out.records.push_back(std::move(rec));
   }
   if (const auto nav = doc.find("navigation"); nav != doc.end() && nav->is_object()) {
      out.has_next = nav->contains("nextPage");
   }
   if (const auto paging = doc.find("paging"); !out.has_next && paging != doc.end() && paging->is_object()) {
      const auto page = paging->find("page");
      const auto total = paging->find("totalPages");
      out.has_next = page != paging->end() && total != paging->end() && page->is_number_integer() &&
                     total->is_number_integer() && page->get<std::int64_t>() < total->get<std::int64_t>();
   }
   return out;
}

}  // namespace portier::office
