// SPDX-License-Identifier: GPL-3.0-or-later
#include "control/socket_file.h"

#include <cerrno>
#include <cstring>
#include <vector>

#include <fcntl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

namespace portier::control {
namespace {

// Creates each missing folder above the socket, top down, private to the daemon's user.
bool make_parent_folders(const std::filesystem::path &path, std::string &error) {
   std::vector<std::filesystem::path> missing;
   std::filesystem::path dir = path.parent_path();
   // Bounded by the number of components in the path.
   while (!dir.empty()) {
      struct stat st {};
      if (::stat(dir.c_str(), &st) == 0) {
         if (!S_ISDIR(st.st_mode)) {
            error = "cannot create control socket " + path.string() + ": " + dir.string() +
                    " is not a folder";
            return false;
         }
         break;
      }
      missing.push_back(dir);
      if (dir == dir.parent_path()) break;
      dir = dir.parent_path();
   }
   for (auto it = missing.rbegin(); it != missing.rend(); ++it) {
      if (::mkdir(it->c_str(), 0700) != 0 && errno != EEXIST) {
         error = "cannot create folder " + it->string() + " for the control socket: " +
                 std::strerror(errno);
         return false;
      }
      // umask may have narrowed the mode; the folder is the socket's first guard.
      ::chmod(it->c_str(), 0700);
   }
   return true;
}

}  // namespace

bool socket_answers(const std::filesystem::path &path) {
   const std::string s = path.string();
   if (s.size() > kMaxSocketPathBytes) return false;
   const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
   if (fd < 0) return false;
   sockaddr_un addr{};
   addr.sun_family = AF_UNIX;
   std::memcpy(addr.sun_path, s.data(), s.size());
   const int rc = ::connect(fd, reinterpret_cast<const sockaddr *>(&addr), sizeof addr);
   // A full backlog (EAGAIN) still means a live listener.
   const bool live = rc == 0 || errno == EAGAIN || errno == EINPROGRESS;
   ::close(fd);
   return live;
}

bool prepare_socket_path(const std::filesystem::path &path, std::string &error) {
   if (path.empty()) {
      error = "no control socket path configured";
      return false;
   }
   if (path.string().size() > kMaxSocketPathBytes) {
      error = "control socket path is too long (" + std::to_string(path.string().size()) +
              " bytes, at most " + std::to_string(kMaxSocketPathBytes) + "): " + path.string();
      return false;
   }
   if (!make_parent_folders(path, error)) return false;

   struct stat st {};
   if (::lstat(path.c_str(), &st) != 0) {
      if (errno == ENOENT) return true;
      error = "cannot inspect control socket " + path.string() + ": " + std::strerror(errno);
      return false;
   }
   if (!S_ISSOCK(st.st_mode)) {
      error = path.string() + " exists and is not a socket; refusing to replace it";
      return false;
   }
   if (socket_answers(path)) {
      error = "another portierd is already listening on " + path.string();
      return false;
   }
   if (::unlink(path.c_str()) != 0 && errno != ENOENT) {
      error = "cannot remove stale control socket " + path.string() + ": " + std::strerror(errno);
      return false;
   }
   return true;
}

std::optional<FileIdentity> identity_of(const std::filesystem::path &path) {
   struct stat st {};
   if (::lstat(path.c_str(), &st) != 0) return std::nullopt;
   return FileIdentity{st.st_dev, st.st_ino};
}

void remove_if_same(const std::filesystem::path &path, const FileIdentity &identity) {
   const auto now = identity_of(path);
   if (now && now->device == identity.device && now->inode == identity.inode) {
      ::unlink(path.c_str());
   }
}

}  // namespace portier::control
