// SPDX-License-Identifier: GPL-3.0-or-later
// The socket file's life on disk: a private folder, no second daemon, no stale leftovers.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include <sys/types.h>

namespace portier::control {

// Which file a path named when the server bound it, so close() never removes a successor's.
struct FileIdentity {
   dev_t device = 0;
   ino_t inode = 0;
};

// sun_path holds 108 bytes including the terminating NUL.
inline constexpr std::size_t kMaxSocketPathBytes = 107;

// Makes `path` free for bind(): creates missing parent folders with mode 0700, refuses when a
// live daemon answers there or when the path is something other than a socket, and removes a
// stale socket file. Returns false and sets `error` on refusal.
bool prepare_socket_path(const std::filesystem::path &path, std::string &error);

// True when something accepts connections on the socket at `path` right now.
bool socket_answers(const std::filesystem::path &path);

std::optional<FileIdentity> identity_of(const std::filesystem::path &path);

// Unlinks `path` only if it is still the file described by `identity`.
void remove_if_same(const std::filesystem::path &path, const FileIdentity &identity);

}  // namespace portier::control
