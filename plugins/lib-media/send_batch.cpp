// SPDX-License-Identifier: GPL-3.0-or-later
#include "send_batch.h"

#include <sys/socket.h>

#include <cerrno>
#include <cstring>

#include <liburing.h>

namespace portier::media {

namespace {
constexpr std::size_t kMaxDatagram = 1500;
}

// The ring and the message headers it points at while a chunk is in flight.
struct SendBatch::Ring {
   io_uring ring{};
   std::vector<msghdr> headers = std::vector<msghdr>(kRingEntries);
   std::vector<iovec> vectors = std::vector<iovec>(kRingEntries);
   bool open = false;
   ~Ring() {
      if (open) io_uring_queue_exit(&ring);
   }
};

SendBatch::SendBatch() : SendBatch(Options{}) {}

SendBatch::SendBatch(Options options) {
   if (options.io_uring) {
      ring_ = std::make_unique<Ring>();
      if (const int rc = io_uring_queue_init(kRingEntries, &ring_->ring, 0); rc < 0) {
         fallback_reason_ = std::string("io_uring_queue_init: ") + std::strerror(-rc);
         ring_.reset();
      } else {
         ring_->open = true;
         ring_ok_ = true;
      }
   }
   if (options.own_thread) thread_ = std::thread([this] { run(); });
}

SendBatch::~SendBatch() {
   if (!thread_.joinable()) return;
   {
      std::lock_guard lock(mutex_);
      stop_ = true;
   }
   wake_.notify_one();
   thread_.join();
}

bool SendBatch::uses_io_uring() const { return ring_ok_; }

std::string SendBatch::fallback_reason() const {
   std::lock_guard lock(reason_mutex_);
   return fallback_reason_;
}

void SendBatch::add(Target target, const boost::asio::ip::udp::endpoint &to, std::span<const std::uint8_t> bytes) {
   if (bytes.size() > kMaxDatagram) {
      count(target, false);
      return;
   }
   Item item;
   item.target = std::move(target);
   item.to = to;
   item.offset = static_cast<std::uint32_t>(job_.bytes.size());
   item.size = static_cast<std::uint16_t>(bytes.size());
   job_.bytes.insert(job_.bytes.end(), bytes.begin(), bytes.end());
   job_.items.push_back(std::move(item));
}

void SendBatch::count(const Target &target, bool ok) {
   if (ok && target.sent != nullptr) target.sent->fetch_add(1, std::memory_order_relaxed);
   if (!ok && target.errors != nullptr) target.errors->fetch_add(1, std::memory_order_relaxed);
}

void SendBatch::flush() {
   if (job_.items.empty()) return;
   if (!thread_.joinable()) {
      send(job_);
      job_.items.clear();
      job_.bytes.clear();
      return;
   }
   Job dropped;
   {
      std::lock_guard lock(mutex_);
      if (waiting_.size() >= kMaxWaitingTicks) {
         dropped = std::move(waiting_.front());
         waiting_.pop_front();
      }
      waiting_.push_back(std::move(job_));
   }
   wake_.notify_one();
   for (const Item &item : dropped.items) count(item.target, false);
   job_ = Job{};
}

bool SendBatch::wait_sent(std::chrono::milliseconds limit) {
   if (!thread_.joinable()) return true;
   std::unique_lock lock(mutex_);
   return idle_.wait_for(lock, limit, [this] { return waiting_.empty() && !busy_; });
}

void SendBatch::run() {
   for (;;) {
      Job job;
      {
         std::unique_lock lock(mutex_);
         wake_.wait(lock, [this] { return stop_ || !waiting_.empty(); });
         if (waiting_.empty()) return;  // stopping, and everything handed over was sent
         job = std::move(waiting_.front());
         waiting_.pop_front();
         busy_ = true;
      }
      send(job);
      job = Job{};  // the targets' keep-alives go here, before the batch says it is idle
      {
         std::lock_guard lock(mutex_);
         busy_ = false;
      }
      idle_.notify_all();
   }
}

void SendBatch::send(Job &job) {
   for (std::size_t from = 0; from < job.items.size(); from += kRingEntries) {
      const std::size_t to = std::min(job.items.size(), from + kRingEntries);
      if (ring_ok_)
         send_through_ring(job, from, to);
      else
         send_one_by_one(job, from, to);
   }
}

void SendBatch::send_one_by_one(Job &job, std::size_t from, std::size_t to) {
   for (std::size_t i = from; i < to; ++i) {
      const Item &item = job.items[i];
      if (item.target.closed != nullptr && item.target.closed->load()) continue;
      const ssize_t n = ::sendto(item.target.fd, job.bytes.data() + item.offset, item.size, MSG_DONTWAIT | MSG_NOSIGNAL,
                                 item.to.data(), static_cast<socklen_t>(item.to.size()));
      count(item.target, n == static_cast<ssize_t>(item.size));
   }
}

// Hands the chunk to the ring and reads every result. If the ring misbehaves it is given up and
// later chunks go one by one; a packet of this chunk without a result counts as an error, never
// as sent twice.
void SendBatch::send_through_ring(Job &job, std::size_t from, std::size_t to) {
   Ring &r = *ring_;
   unsigned queued = 0;
   for (std::size_t i = from; i < to; ++i) {
      Item &item = job.items[i];
      if (item.target.closed != nullptr && item.target.closed->load()) continue;
      io_uring_sqe *sqe = io_uring_get_sqe(&r.ring);
      if (sqe == nullptr) {  // the ring holds a whole chunk, so only after a failure
         count(item.target, false);
         continue;
      }
      iovec &v = r.vectors[queued];
      v.iov_base = job.bytes.data() + item.offset;
      v.iov_len = item.size;
      msghdr &h = r.headers[queued];
      h = msghdr{};
      h.msg_name = const_cast<sockaddr *>(item.to.data());
      h.msg_namelen = static_cast<socklen_t>(item.to.size());
      h.msg_iov = &v;
      h.msg_iovlen = 1;
      // MSG_DONTWAIT: a full socket fails at once instead of waiting inside the ring, so every
      // request completes during the submission.
      io_uring_prep_sendmsg(sqe, item.target.fd, &h, MSG_DONTWAIT | MSG_NOSIGNAL);
      io_uring_sqe_set_data64(sqe, i);
      item.in_ring = true;
      ++queued;
   }
   if (queued == 0) return;
   int rc = 0;
   for (int attempt = 0; attempt < 3; ++attempt) {
      rc = io_uring_submit_and_wait(&r.ring, queued);
      if (rc != -EINTR) break;
   }
   unsigned done = 0;
   while (done < queued) {  // bounded by the requests of this chunk
      io_uring_cqe *cqe = nullptr;
      if (io_uring_peek_cqe(&r.ring, &cqe) != 0 || cqe == nullptr) break;
      const auto index = static_cast<std::size_t>(io_uring_cqe_get_data64(cqe));
      if (index >= from && index < to) {
         Item &item = job.items[index];
         count(item.target, cqe->res == static_cast<int>(item.size));
         item.answered = true;
      }
      io_uring_cqe_seen(&r.ring, cqe);
      ++done;
   }
   if (rc >= 0 && done == queued) return;
   {
      std::lock_guard lock(reason_mutex_);
      fallback_reason_ = rc < 0 ? std::string("io_uring_submit_and_wait: ") + std::strerror(-rc) : "io_uring lost completions";
   }
   for (std::size_t i = from; i < to; ++i)
      if (job.items[i].in_ring && !job.items[i].answered) count(job.items[i].target, false);
   ring_ok_ = false;  // the ring itself stays open (requests may still point at it) until the end
}

}  // namespace portier::media
