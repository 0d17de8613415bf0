// SPDX-License-Identifier: GPL-3.0-or-later
#include "kernel/directory_report.h"

#include "directory/statement.h"

namespace portier::kernel {

namespace {

constexpr std::string_view kCreate =
    "CREATE TABLE IF NOT EXISTS directory_sync_reports(source TEXT PRIMARY KEY, report TEXT NOT NULL)";

}  // namespace

void SyncReport::reject(SyncReject row) {
   ++rejected;
   if (rejects.size() < kMaxListedRejects) rejects.push_back(std::move(row));
}

std::string SyncReport::summary_line() const {
   std::string line = source + " (tenant " + tenant + "): ";
   if (!ok) return line + "failed, nothing changed: " + error;
   return line + "ok, " + std::to_string(received) + " received, " + std::to_string(added) + " added, " +
          std::to_string(updated) + " updated, " + std::to_string(deleted) + " deleted, " +
          std::to_string(unchanged) + " unchanged, " + std::to_string(rejected) + " rejected";
}

nlohmann::json to_json(const SyncReport &r, bool with_rejects) {
   nlohmann::json j{{"source", r.source},   {"tenant", r.tenant},       {"started", r.started},
                    {"finished", r.finished}, {"ok", r.ok},             {"received", r.received},
                    {"added", r.added},     {"updated", r.updated},     {"deleted", r.deleted},
                    {"unchanged", r.unchanged}, {"rejected", r.rejected}};
   if (!r.error.empty()) j["error"] = r.error;
   if (with_rejects) {
      nlohmann::json rows = nlohmann::json::array();
      for (const SyncReject &row : r.rejects)
         rows.push_back({{"position", row.position}, {"source_id", row.source_id}, {"reason", row.reason}});
      j["rejects"] = std::move(rows);
      j["rejects_listed"] = r.rejects.size();
   }
   return j;
}

std::optional<SyncReport> report_from_json(const nlohmann::json &j) {
   if (!j.is_object() || !j.contains("source") || !j["source"].is_string()) return std::nullopt;
   SyncReport r;
   const auto text = [&](const char *key) { return j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : std::string(); };
   const auto count = [&](const char *key) {
      return j.contains(key) && j[key].is_number_unsigned() ? j[key].get<std::size_t>() : std::size_t{0};
   };
   r.source = text("source");
   r.tenant = text("tenant");
   r.started = text("started");
   r.finished = text("finished");
   r.error = text("error");
   r.ok = j.value("ok", false);
   r.received = count("received");
   r.added = count("added");
   r.updated = count("updated");
   r.deleted = count("deleted");
   r.unchanged = count("unchanged");
   r.rejected = count("rejected");
   if (const auto it = j.find("rejects"); it != j.end() && it->is_array()) {
      for (const nlohmann::json &row : *it) {
         if (!row.is_object()) continue;
         r.rejects.push_back({row.value("position", std::uint64_t{0}), row.value("source_id", std::string()),
                              row.value("reason", std::string())});
      }
   }
   return r;
}

std::string store_report(directory::DirectoryDb &db, const SyncReport &report) {
   if (std::string error = directory::execute(db.handle(), kCreate); !error.empty()) return error;
   directory::Statement upsert(db.handle(), "INSERT OR REPLACE INTO directory_sync_reports(source, report) VALUES (?1, ?2)");
   upsert.bind(1, report.source)
       .bind(2, to_json(report, true).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
   upsert.step();
   return upsert.error();
}

std::vector<SyncReport> load_reports(directory::DirectoryDb &db) {
   std::vector<SyncReport> reports;
   if (!directory::execute(db.handle(), kCreate).empty()) return reports;
   directory::Statement select(db.handle(), "SELECT report FROM directory_sync_reports ORDER BY source");
   while (select.step()) {
      const nlohmann::json j = nlohmann::json::parse(select.column_view(0), nullptr, false);
      if (auto report = report_from_json(j)) reports.push_back(std::move(*report));
   }
   return reports;
}

}  // namespace portier::kernel
