// SPDX-License-Identifier: GPL-3.0-or-later
// Reads one remote file over SSH/SFTP with libssh: the host key is checked against a known_hosts
// file and/or a pinned SHA256 fingerprint before any credential is sent; key-file or password
// authentication; bounded in size and time. Blocking: call it on a worker thread.
#pragma once

#include <atomic>
#include <cstddef>
#include <mutex>
#include <string>

#include <portier/result.hpp>

#include "sync_config.h"

namespace portier::osv {

// Lets another thread end a fetch early: cancel() shuts the connection's socket down, so a
// blocking libssh call returns at once, and makes the fetch fail between its steps. [any]
class FetchCancel {
public:
   void cancel();
   bool cancelled() const noexcept { return cancelled_.load(); }

   // The fetch registers its socket while it is connected (-1 when none). [worker]
   void attach(int fd);

private:
   std::mutex mu_;
   int fd_ = -1;
   std::atomic<bool> cancelled_{false};
};

// The content of `config.remote_path`. Errors: PORTIER_ERR_DENIED (host key or authentication
// refused), PORTIER_ERR_NOT_FOUND (no such remote file), PORTIER_ERR_UNAVAILABLE (cannot connect),
// PORTIER_ERR_TIMEOUT, PORTIER_ERR_INVALID (larger than max_bytes); messages name the host and
// never carry a secret. [worker]
Result<std::string> sftp_fetch(const SftpConfig &config, std::size_t max_bytes, FetchCancel &cancel);

}  // namespace portier::osv
