// SPDX-License-Identifier: GPL-3.0-or-later
// The Prometheus text exposition format 0.0.4: metric families with HELP and TYPE lines and
// their samples, label values escaped. Only what /metrics needs: integer values, no timestamps.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace portier::web {

inline constexpr std::string_view kMetricsContentType = "text/plain; version=0.0.4; charset=utf-8";

struct MetricSample {
   std::vector<std::pair<std::string, std::string>> labels;  // name, value (any UTF-8; escaped on output)
   std::int64_t value = 0;
};

struct MetricFamily {
   std::string name;  // [a-zA-Z_:][a-zA-Z0-9_:]*
   std::string help;
   std::string type;  // "gauge" or "counter"
   std::vector<MetricSample> samples;
};

// A label value with backslash, double quote and line feed escaped (\\, \", \n).
std::string escape_label_value(std::string_view value);
// A HELP text with backslash and line feed escaped.
std::string escape_help(std::string_view help);

// Every family: "# HELP", "# TYPE", then one line per sample; a family without samples still
// gets its HELP and TYPE. Lines end with "\n".
std::string exposition_text(const std::vector<MetricFamily> &families);

}  // namespace portier::web
