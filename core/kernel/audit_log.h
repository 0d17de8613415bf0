// SPDX-License-Identifier: GPL-3.0-or-later
// The audit of log-ons and log-offs: a table in the store (migration 4), so it outlives restarts.
// Fields from the wire are cut to a bound and the table keeps only the newest rows.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kernel/store.h"

namespace portier::kernel {

inline constexpr std::size_t kAuditFieldBytes = 128;       // user, tenant, remote, detail
inline constexpr std::int64_t kAuditMaxRows = 100'000;
inline constexpr int kAuditMaxLimit = 1000;                // rows per query

struct AuditEntry {
   std::int64_t id = 0;    // grows with each row; set by the store
   std::string time;       // UTC, ISO 8601 to the millisecond: 2026-11-29T10:00:00.123Z
   std::string tenant;
   std::string user;
   std::string action;     // log_on, log_on_failed, log_on_locked, log_off, session_expired, session_closed
   std::string remote;
   std::string detail;
};

struct AuditQuery {
   std::optional<std::string> tenant;  // nullopt: every tenant
   int limit = 100;                    // 1 .. kAuditMaxLimit
   std::optional<std::int64_t> before; // only rows with a smaller id (the next page)
};

// At most `max_bytes` of `text`, never cutting a UTF-8 sequence in two.
std::string cut_to_bytes(std::string_view text, std::size_t max_bytes);

// Appends `entry` (id ignored; fields cut to kAuditFieldBytes) and drops the rows beyond the newest
// `max_rows`. The new row's id, or nullopt with `error` set.
std::optional<std::int64_t> append_audit(Store &store, const AuditEntry &entry, std::string &error,
                                         std::int64_t max_rows = kAuditMaxRows);

// Newest first.
std::vector<AuditEntry> query_audit(const Store &store, const AuditQuery &query, std::string &error);

}  // namespace portier::kernel
