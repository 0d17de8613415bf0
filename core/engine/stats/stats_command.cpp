// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/stats/stats_command.h"

#include <optional>
#include <string>

#include "engine/stats/utc_iso.h"

namespace portier::engine {
namespace {

using nlohmann::json;

json failure(const std::string &error, const std::string &message) {
   return json{{"type", "answer"}, {"ok", false}, {"error", error}, {"message", "statistics: " + message}};
}

// A time field: nullopt with `problem` set when present but not a UTC ISO 8601 instant.
std::optional<std::int64_t> time_field(const json &request, const char *name, std::string &problem) {
   const auto it = request.find(name);
   if (it == request.end() || it->is_null()) return std::nullopt;
   const auto parsed = it->is_string() ? parse_utc_iso(it->get<std::string>()) : std::nullopt;
   if (!parsed) problem = std::string("'") + name + "' must be a UTC time like \"2024-01-01T09:00:00Z\"";
   return parsed;
}

json waiting_json(const WaitingFigures &w) {
   return json{{"calls", w.calls}, {"average_ms", w.average_ms}, {"p90_ms", w.p90_ms}, {"longest_ms", w.longest_ms}};
}

}  // namespace

json stats_report_json(const StatsReport &report) {
   json out{{"from", format_utc_iso(report.from_ms)},
            {"to", format_utc_iso(report.to_ms)},
            {"bucket_minutes", kStatsBucketMs / 60000},
            {"ddi", json::array()},
            {"personal_lines", json::array()},
            {"attendants", json::array()}};
   for (const ScopeFigures &f : report.scopes) {
      const StatsCounters &c = f.counts;
      json row{{f.scope == StatsScope::attendant ? "attendant" : "number", f.id},
               {"offered", c.offered},
               {"answered", c.answered},
               {"abandoned", c.abandoned},
               {"overflowed", c.overflowed},
               {"transferred", c.transferred},
               {"returned_from_transfer", c.returned_from_transfer},
               {"rejected", c.rejected},
               {"waiting", waiting_json(f.answered_waiting)},
               {"abandoned_waiting", waiting_json(f.abandoned_waiting)}};
      const char *list = f.scope == StatsScope::ddi             ? "ddi"
                         : f.scope == StatsScope::personal_line ? "personal_lines"
                                                                : "attendants";
      out[list].push_back(std::move(row));
   }
   return out;
}

json statistics_answer(const Statistics &stats, sqlite3 *db, const json &request, std::int64_t now_ms) {
   std::string problem;
   const auto from = time_field(request, "from", problem);
   const auto to = time_field(request, "to", problem);
   if (!problem.empty()) return failure("invalid", problem);
   if (!from) return failure("invalid", "'from' is required");
   const std::int64_t until = to.value_or(now_ms);
   if (until <= *from) return failure("invalid", "'to' must be later than 'from'");
   if (until - *from > kStatsMaxSpanMs) return failure("invalid", "the interval may span at most 400 days");
   std::string error;
   const auto report = query_statistics(stats, db, *from, until, error);
   if (!report) return failure("store_failed", error);
   return json{{"type", "answer"}, {"ok", true}, {"statistics", stats_report_json(*report)}};
}

}  // namespace portier::engine
