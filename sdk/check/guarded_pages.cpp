// SPDX-License-Identifier: MIT
#include "guarded_pages.h"

#include <signal.h>
#include <sys/mman.h>
#include <unistd.h>

#include <atomic>
#include <cstdint>
#include <cstring>
#include <new>

namespace portier::check {
namespace {

constexpr int kSlots = 1024;
constexpr size_t kMessageMax = 200;

// Read by the signal handler, so plain fixed-size data only.
struct Slot {
   std::atomic<uintptr_t> begin{0};
   std::atomic<uintptr_t> end{0};
   std::atomic<bool> retired{false};
   char message[kMessageMax];
};

Slot g_slots[kSlots];
std::atomic<int> g_next_slot{0};
int g_fd = -1;
const char *g_scenario = "";

size_t page_size()
{
   return static_cast<size_t>(::sysconf(_SC_PAGESIZE));
}

// Appends `s` to buf (capacity cap) with JSON escaping of the few characters that need it.
size_t append_json(char *buf, size_t at, size_t cap, const char *s)
{
   for (; *s != '\0' && at + 2 < cap; ++s) {
      const char c = *s;
      if (c == '"' || c == '\\') {
         buf[at++] = '\\';
      }
      buf[at++] = (static_cast<unsigned char>(c) < 0x20) ? ' ' : c;
   }
   return at;
}

size_t append_raw(char *buf, size_t at, size_t cap, const char *s)
{
   for (; *s != '\0' && at + 1 < cap; ++s) {
      buf[at++] = *s;
   }
   return at;
}

// Async-signal-safe: fixed buffers, write(2), _exit(2).
void on_fault(int sig, siginfo_t *info, void *)
{
   const auto addr = reinterpret_cast<uintptr_t>(info->si_addr);
   for (int i = 0; i < kSlots; ++i) {
      const Slot &s = g_slots[i];
      if (!s.retired.load() || addr < s.begin.load() || addr >= s.end.load()) {
         continue;
      }
      char line[512];
      size_t n = 0;
      n = append_raw(line, n, sizeof line, "\n{\"k\":\"check\",\"name\":\"");
      n = append_json(line, n, sizeof line, g_scenario);
      n = append_raw(line, n, sizeof line, "\",\"result\":\"fail\",\"detail\":\"");
      n = append_json(line, n, sizeof line, s.message);
      n = append_raw(line, n, sizeof line, "\"}\n");
      if (g_fd >= 0) {
         [[maybe_unused]] const ssize_t w = ::write(g_fd, line, n);
      }
      ::_exit(3);
   }
   // Not ours: die of the signal, so the parent reports the crash. A fault re-executes the
   // instruction and dies; a signal sent with kill/raise would not repeat, so send it again.
   ::signal(sig, SIG_DFL);
   if (info->si_code <= 0) {
      ::raise(sig);
   }
}

}  // namespace

void install_fault_handler(int fd, const char *scenario)
{
   g_fd = fd;
   g_scenario = scenario;
   struct sigaction sa;
   std::memset(&sa, 0, sizeof sa);
   sa.sa_sigaction = on_fault;
   sa.sa_flags = SA_SIGINFO;
   sigemptyset(&sa.sa_mask);
   ::sigaction(SIGSEGV, &sa, nullptr);
   ::sigaction(SIGBUS, &sa, nullptr);
}

GuardedPages::GuardedPages(size_t size, std::string message)
{
   const size_t page = page_size();
   size_ = size;
   mapped_ = ((size + page - 1) / page) * page;
   if (mapped_ == 0) {
      mapped_ = page;
   }
   void *p = ::mmap(nullptr, mapped_, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
   if (p == MAP_FAILED) {
      throw std::bad_alloc();
   }
   base_ = p;
   const int slot = g_next_slot.fetch_add(1);
   if (slot < kSlots) {
      slot_ = slot;
      Slot &s = g_slots[slot];
      const size_t len = std::min(message.size(), kMessageMax - 1);
      std::memcpy(s.message, message.data(), len);
      s.message[len] = '\0';
      s.begin.store(reinterpret_cast<uintptr_t>(p));
      s.end.store(reinterpret_cast<uintptr_t>(p) + mapped_);
   }
}

void GuardedPages::retire()
{
   if (base_ == nullptr) {
      return;
   }
   std::memset(base_, 0xA5, mapped_);
   ::mprotect(base_, mapped_, PROT_NONE);
   if (slot_ >= 0) {
      g_slots[slot_].retired.store(true);
   }
}

BorrowedText::BorrowedText(const std::string &text, const std::string &what)
   : pages_(text.size(), "kept a borrowed pointer: read " + what + " after the call returned")
{
   // Right-aligned: the last byte of the text is the last byte of the mapping, so reading past
   // the end leaves the mapping (and faults unless another mapping happens to follow).
   char *base = static_cast<char *>(pages_.data());
   const size_t page = page_size();
   const size_t mapped = text.empty() ? page : ((text.size() + page - 1) / page) * page;
   char *at = base + (mapped - text.size());
   std::memcpy(at, text.data(), text.size());
   data_ = at;
   size_ = text.size();
}

}  // namespace portier::check
