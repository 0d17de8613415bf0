// SPDX-License-Identifier: GPL-3.0-or-later
#include "fake_peer.h"

#include <array>
#include <deque>
#include <variant>

#include <portier/csta/framing.h>
#include <portier/csta/parser.h>

namespace test {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

std::string root_of(const std::string &xml) {
   std::size_t at = 0;
   while ((at = xml.find('<', at)) != std::string::npos) {
      if (at + 1 < xml.size() && (xml[at + 1] == '?' || xml[at + 1] == '!')) {
         ++at;
         continue;
      }
      const std::size_t end = xml.find_first_of(" />\t\r\n", at + 1);
      std::string name = xml.substr(at + 1, end == std::string::npos ? std::string::npos : end - at - 1);
      const std::size_t colon = name.find(':');
      return colon == std::string::npos ? name : name.substr(colon + 1);
   }
   return "";
}

std::string doc(const std::string &root, const std::string &inner) {
   return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><" + root + " xmlns=\"" + kNs + "\">" + inner + "</" + root + ">";
}

struct FakePeer::Session {
   explicit Session(asio::io_context &io) : socket(io) {}
   tcp::socket socket;
   portier::csta::FrameReader reader;
   std::array<char, 8192> in{};
   std::deque<std::string> out;
   int number = 0;
};

FakePeer::FakePeer() : acceptor_(io_, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0)) {
   port_ = acceptor_.local_endpoint().port();
   accept();
   thread_ = std::thread([this] { io_.run(); });
}

FakePeer::~FakePeer() {
   asio::post(io_, [this] {
      boost::system::error_code ignored;
      acceptor_.close(ignored);
      if (current_) current_->socket.close(ignored);
      io_.stop();
   });
   thread_.join();
}

void FakePeer::accept() {
   auto s = std::make_shared<Session>(io_);
   acceptor_.async_accept(s->socket, [this, s](const boost::system::error_code &ec) {
      if (ec) return;
      {
         std::lock_guard<std::mutex> lock(mu_);
         s->number = ++connections_;
      }
      current_ = s;
      // OSV speaks first: SystemStatus with an invoke id of its own
      write(s, kPeerStatusId, doc("SystemStatus", "<systemStatus>normal</systemStatus>"));
      read(s);
      accept();
   });
}

void FakePeer::read(const std::shared_ptr<Session> &s) {
   s->socket.async_read_some(asio::buffer(s->in), [this, s](const boost::system::error_code &e, std::size_t n) {
      if (e) return;
      s->reader.feed(std::string_view(s->in.data(), n));
      while (auto frame = s->reader.pop()) on_frame(s, frame->invoke_id, std::string(frame->xml));
      if (!s->reader.failed()) read(s);
   });
}

void FakePeer::write_next(const std::shared_ptr<Session> &s) {
   asio::async_write(s->socket, asio::buffer(s->out.front()), [this, s](const boost::system::error_code &ec, std::size_t) {
      if (ec) {
         s->out.clear();
         return;
      }
      s->out.pop_front();
      if (!s->out.empty()) write_next(s);
   });
}

void FakePeer::write(const std::shared_ptr<Session> &s, std::uint16_t id, const std::string &xml) {
   auto frame = portier::csta::encode_frame(id, xml);
   if (!frame) return;
   const bool idle = s->out.empty();
   s->out.push_back(std::move(*frame));
   if (!idle) return;
   write_next(s);
}

void FakePeer::on_frame(const std::shared_ptr<Session> &s, std::uint16_t id, const std::string &xml) {
   const std::string root = root_of(xml);
   std::optional<std::string> reply;
   {
      std::lock_guard<std::mutex> lock(mu_);
      received_.push_back({id, root, xml, s->number});
      auto o = overrides_.find(root);
      if (o != overrides_.end()) {
         reply = o->second;
      } else if (root == "SystemRegister") {
         reply = doc("SystemRegisterResponse", "<sysStatRegisterID>reg-1</sysStatRegisterID>");
      } else if (root == "SystemStatus") {
         reply = doc("SystemStatusResponse");
      } else if (root == "MonitorStart") {
         auto parsed = portier::csta::parse_message(xml);
         std::string device;
         if (parsed) {
            if (auto *m = std::get_if<portier::csta::MonitorStart>(&*parsed.message)) device = m->device;
         }
         auto preset = presets_.find(device);
         const std::string xref = preset != presets_.end() ? preset->second : std::to_string(++next_xref_);
         xrefs_[device] = xref;
         reply = doc("MonitorStartResponse", "<monitorCrossRefID>" + xref + "</monitorCrossRefID>");
      } else if (root == "SnapshotDevice") {
         reply = doc("SnapshotDeviceResponse", "<crossRefIDorSnapshotData><snapshotData/></crossRefIDorSnapshotData>");
      } else if (root == "MakeCall") {
         reply = doc("MakeCallResponse",
                     "<callingDevice><callID>FF000100000000000000000000000001</callID><deviceID>100</deviceID></callingDevice>");
      } else if (root == "SystemStatusResponse") {
         reply.reset();
      } else {
         reply = doc(root + "Response");
      }
   }
   if (reply && !reply->empty()) write(s, id, *reply);
}

void FakePeer::answer(const std::string &root, const std::string &xml) {
   std::lock_guard<std::mutex> lock(mu_);
   overrides_[root] = xml;
}

void FakePeer::send_event(const std::string &xml) { send(portier::csta::kEventInvokeId, xml); }

void FakePeer::send(std::uint16_t invoke_id, const std::string &xml) {
   asio::post(io_, [this, invoke_id, xml] {
      if (current_) write(current_, invoke_id, xml);
   });
}

void FakePeer::send_raw(const std::string &bytes) {
   asio::post(io_, [this, bytes] {
      if (!current_) return;
      const bool idle = current_->out.empty();
      current_->out.push_back(bytes);
      if (idle) write_next(current_);
   });
}

void FakePeer::preset_cross_ref(const std::string &device, const std::string &xref) {
   std::lock_guard<std::mutex> lock(mu_);
   presets_[device] = xref;
}

void FakePeer::drop() {
   asio::post(io_, [this] {
      if (!current_) return;
      boost::system::error_code ignored;
      current_->socket.close(ignored);
      current_.reset();
   });
}

std::vector<Received> FakePeer::received() {
   std::lock_guard<std::mutex> lock(mu_);
   return received_;
}

bool FakePeer::wait_for(const std::string &root, std::size_t count, std::chrono::milliseconds limit) {
   const auto end = std::chrono::steady_clock::now() + limit;
   for (;;) {
      std::size_t n = 0;
      for (const Received &r : received()) n += r.root == root ? 1 : 0;
      if (n >= count) return true;
      if (std::chrono::steady_clock::now() >= end) return false;
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
   }
}

std::string FakePeer::cross_ref(const std::string &device) {
   std::lock_guard<std::mutex> lock(mu_);
   auto it = xrefs_.find(device);
   return it == xrefs_.end() ? "" : it->second;
}

int FakePeer::connections() {
   std::lock_guard<std::mutex> lock(mu_);
   return connections_;
}

}  // namespace test
