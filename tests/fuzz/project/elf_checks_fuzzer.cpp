// SPDX-License-Identifier: GPL-3.0-or-later
// Fuzzes portier::check::check_elf, the conformance kit's reader of a plugin's ELF file.
// check_elf takes a path, so each input goes into one memfd, read back via /proc/self/fd.
#include <sys/mman.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <string>

#include "broken_promise.h"
#include "elf_checks.h"

using portier::fuzz::require;

namespace {

// One memfd for the whole run, rewritten per input: no files left behind, no fd per input.
int input_fd() {
   static const int fd = memfd_create("elf_checks_fuzzer", 0);
   return fd;
}

bool write_all(int fd, const std::uint8_t *data, std::size_t size) {
   if (ftruncate(fd, 0) != 0 || lseek(fd, 0, SEEK_SET) != 0) return false;
   while (size > 0) {
      const ssize_t n = write(fd, data, size);
      if (n <= 0) return false;
      data += n;
      size -= static_cast<std::size_t>(n);
   }
   return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
   const int fd = input_fd();
   require(fd >= 0 && write_all(fd, data, size), "the input reaches the memfd");
   const std::string path = "/proc/self/fd/" + std::to_string(fd);

   const auto lines = portier::check::check_elf(path);
   require(!lines.empty(), "at least one check line");
   for (const auto &line : lines) {
      require(line.name.rfind("elf.", 0) == 0, "check lines are named elf.*");
      require(line.result == portier::check::Result::Pass || !line.detail.empty(),
              "a failure or warning says why");
   }
   return 0;
}
