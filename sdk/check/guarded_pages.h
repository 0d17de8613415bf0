// SPDX-License-Identifier: MIT
// Memory the checker lends to a plugin and then takes away: borrowed buffers, and the strict
// host's table and ctx. Each lives in its own mmap'd pages; once retired the pages are
// overwritten and made PROT_NONE, and a touch of them is a SIGSEGV at a known address that the
// child's handler turns into a precise finding instead of a bare crash.
#pragma once

#include <cstddef>
#include <string>

#include <portier/base.h>

namespace portier::check {

// Installs the child's SIGSEGV/SIGBUS handler. `fd` is the report pipe and `scenario` the check
// name a fault is reported under; both must stay valid until the child exits.
void install_fault_handler(int fd, const char *scenario);

// Page-aligned memory that can be retired. Never unmapped while the child runs (a stale pointer
// must keep faulting), so there is no destructor work beyond bookkeeping.
class GuardedPages {
public:
   // `message` is the finding reported when the retired pages are touched, e.g.
   // "kept a borrowed pointer: read config_json of create() after the call returned".
   GuardedPages(size_t size, std::string message);
   GuardedPages(const GuardedPages &) = delete;
   GuardedPages &operator=(const GuardedPages &) = delete;

   void *data() const { return base_; }
   size_t size() const { return size_; }
   // Overwrites the pages and makes them inaccessible.
   void retire();

private:
   void *base_ = nullptr;
   size_t size_ = 0;
   size_t mapped_ = 0;
   int slot_ = -1;
};

// A borrowed string argument: the text copied into guarded pages, ending at the last byte of
// the mapping, so a read past its end faults too.
class BorrowedText {
public:
   BorrowedText(const std::string &text, const std::string &what);
   portier_str str() const { return {data_, size_}; }
   void retire() { pages_.retire(); }

private:
   GuardedPages pages_;
   const char *data_ = nullptr;
   size_t size_ = 0;
};

}  // namespace portier::check
