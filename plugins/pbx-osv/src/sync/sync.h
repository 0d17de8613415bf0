// SPDX-License-Identifier: GPL-3.0-or-later
// pbx.osv's extension sync (portier.pbx.sync/1): fetch() reads the MP2 export on a worker
// thread (local file or SFTP), parses it and posts PORTIER_PBX_EV_SYNC_READY with the fetch's
// correlation; read() then hands the list to the engine's sink and forgets it.
#pragma once

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include <portier/host.hpp>
#include <portier/kind/pbx.h>

#include "extensions.h"
#include "sftp_fetch.h"
#include "sync_config.h"

namespace portier::osv {

class Sync {
public:
   // Lists fetched but not yet read; the oldest is dropped beyond this.
   static constexpr std::size_t kMaxUnread = 4;

   Sync(Host host, SyncConfig config);
   ~Sync();
   Sync(const Sync &) = delete;
   Sync &operator=(const Sync &) = delete;

   // Allows fetches from now on. [engine]
   void start();
   // Cancels a fetch under way and joins the worker; nothing calls the host afterwards. [engine]
   void stop();

   // PORTIER_PENDING, or PORTIER_ERR_BUSY while a fetch is under way, PORTIER_ERR_STATE when
   // not started, PORTIER_ERR_INVALID for correlation 0. [engine, started]
   portier_status fetch(std::uint64_t correlation, portier_error *err);
   // PORTIER_OK after handing every extension (or until the sink says stop), PORTIER_ERR_NOT_FOUND
   // for an unknown, failed or already read correlation. [engine, started]
   portier_status read(std::uint64_t correlation, portier_pbx_extension_sink sink, void *user, portier_error *err);

private:
   void run(std::uint64_t correlation, FetchCancel &cancel);  // the worker
   Result<ExtensionList> fetch_and_parse(FetchCancel &cancel) const;
   Result<SftpConfig> with_secrets() const;  // password or passphrase from the host's secrets
   void keep(std::uint64_t correlation, std::vector<Extension> list);

   Host host_;
   SyncConfig config_;
   bool started_ = false;
   std::thread worker_;
   std::unique_ptr<FetchCancel> cancel_;
   std::atomic<bool> busy_{false};
   std::mutex mu_;  // guards ready_
   std::map<std::uint64_t, std::vector<Extension>> ready_;
   std::vector<std::uint64_t> order_;  // correlations in ready_, oldest first
};

}  // namespace portier::osv
