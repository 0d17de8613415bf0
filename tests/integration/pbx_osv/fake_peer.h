// SPDX-License-Identifier: GPL-3.0-or-later
// A fake OpenScape Voice CSTA server for the tests: listens on 127.0.0.1 (a free port), speaks
// the real framing, opens every connection with SystemStatus, answers requests with canned
// responses (overridable per request), records what it received, and can push events or drop
// the link. Runs its own io_context on a thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <utility>  // before asio: Boost 1.74 misses it under C++20

#include <boost/asio.hpp>

namespace test {

inline constexpr char kNs[] = "http://www.ecma-international.org/standards/ecma-323/csta/ed4";
inline constexpr std::uint16_t kPeerStatusId = 42;  // the invoke id of the peer's SystemStatus

struct Received {
   std::uint16_t invoke_id = 0;
   std::string root;  // local name of the root element
   std::string xml;
   int connection = 0;  // 1 for the first connection, 2 after a reconnect, ...
};

// The local name of the document's root element ("" if none).
std::string root_of(const std::string &xml);
// <?xml ...?><Root xmlns="ed4">inner</Root>
std::string doc(const std::string &root, const std::string &inner = "");

class FakePeer {
public:
   FakePeer();
   ~FakePeer();
   FakePeer(const FakePeer &) = delete;
   FakePeer &operator=(const FakePeer &) = delete;

   std::uint16_t port() const { return port_; }

   // Answer requests with this root by `xml` instead of the canned answer; "" = never answer.
   void answer(const std::string &root, const std::string &xml);
   // Sends an event (invoke id 9999) on the current connection.
   void send_event(const std::string &xml);
   // Sends `xml` with any invoke id, e.g. an answer that comes too late.
   void send(std::uint16_t invoke_id, const std::string &xml);
   // Sends bytes as they are (a recorded frame).
   void send_raw(const std::string &bytes);
   // The cross-ref id MonitorStart for `device` gets, instead of a counter value.
   void preset_cross_ref(const std::string &device, const std::string &xref);
   // Closes the current connection (the PBX dropping the link); listening goes on.
   void drop();

   std::vector<Received> received();
   // Waits until `count` messages with `root` arrived (real time, bounded).
   bool wait_for(const std::string &root, std::size_t count = 1,
                 std::chrono::milliseconds limit = std::chrono::seconds(5));
   // The cross-ref id the peer gave to the latest MonitorStart for `device`.
   std::string cross_ref(const std::string &device);
   int connections();

private:
   struct Session;
   void accept();
   void on_frame(const std::shared_ptr<Session> &s, std::uint16_t id, const std::string &xml);
   void write(const std::shared_ptr<Session> &s, std::uint16_t id, const std::string &xml);
   void write_next(const std::shared_ptr<Session> &s);
   void read(const std::shared_ptr<Session> &s);

   boost::asio::io_context io_;
   boost::asio::ip::tcp::acceptor acceptor_;
   std::uint16_t port_ = 0;
   std::thread thread_;

   std::mutex mu_;
   std::vector<Received> received_;
   std::map<std::string, std::string> overrides_;
   std::map<std::string, std::string> xrefs_;
   std::map<std::string, std::string> presets_;
   int connections_ = 0;
   int next_xref_ = 1000;
   std::shared_ptr<Session> current_;  // touched on the peer's thread only
};

}  // namespace test
