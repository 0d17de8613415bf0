// SPDX-License-Identifier: GPL-3.0-or-later
#include "kernel/migrations.h"

#include <array>

namespace portier::kernel {

namespace {

constexpr std::array kMigrations = {
    Migration{1, "audit of published configurations",
              "CREATE TABLE config_publish ("
              " id INTEGER PRIMARY KEY,"
              " at TEXT NOT NULL,"
              " file TEXT NOT NULL,"
              " sha256 TEXT NOT NULL,"
              " outcome TEXT NOT NULL,"
              " message TEXT NOT NULL);"},
    // core/engine/stats: counters per 15-minute bucket (UTC ms) and scope, one row per waiting time.
    Migration{2, "call statistics",
              "CREATE TABLE stats_bucket ("
              " bucket_start INTEGER NOT NULL,"
              " scope TEXT NOT NULL,"
              " id TEXT NOT NULL,"
              " offered INTEGER NOT NULL DEFAULT 0,"
              " answered INTEGER NOT NULL DEFAULT 0,"
              " abandoned INTEGER NOT NULL DEFAULT 0,"
              " overflowed INTEGER NOT NULL DEFAULT 0,"
              " transferred INTEGER NOT NULL DEFAULT 0,"
              " returned_from_transfer INTEGER NOT NULL DEFAULT 0,"
              " rejected INTEGER NOT NULL DEFAULT 0,"
              " PRIMARY KEY (bucket_start, scope, id)) WITHOUT ROWID;"
              "CREATE TABLE stats_waiting ("
              " bucket_start INTEGER NOT NULL,"
              " scope TEXT NOT NULL,"
              " id TEXT NOT NULL,"
              " kind TEXT NOT NULL,"
              " waiting_ms INTEGER NOT NULL);"
              "CREATE INDEX stats_waiting_by_bucket ON stats_waiting(bucket_start);"},
    // core/kernel/account_store.cpp: the sites and accounts of the configuration last published.
    // Passwords only as an argon2id hash or the name of where one is read (never clear text).
    Migration{3, "sites and accounts",
              "CREATE TABLE site ("
              " name TEXT PRIMARY KEY,"
              " master INTEGER NOT NULL,"
              " country_code TEXT NOT NULL,"
              " area_code TEXT NOT NULL,"
              " trunk_code TEXT NOT NULL,"
              " max_extension_length INTEGER NOT NULL,"
              " access_public TEXT NOT NULL,"
              " access_national TEXT NOT NULL,"
              " access_international TEXT NOT NULL,"
              " access_local TEXT NOT NULL) WITHOUT ROWID;"
              "CREATE TABLE account ("
              " tenant TEXT NOT NULL,"
              " user TEXT NOT NULL,"
              " role TEXT NOT NULL,"
              " password_kind TEXT NOT NULL,"
              " password TEXT NOT NULL,"
              " enabled INTEGER NOT NULL,"
              " created INTEGER NOT NULL,"
              " PRIMARY KEY (tenant, user)) WITHOUT ROWID;"},
    // core/kernel/audit_log.cpp: log-ons and log-offs, newest kept (AUTOINCREMENT: ids never reused).
    Migration{4, "log-on audit",
              "CREATE TABLE audit_log ("
              " id INTEGER PRIMARY KEY AUTOINCREMENT,"
              " time TEXT NOT NULL,"
              " tenant TEXT NOT NULL,"
              " user TEXT NOT NULL,"
              " action TEXT NOT NULL,"
              " remote TEXT NOT NULL,"
              " detail TEXT NOT NULL);"
              "CREATE INDEX audit_log_by_tenant ON audit_log(tenant, id);"},
    // core/kernel/session_store.cpp: client plugins' log-on sessions over a restart, by a hash of
    // the id (never the id); times in Unix ms.
    Migration{5, "client sessions",
              "CREATE TABLE client_session ("
              " plugin TEXT NOT NULL,"
              " id_hash TEXT NOT NULL,"
              " tenant TEXT NOT NULL,"
              " user TEXT NOT NULL,"
              " role TEXT NOT NULL,"
              " csrf TEXT NOT NULL,"
              " remote TEXT NOT NULL,"
              " created_ms INTEGER NOT NULL,"
              " last_seen_ms INTEGER NOT NULL,"
              " expires_ms INTEGER NOT NULL,"
              " PRIMARY KEY (plugin, id_hash)) WITHOUT ROWID;"},
};

}  // namespace

std::span<const Migration> migrations() { return kMigrations; }

int latest_schema_version() { return kMigrations.back().version; }

}  // namespace portier::kernel
