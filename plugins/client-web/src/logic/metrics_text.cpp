// SPDX-License-Identifier: GPL-3.0-or-later
#include "metrics_text.h"

namespace portier::web {

std::string escape_label_value(std::string_view value) {
   std::string out;
   out.reserve(value.size());
   for (const char c : value) {
      if (c == '\\') {
         out += "\\\\";
      } else if (c == '"') {
         out += "\\\"";
      } else if (c == '\n') {
         out += "\\n";
      } else {
         out.push_back(c);
      }
   }
   return out;
}

std::string escape_help(std::string_view help) {
   std::string out;
   out.reserve(help.size());
   for (const char c : help) {
      if (c == '\\') {
         out += "\\\\";
      } else if (c == '\n') {
         out += "\\n";
      } else {
         out.push_back(c);
      }
   }
   return out;
}

std::string exposition_text(const std::vector<MetricFamily> &families) {
   std::string out;
   for (const MetricFamily &f : families) {
      out += "# HELP " + f.name + " " + escape_help(f.help) + "\n";
      out += "# TYPE " + f.name + " " + f.type + "\n";
      for (const MetricSample &s : f.samples) {
         out += f.name;
         if (!s.labels.empty()) {
            out += '{';
            bool first = true;
            for (const auto &[name, value] : s.labels) {
               if (!first) out += ',';
               first = false;
               out += name + "=\"" + escape_label_value(value) + "\"";
            }
            out += '}';
         }
         out += " " + std::to_string(s.value) + "\n";
      }
   }
   return out;
}

}  // namespace portier::web
