// SPDX-License-Identifier: MIT
// The conformance report: one line per check, printed as text or JSON.
#pragma once

#include <string>
#include <vector>

namespace portier::check {

enum class Result { Pass, Fail, Warn };

struct CheckLine {
   std::string name;    // "elf.exports", "lifecycle.start_stop", ...
   Result result = Result::Pass;
   std::string detail;  // why it failed or warned, or a short note on a pass
};

// What the descriptor scenario learned, for the report header.
struct DescriptorInfo {
   bool known = false;
   std::string id, kind, name, version;
   unsigned abi_major = 0, abi_minor = 0, struct_size = 0;
};

struct Report {
   std::string file;
   DescriptorInfo descriptor;
   std::vector<CheckLine> checks;
};

const char *result_name(Result r);  // "pass", "fail", "warn"
int count(const Report &report, Result r);
std::string format_text(const Report &report);
std::string format_json(const Report &report);

}  // namespace portier::check
