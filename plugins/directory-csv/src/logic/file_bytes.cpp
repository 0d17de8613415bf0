// SPDX-License-Identifier: GPL-3.0-or-later
#include "file_bytes.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace portier::csv {
namespace {

class Fd {
public:
   explicit Fd(int fd) noexcept : fd_(fd) {}
   Fd(const Fd &) = delete;
   Fd &operator=(const Fd &) = delete;
   ~Fd() {
      if (fd_ >= 0) ::close(fd_);
   }
   int get() const noexcept { return fd_; }

private:
   int fd_;
};

Error failure(const std::string &path, const char *what, int err) {
   const portier_status status = err == ENOENT || err == ENOTDIR ? PORTIER_ERR_NOT_FOUND
                                 : err == EACCES || err == EPERM ? PORTIER_ERR_DENIED
                                                                 : PORTIER_ERR_UNAVAILABLE;
   return portier::error(status, std::string("cannot ") + what + " " + path + ": " + std::strerror(err));
}

std::string too_big(const std::string &path, std::uint64_t max_bytes) {
   return path + " is larger than max_bytes (" + std::to_string(max_bytes) + " bytes)";
}

}  // namespace

Result<std::string> read_file_bytes(const std::string &path, std::uint64_t max_bytes) {
   const Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
   if (fd.get() < 0) return failure(path, "open", errno);
   struct stat st {};
   if (::fstat(fd.get(), &st) != 0) return failure(path, "stat", errno);
   if (!S_ISREG(st.st_mode)) return portier::error(PORTIER_ERR_INVALID, path + " is not a regular file");
   if (static_cast<std::uint64_t>(st.st_size) > max_bytes) return portier::error(PORTIER_ERR_INVALID, too_big(path, max_bytes));

   std::string bytes;
   bytes.resize(static_cast<std::size_t>(st.st_size));
   std::size_t used = 0;
   // The file may grow while we read: read up to one byte past the limit to notice.
   while (true) {
      if (used == bytes.size()) {
         if (used > max_bytes) return portier::error(PORTIER_ERR_INVALID, too_big(path, max_bytes));
         bytes.resize(used + 1 + static_cast<std::size_t>(std::min<std::uint64_t>(max_bytes - used, 1u << 20)));
      }
      const ssize_t got = ::read(fd.get(), bytes.data() + used, bytes.size() - used);
      if (got < 0) {
         if (errno == EINTR) continue;
         return failure(path, "read", errno);
      }
      if (got == 0) break;
      used += static_cast<std::size_t>(got);
   }
   if (used > max_bytes) return portier::error(PORTIER_ERR_INVALID, too_big(path, max_bytes));
   bytes.resize(used);
   return bytes;
}

}  // namespace portier::csv
