// SPDX-License-Identifier: GPL-3.0-or-later
#include "uas_pipeline.h"

#include <fstream>
#include <sstream>

#include "offer_check.h"
#include "unparseable_request.h"

namespace portier::torture {

sip::RequestPolicy uas_policy() {
   sip::RequestPolicy policy;
   policy.check_sdp = media::offer_problem;
   return policy;
}

Outcome handle(std::string_view bytes, bool stream) {
   sip::ParseResult parsed = sip::parse_message(bytes, sip::ParseOptions{.stream = stream, .rfc2543 = true});
   if (!parsed.message) {
      std::optional<sip::LooseAnswer> answer = sip::answer_unparseable(bytes, parsed.error);
      if (!answer) return {"drop", parsed.error, {}, {}};
      return {std::to_string(answer->status), answer->reason, answer->bytes, {}};
   }
   if (!parsed.message->is_request()) return {"response", {}, {}, {}};
   sip::RequestVerdict verdict = sip::check_request(*parsed.message, uas_policy());
   if (verdict.handling == sip::Handling::accept) return {"accept", {}, {}, {}};
   if (verdict.handling == sip::Handling::drop) return {"drop", {}, {}, {}};
   sip::Message response = sip::build_rejection(*parsed.message, verdict);
   return {std::to_string(verdict.status), verdict.reason, response.serialize(), verdict.headers};
}

std::string fixtures_dir() { return PORTIER_FIXTURES_DIR; }

std::string read_file(const std::string &path) {
   std::ifstream in(path, std::ios::binary);
   std::ostringstream bytes;
   bytes << in.rdbuf();
   return bytes.str();
}

std::vector<ManifestRow> read_manifest(const std::string &path) {
   std::vector<ManifestRow> rows;
   std::istringstream text(read_file(path));
   std::string line;
   while (std::getline(text, line)) {
      if (line.empty() || line[0] == '#') continue;
      std::vector<std::string> cells;
      std::istringstream row(line);
      std::string cell;
      while (std::getline(row, cell, '\t')) cells.push_back(cell);
      if (cells.size() < 2) continue;
      rows.push_back({cells[0], std::vector<std::string>(cells.begin() + 1, cells.end())});
   }
   return rows;
}

std::vector<std::string> allowed_outcomes(const std::string &expected, const std::string &role) {
   std::vector<std::string> allowed;
   // A UA is not a registrar: a REGISTER gets its ordinary answer, 405 with Allow.
   if (role == "registrar") allowed.push_back("405");
   if (expected == "accept") {
      allowed.insert(allowed.end(), {"accept", "405"});  // 405: a known method this UA does not serve
   } else if (expected == "400-or-accept") {
      allowed.insert(allowed.end(), {"400", "accept", "405"});
   } else if (expected == "501-or-400") {
      allowed.insert(allowed.end(), {"501", "400"});
   } else if (expected == "400-or-drop") {
      allowed.insert(allowed.end(), {"400", "drop"});
   } else if (expected == "drop") {
      allowed.insert(allowed.end(), {"drop", "response"});  // a parsed response is never answered
   } else {
      allowed.push_back(expected);
   }
   return allowed;
}

}  // namespace portier::torture
