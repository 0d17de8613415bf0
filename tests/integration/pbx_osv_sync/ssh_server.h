// SPDX-License-Identifier: GPL-3.0-or-later
// A real OpenSSH server for a test: /usr/sbin/sshd on 127.0.0.1 and a free port, run as the
// current user from a temporary directory holding its own config, host key, client key and
// authorized_keys. Stopped and cleaned up by the destructor.
#pragma once

#include <sys/types.h>

#include <string>

namespace synctest {

class SshServer {
public:
   // True when sshd and ssh-keygen are installed.
   static bool available();

   // Starts sshd and waits (bounded) until it accepts connections; REQUIREs success.
   SshServer();
   ~SshServer();
   SshServer(const SshServer &) = delete;
   SshServer &operator=(const SshServer &) = delete;

   int port() const { return port_; }
   const std::string &dir() const { return dir_; }     // the temporary directory
   const std::string &user() const { return user_; }   // the account the client logs in as
   std::string client_key() const { return dir_ + "/client_key"; }
   // A new client key protected by `passphrase`, authorised like client_key(); its path.
   std::string protected_key(const std::string &passphrase) const;
   // A known_hosts file that holds the server's host key.
   std::string known_hosts() const { return dir_ + "/known_hosts"; }
   // A known_hosts file that names this host and port with some other key.
   std::string wrong_known_hosts() const { return dir_ + "/wrong_known_hosts"; }
   // The host key's "SHA256:..." fingerprint as ssh-keygen -l prints it.
   std::string fingerprint() const;
   // Writes `content` to dir()/name and returns the absolute path.
   std::string write(const std::string &name, const std::string &content) const;

private:
   std::string dir_;
   std::string user_;
   int port_ = 0;
   pid_t pid_ = -1;
};

}  // namespace synctest
