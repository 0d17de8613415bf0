// SPDX-License-Identifier: GPL-3.0-or-later
#include "file_fetch.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace portier::osv {
namespace {

constexpr std::size_t kReadChunk = 64u << 10;

}  // namespace

Result<std::string> file_fetch(const std::string &path, std::size_t max_bytes) {
   const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
   if (fd < 0) {
      const int e = errno;
      return portier::error(e == ENOENT ? PORTIER_ERR_NOT_FOUND : PORTIER_ERR_DENIED,
                            "cannot open " + path + ": " + std::strerror(e));
   }
   struct Closer {
      int fd;
      ~Closer() { ::close(fd); }
   } closer{fd};
   struct stat st {};
   if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) return portier::error(PORTIER_ERR_INVALID, path + " is not a regular file");
   if (static_cast<std::size_t>(st.st_size) > max_bytes) {
      return portier::error(PORTIER_ERR_INVALID, path + " is larger than max_bytes (" + std::to_string(st.st_size) +
                                                     " > " + std::to_string(max_bytes) + ")");
   }
   std::string out;
   std::string chunk(kReadChunk, '\0');
   for (;;) {  // bounded by max_bytes
      const ssize_t n = ::read(fd, chunk.data(), chunk.size());
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) return portier::error(PORTIER_ERR_UNAVAILABLE, "reading " + path + " failed: " + std::strerror(errno));
      if (n == 0) break;
      if (out.size() + static_cast<std::size_t>(n) > max_bytes) {
         return portier::error(PORTIER_ERR_INVALID, path + " grew beyond max_bytes while being read");
      }
      out.append(chunk.data(), static_cast<std::size_t>(n));
   }
   return out;
}

}  // namespace portier::osv
