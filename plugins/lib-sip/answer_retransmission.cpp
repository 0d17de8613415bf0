// SPDX-License-Identifier: GPL-3.0-or-later
#include "answer_retransmission.h"

#include <utility>  // before Asio with GCC 12

#include <map>

#include <boost/asio.hpp>

namespace portier::sip {

namespace asio = boost::asio;

namespace {

struct Pending {
   explicit Pending(asio::io_context &io) : resend(io), give_up(io) {}
   std::string key;
   std::optional<Message> answer;
   Source source;
   std::function<void()> on_no_ack;
   asio::steady_timer resend;
   asio::steady_timer give_up;
   std::chrono::milliseconds interval{0};
};

// The ACK carries the 2xx's dialog identity and the INVITE's CSeq number.
std::string key_of(const std::string &call_id, const std::string &uas_tag, const std::string &uac_tag, std::uint32_t cseq) {
   return call_id + "|" + uas_tag + "|" + uac_tag + "|" + std::to_string(cseq);
}

}  // namespace

struct AnswerRetransmission::Impl {
   Impl(asio::io_context &context, Transport &t, TimerSettings s) : io(context), transport(t), timers(s) {}
   asio::io_context &io;
   Transport &transport;
   TimerSettings timers;
   std::map<std::string, std::shared_ptr<Pending>> pending;

   void stop(const std::shared_ptr<Pending> &p) {
      p->resend.cancel();
      p->give_up.cancel();
      pending.erase(p->key);
   }

   void arm(const std::shared_ptr<Pending> &p) {
      std::weak_ptr<Pending> weak = p;
      p->resend.expires_after(p->interval);
      p->resend.async_wait([this, weak](const boost::system::error_code &ec) {
         auto locked = weak.lock();
         if (ec || !locked) return;
         transport.send_response(*locked->answer, locked->source);
         locked->interval = std::min(locked->interval * 2, timers.t2);
         arm(locked);
      });
   }
};

AnswerRetransmission::AnswerRetransmission(asio::io_context &io, Transport &transport, TimerSettings timers)
    : impl_(std::make_unique<Impl>(io, transport, timers)) {}

AnswerRetransmission::~AnswerRetransmission() = default;

void AnswerRetransmission::start(const Message &answer, const Source &request_source, std::function<void()> on_no_ack) {
   std::optional<CSeq> cseq = answer.cseq();
   if (!cseq) return;
   auto p = std::make_shared<Pending>(impl_->io);
   p->key = key_of(answer.call_id(), answer.to_tag(), answer.from_tag(), cseq->number);
   p->answer = answer.clone();
   p->source = request_source;
   p->on_no_ack = std::move(on_no_ack);
   if (auto old = impl_->pending.find(p->key); old != impl_->pending.end()) impl_->stop(old->second);
   impl_->pending[p->key] = p;
   if (!is_reliable(request_source.peer.transport)) {
      p->interval = impl_->timers.t1;
      impl_->arm(p);
   }
   std::weak_ptr<Pending> weak = p;
   p->give_up.expires_after(impl_->timers.t1 * 64);
   p->give_up.async_wait([impl = impl_.get(), weak](const boost::system::error_code &ec) {
      auto locked = weak.lock();
      if (ec || !locked) return;
      std::function<void()> on_no_ack = std::move(locked->on_no_ack);
      impl->stop(locked);
      if (on_no_ack) on_no_ack();
   });
}

bool AnswerRetransmission::acknowledge(const Message &ack) {
   std::optional<CSeq> cseq = ack.cseq();
   if (!cseq) return false;
   auto found = impl_->pending.find(key_of(ack.call_id(), ack.to_tag(), ack.from_tag(), cseq->number));
   if (found == impl_->pending.end()) return false;
   impl_->stop(found->second);
   return true;
}

std::size_t AnswerRetransmission::pending() const { return impl_->pending.size(); }

}  // namespace portier::sip
