// SPDX-License-Identifier: GPL-3.0-or-later
#include "sim_sip_rig.h"
#include "test_ports.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

#include "digest.h"
#include "message_build.h"
#include "transaction_layer.h"
#include "transport.h"

extern char **environ;

namespace portier::pbxsim::test {

OfficeSpec sip_office() {
   OfficeSpec spec;
   spec.extensions = {
      {"+49897007100", "Anna Attendant", ExtensionKind::attendant, {}, true},
      {"+49897007201", "Bert Answers", ExtensionKind::office_user, {300, false, std::nullopt}, true},
      {"+49897007202", "Carla Busy", ExtensionKind::office_user, {std::nullopt, true, std::nullopt}, true},
      {"+49897007203", "Dora Away", ExtensionKind::office_user, {}, true},
      {"+49897007204", "Emil Dnd", ExtensionKind::office_user, {300, false, std::nullopt}, true},
   };
   spec.external_numbers = {"+4930901820", "+494042841000", "+498970071200"};
   return spec;
}

SipOptions sip_test_options() {
   SipOptions options;
   options.enabled = true;
   options.port = 0;
   options.trunk = {"portier-cps", "portier", "secret", "pbxsim"};
   options.cps_numbers = {"+498970071200..99"};
   options.rtp_count = 40;
   // Reserved, not searched by the simulator (start 0): a test running in parallel could pick a
   // port of a searched range before the simulator binds it.
   options.rtp_start = portier::test::reserve_rtp_range(options.rtp_count);
   options.office_prefix = "+49897007";
   return options;
}

SimSipRig::SimSipRig(OfficeSpec spec, SipOptions options)
    : spec_(std::move(spec)), office_(spec_), clock_(io_) {
   for (const ExtensionSpec &e : spec_.extensions) (void)office_.monitor_start(e.number);
   sip_ = std::make_unique<SipSide>(io_, office_, spec_, std::move(options), [](SimLogLevel, std::string_view line) {
      std::fprintf(stderr, "  [sim] %.*s\n", static_cast<int>(line.size()), line.data());
   });
   if (auto error = sip_->open()) throw std::runtime_error(*error);
   port_ = sip_->port();
   last_ = std::chrono::steady_clock::now();
   tick();
   thread_ = std::thread([this] { io_.run(); });
}

SimSipRig::~SimSipRig() {
   on_io([this] {
      clock_.cancel();
      sip_.reset();
      return 0;
   });
   io_.stop();
   thread_.join();
}

void SimSipRig::tick() {
   clock_.expires_after(std::chrono::milliseconds(20));
   clock_.async_wait([this](const boost::system::error_code &ec) {
      if (ec) return;
      auto now = std::chrono::steady_clock::now();
      office_.advance(static_cast<std::uint64_t>(std::chrono::duration_cast<std::chrono::milliseconds>(now - last_).count()));
      last_ = now;
      for (auto &event : office_.drain_events()) events_.push_back(std::move(event));
      tick();
   });
}

bool SimSipRig::wait_until(const std::function<bool()> &ready, std::chrono::milliseconds limit) {
   auto until = std::chrono::steady_clock::now() + limit;
   while (std::chrono::steady_clock::now() < until) {
      if (on_io([&] { return ready(); })) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
   }
   return false;
}

int SimSipRig::register_trunk(const std::string &register_id, const std::string &user, const std::string &password,
                              std::uint16_t contact_port, std::uint32_t expires, std::string *min_expires) {
   // A client of its own on a separate io_context, run here until it has its answer.
   boost::asio::io_context io;
   sip::Transport transport(io, sip::TransportSettings{});
   if (!transport.open().empty()) return 0;
   sip::TransactionLayer layer(io, transport);
   const std::uint16_t own = transport.local_port(sip::TransportKind::udp);
   const sip::Peer registrar{sip::TransportKind::udp, "127.0.0.1", port_};
   const std::string call_id = sip::new_call_id("127.0.0.1");
   const std::string from_tag = sip::new_tag();
   int final_status = 0;
   bool done = false;
   std::function<void(std::uint32_t, std::string)> send = [&](std::uint32_t cseq, std::string authorization) {
      sip::RequestParts parts;
      parts.method = "REGISTER";
      parts.request_uri = "sip:127.0.0.1:" + std::to_string(port_);
      parts.from = "<sip:" + register_id + "@127.0.0.1>;tag=" + from_tag;
      parts.to = "<sip:" + register_id + "@127.0.0.1>";
      parts.call_id = call_id;
      parts.cseq = cseq;
      parts.via = sip::via_value("UDP", "127.0.0.1", own, sip::new_branch());
      parts.contact = "<sip:" + register_id + "@127.0.0.1:" + std::to_string(contact_port) + ">";
      parts.headers = {{"Expires", std::to_string(expires)}};
      if (!authorization.empty()) parts.headers.push_back({"Authorization", authorization});
      auto built = sip::build_request(parts);
      layer.send_request(std::move(*built.message), registrar, [&, cseq, uri = parts.request_uri](const sip::ClientReply &reply) {
         if (!reply.response) {
            done = true;
            return;
         }
         if (reply.response->status() < 200) return;
         if (reply.response->status() == 401 && cseq == 1) {
            auto challenge = sip::parse_digest_challenge(reply.response->header("WWW-Authenticate").value_or(""));
            if (challenge.challenge) {
               sip::DigestAnswer answer{user, password, "REGISTER", uri, 1, sip::new_tag()};
               send(cseq + 1, sip::digest_authorization(*challenge.challenge, answer));
               return;
            }
         }
         final_status = reply.response->status();
         if (min_expires) *min_expires = reply.response->header("Min-Expires").value_or("");
         done = true;
      });
   };
   send(1, {});
   auto until = std::chrono::steady_clock::now() + std::chrono::seconds(10);
   while (!done && std::chrono::steady_clock::now() < until) io.run_for(std::chrono::milliseconds(20));
   return final_status;
}

std::uint16_t free_udp_port() { return portier::test::reserve_port(); }

std::uint16_t free_sipp_media_port() { return portier::test::reserve_rtp_range(4); }

Sipp::Sipp(const std::vector<std::string> &args, const std::string &log_file) : log_file_(log_file) {
   std::vector<std::string> all = {"sipp"};
   all.insert(all.end(), args.begin(), args.end());
   std::vector<char *> argv;
   for (auto &a : all) argv.push_back(a.data());
   argv.push_back(nullptr);
   posix_spawn_file_actions_t actions;
   posix_spawn_file_actions_init(&actions);
   posix_spawn_file_actions_addopen(&actions, 1, log_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
   posix_spawn_file_actions_adddup2(&actions, 1, 2);
   posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
   if (posix_spawnp(&pid_, "sipp", &actions, nullptr, argv.data(), environ) != 0) pid_ = -1;
   posix_spawn_file_actions_destroy(&actions);
}

Sipp::~Sipp() {
   if (pid_ > 0) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
   }
}

int Sipp::wait(std::chrono::milliseconds limit) {
   if (pid_ <= 0) return -1;
   auto until = std::chrono::steady_clock::now() + limit;
   while (std::chrono::steady_clock::now() < until) {
      int status = 0;
      if (waitpid(pid_, &status, WNOHANG) == pid_) {
         pid_ = -1;
         return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
   }
   return -1;
}

std::string Sipp::log() const {
   std::ifstream in(log_file_);
   std::stringstream text;
   text << in.rdbuf();
   return text.str();
}

std::string scenario(const std::string &name) { return std::string(PBXSIM_SIP_SCENARIOS) + "/" + name; }

}  // namespace portier::pbxsim::test
