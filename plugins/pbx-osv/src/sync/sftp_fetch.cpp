// SPDX-License-Identifier: GPL-3.0-or-later
#include "sftp_fetch.h"

#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <memory>

#include <libssh/libssh.h>
#include <libssh/sftp.h>

#include "tcp_connect.h"

namespace portier::osv {
namespace {

using Clock = std::chrono::steady_clock;  // a network deadline on the worker, as libssh's own
constexpr std::size_t kSftpChunk = 64u << 10;

struct SessionFree {
   void operator()(ssh_session s) const {
      ssh_disconnect(s);
      ssh_free(s);
   }
};
struct KeyFree {
   void operator()(ssh_key k) const { ssh_key_free(k); }
};
struct SftpFree {
   void operator()(sftp_session s) const { sftp_free(s); }
};
struct FileClose {
   void operator()(sftp_file f) const { sftp_close(f); }
};
struct AttributesFree {
   void operator()(sftp_attributes a) const { sftp_attributes_free(a); }
};
using Session = std::unique_ptr<ssh_session_struct, SessionFree>;
using Key = std::unique_ptr<ssh_key_struct, KeyFree>;
using Sftp = std::unique_ptr<sftp_session_struct, SftpFree>;
using File = std::unique_ptr<sftp_file_struct, FileClose>;
using Attributes = std::unique_ptr<sftp_attributes_struct, AttributesFree>;

struct Descriptor {
   int fd = -1;
   ~Descriptor() {
      if (fd >= 0) ::close(fd);
   }
};

// Detaches the socket from the cancel token before the session closes it, so cancel() never
// shuts down a descriptor number the process has reused.
struct Attached {
   FetchCancel &cancel;
   ~Attached() { cancel.attach(-1); }
};

class Fetch {
public:
   Fetch(const SftpConfig &config, std::size_t max_bytes, FetchCancel &cancel)
       : c_(config), max_bytes_(max_bytes), cancel_(cancel),
         deadline_(Clock::now() + std::chrono::milliseconds(config.timeout_ms)),
         where_("sftp://" + config.user + "@" + config.host + ":" + std::to_string(config.port)) {}

   Result<std::string> run() {
      // Declared first so it closes last: since libssh 0.10 the session never closes a socket
      // handed to it with SSH_OPTIONS_FD.
      Descriptor socket_owner;
      Session session(ssh_new());
      if (!session) return fail(PORTIER_ERR_NO_MEMORY, "cannot create an SSH session");
      if (auto set = options(session.get()); !set.ok()) return set.error();
      if (auto left = arm(session.get()); !left.ok()) return left.error();
      Result<int> socket = tcp_connect(c_.host, c_.port, deadline_, cancel_);
      if (!socket.ok()) return fail(socket.status(), socket.message());
      const socket_t fd = socket.value();
      socket_owner.fd = fd;
      if (ssh_options_set(session.get(), SSH_OPTIONS_FD, &fd) != SSH_OK) {
         return fail(PORTIER_ERR_INTERNAL, "cannot hand the socket to libssh");
      }
      cancel_.attach(fd);
      Attached attached{cancel_};
      if (ssh_connect(session.get()) != SSH_OK) {
         return fail(broken(), std::string("SSH handshake failed: ") + ssh_get_error(session.get()));
      }
      if (auto checked = check_host_key(session.get()); !checked.ok()) return checked.error();
      if (auto in = authenticate(session.get()); !in.ok()) return in.error();
      return read_remote(session.get());
   }

private:
   Result<void> options(ssh_session s) {
      const unsigned int port = static_cast<unsigned int>(c_.port);
      const bool no_config = false;  // never read ~/.ssh/config or /etc/ssh/ssh_config
      const bool set = ssh_options_set(s, SSH_OPTIONS_HOST, c_.host.c_str()) == SSH_OK &&
                      ssh_options_set(s, SSH_OPTIONS_PORT, &port) == SSH_OK &&
                      ssh_options_set(s, SSH_OPTIONS_USER, c_.user.c_str()) == SSH_OK &&
                      ssh_options_set(s, SSH_OPTIONS_PROCESS_CONFIG, &no_config) == SSH_OK;
      if (!set) return fail(PORTIER_ERR_INVALID, std::string("bad SSH option: ") + ssh_get_error(s));
      // Only the configured known_hosts counts, never the user's or the system's.
      const std::string known = c_.known_hosts.empty() ? "/dev/null" : c_.known_hosts;
      if (ssh_options_set(s, SSH_OPTIONS_KNOWNHOSTS, known.c_str()) != SSH_OK ||
          ssh_options_set(s, SSH_OPTIONS_GLOBAL_KNOWNHOSTS, "/dev/null") != SSH_OK) {
         return fail(PORTIER_ERR_INVALID, std::string("bad known_hosts option: ") + ssh_get_error(s));
      }
      return ok();
   }

   // Sets libssh's timeout to what is left of the whole fetch; fails once nothing is left.
   Result<void> arm(ssh_session s) {
      if (cancel_.cancelled()) return fail(PORTIER_ERR_STATE, "cancelled");
      const auto left = std::chrono::duration_cast<std::chrono::microseconds>(deadline_ - Clock::now()).count();
      if (left <= 0) return fail(PORTIER_ERR_TIMEOUT, "timed out after " + std::to_string(c_.timeout_ms) + " ms");
      const long seconds = static_cast<long>(left / 1000000);
      const long micros = static_cast<long>(left % 1000000);
      ssh_options_set(s, SSH_OPTIONS_TIMEOUT, &seconds);
      ssh_options_set(s, SSH_OPTIONS_TIMEOUT_USEC, &micros);
      return ok();
   }

   Result<void> check_host_key(ssh_session s) {
      if (!c_.known_hosts.empty()) {
         switch (ssh_session_is_known_server(s)) {
         case SSH_KNOWN_HOSTS_OK: break;
         case SSH_KNOWN_HOSTS_CHANGED:
            return fail(PORTIER_ERR_DENIED, "host key does not match the one in " + c_.known_hosts +
                                                " (changed key or an attack); not sending credentials");
         case SSH_KNOWN_HOSTS_OTHER:
            return fail(PORTIER_ERR_DENIED, "host offers a key of another type than " + c_.known_hosts + " holds");
         case SSH_KNOWN_HOSTS_NOT_FOUND:
            return fail(PORTIER_ERR_DENIED, "known_hosts file " + c_.known_hosts + " cannot be read");
         case SSH_KNOWN_HOSTS_UNKNOWN:
            return fail(PORTIER_ERR_DENIED, "host is not in " + c_.known_hosts);
         case SSH_KNOWN_HOSTS_ERROR:
         default:
            return fail(PORTIER_ERR_DENIED, std::string("host key check failed: ") + ssh_get_error(s));
         }
      }
      if (!c_.host_fingerprint.empty()) {
         const std::string offered = fingerprint(s);
         if (offered != c_.host_fingerprint) {
            return fail(PORTIER_ERR_DENIED, "host key " + (offered.empty() ? std::string("(unreadable)") : offered) +
                                                " is not the pinned host_fingerprint; not sending credentials");
         }
      }
      return ok();
   }

   static std::string fingerprint(ssh_session s) {
      ssh_key raw = nullptr;
      if (ssh_get_server_publickey(s, &raw) != SSH_OK) return {};
      Key key(raw);
      unsigned char *hash = nullptr;
      std::size_t length = 0;
      if (ssh_get_publickey_hash(key.get(), SSH_PUBLICKEY_HASH_SHA256, &hash, &length) != SSH_OK) return {};
      char *text = ssh_get_fingerprint_hash(SSH_PUBLICKEY_HASH_SHA256, hash, length);
      ssh_clean_pubkey_hash(&hash);
      if (text == nullptr) return {};
      std::string out(text);
      ssh_string_free_char(text);
      return out;
   }

   Result<void> authenticate(ssh_session s) {
      if (auto left = arm(s); !left.ok()) return left;
      int rc = SSH_AUTH_ERROR;
      if (!c_.key_file.empty()) {
         ssh_key raw = nullptr;
         const char *passphrase = c_.key_passphrase.empty() ? nullptr : c_.key_passphrase.c_str();
         if (ssh_pki_import_privkey_file(c_.key_file.c_str(), passphrase, nullptr, nullptr, &raw) != SSH_OK) {
            return fail(PORTIER_ERR_DENIED, "cannot read the private key " + c_.key_file +
                                                " (missing, unreadable or wrong passphrase)");
         }
         Key key(raw);
         rc = ssh_userauth_publickey(s, nullptr, key.get());
      } else {
         rc = ssh_userauth_password(s, nullptr, c_.password.c_str());
      }
      if (rc == SSH_AUTH_SUCCESS) return ok();
      if (rc == SSH_AUTH_ERROR) return fail(PORTIER_ERR_UNAVAILABLE, std::string("authentication failed: ") + ssh_get_error(s));
      return fail(PORTIER_ERR_DENIED, "user " + c_.user + " was refused (" +
                                          (c_.key_file.empty() ? "password" : "key " + c_.key_file) + ")");
   }

   Result<std::string> read_remote(ssh_session s) {
      if (auto left = arm(s); !left.ok()) return left.error();
      Sftp sftp(sftp_new(s));
      if (!sftp || sftp_init(sftp.get()) != SSH_OK) {
         return fail(PORTIER_ERR_UNAVAILABLE, std::string("the SFTP subsystem did not start: ") + ssh_get_error(s));
      }
      File file(sftp_open(sftp.get(), c_.remote_path.c_str(), O_RDONLY, 0));
      if (!file) {
         const int code = sftp_get_error(sftp.get());
         if (code == SSH_FX_NO_SUCH_FILE) return fail(PORTIER_ERR_NOT_FOUND, "no file " + c_.remote_path);
         if (code == SSH_FX_PERMISSION_DENIED) return fail(PORTIER_ERR_DENIED, "no permission to read " + c_.remote_path);
         return fail(PORTIER_ERR_UNAVAILABLE, "cannot open " + c_.remote_path + " (SFTP error " + std::to_string(code) + ")");
      }
      if (Attributes a(sftp_fstat(file.get())); a && a->size > max_bytes_) {
         return too_large(static_cast<std::size_t>(a->size));
      }
      std::string out;
      std::string chunk(kSftpChunk, '\0');
      for (;;) {  // bounded: every round adds bytes and max_bytes ends it, or the deadline does
         if (auto left = arm(s); !left.ok()) return left.error();
         const ssize_t n = sftp_read(file.get(), chunk.data(), chunk.size());
         if (n < 0) {
            return fail(broken(), "reading " + c_.remote_path + " failed: " + ssh_get_error(s));
         }
         if (n == 0) break;
         if (out.size() + static_cast<std::size_t>(n) > max_bytes_) return too_large(out.size() + static_cast<std::size_t>(n));
         out.append(chunk.data(), static_cast<std::size_t>(n));
      }
      return out;
   }

   // Why a libssh call that blocked has failed: cancelled, out of time, or the connection.
   portier_status broken() const {
      if (cancel_.cancelled()) return PORTIER_ERR_STATE;
      constexpr std::chrono::milliseconds kSlack{50};  // libssh rounds its timeout down to ms
      return Clock::now() + kSlack >= deadline_ ? PORTIER_ERR_TIMEOUT : PORTIER_ERR_UNAVAILABLE;
   }

   Error too_large(std::size_t size) const {
      return fail(PORTIER_ERR_INVALID, c_.remote_path + " is larger than max_bytes (" + std::to_string(size) +
                                           " > " + std::to_string(max_bytes_) + ")");
   }

   Error fail(portier_status status, const std::string &what) const {
      return portier::error(status, what + " (" + where_ + ")");
   }

   const SftpConfig &c_;
   std::size_t max_bytes_;
   FetchCancel &cancel_;
   Clock::time_point deadline_;
   std::string where_;
};

}  // namespace

void FetchCancel::cancel() {
   std::lock_guard<std::mutex> lock(mu_);
   cancelled_.store(true);
   if (fd_ >= 0) ::shutdown(fd_, SHUT_RDWR);
}

void FetchCancel::attach(int fd) {
   std::lock_guard<std::mutex> lock(mu_);
   fd_ = fd;
   if (fd_ >= 0 && cancelled_.load()) ::shutdown(fd_, SHUT_RDWR);
}

Result<std::string> sftp_fetch(const SftpConfig &config, std::size_t max_bytes, FetchCancel &cancel) {
   return Fetch(config, max_bytes, cancel).run();
}

}  // namespace portier::osv
