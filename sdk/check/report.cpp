// SPDX-License-Identifier: MIT
#include "report.h"

#include <algorithm>

#include <nlohmann/json.hpp>

namespace portier::check {

const char *result_name(Result r)
{
   switch (r) {
   case Result::Pass: return "pass";
   case Result::Fail: return "fail";
   case Result::Warn: return "warn";
   }
   return "fail";
}

int count(const Report &report, Result r)
{
   return static_cast<int>(std::count_if(report.checks.begin(), report.checks.end(),
                                         [r](const CheckLine &c) { return c.result == r; }));
}

std::string format_text(const Report &report)
{
   std::string out = "portier-plugin-check " + report.file;
   if (report.descriptor.known) {
      out += " (" + report.descriptor.id + ", " + report.descriptor.kind + ", " +
             report.descriptor.version + ")";
   }
   out += "\n";
   for (const auto &c : report.checks) {
      const char *tag = c.result == Result::Pass ? "PASS" : c.result == Result::Fail ? "FAIL" : "WARN";
      out += std::string(tag) + "  " + c.name;
      if (!c.detail.empty()) {
         out += ": " + c.detail;
      }
      out += "\n";
   }
   out += std::to_string(count(report, Result::Pass)) + " passed, " +
          std::to_string(count(report, Result::Fail)) + " failed, " +
          std::to_string(count(report, Result::Warn)) + " warnings\n";
   return out;
}

std::string format_json(const Report &report)
{
   using nlohmann::json;
   json checks = json::array();
   for (const auto &c : report.checks) {
      checks.push_back({{"name", c.name}, {"result", result_name(c.result)}, {"detail", c.detail}});
   }
   const auto &d = report.descriptor;
   json descriptor = nullptr;
   if (d.known) {
      descriptor = {{"id", d.id},
                    {"kind", d.kind},
                    {"name", d.name},
                    {"version", d.version},
                    {"abi_major", d.abi_major},
                    {"abi_minor", d.abi_minor},
                    {"struct_size", d.struct_size}};
   }
   const json doc = {{"plugin", d.id},
                     {"file", report.file},
                     {"descriptor", descriptor},
                     {"checks", checks},
                     {"passed", count(report, Result::Pass)},
                     {"failed", count(report, Result::Fail)},
                     {"warnings", count(report, Result::Warn)}};
   // Plugin strings may hold invalid UTF-8; replace rather than throw.
   return doc.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

}  // namespace portier::check
