// SPDX-License-Identifier: GPL-3.0-or-later
#include "ws_test_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <csignal>
#include <cstring>
#include <memory>
#include <stdexcept>

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/sha.h>
#include <openssl/ssl.h>

namespace portier::http::test {
namespace {

constexpr int kTurnMs = 50;
constexpr int kBlockingBoundSeconds = 3;  // a TLS handshake or a peek that waits longer fails

// One accepted connection: plain, or TLS once `ssl` is set.
struct Conn {
   int fd = -1;
   SSL *ssl = nullptr;
};

bool read_exact(Conn &c, unsigned char *out, std::size_t n, const std::atomic<bool> &stop) {
   std::size_t got = 0;
   while (got < n) {
      if (stop.load()) return false;
      if (c.ssl == nullptr || SSL_pending(c.ssl) == 0) {  // TLS may hold decrypted bytes already
         pollfd p{c.fd, POLLIN, 0};
         if (::poll(&p, 1, kTurnMs) <= 0) continue;
      }
      const long r = c.ssl != nullptr ? SSL_read(c.ssl, out + got, static_cast<int>(n - got))
                                      : ::recv(c.fd, out + got, n - got, 0);
      if (r <= 0) return false;
      got += static_cast<std::size_t>(r);
   }
   return true;
}

void send_all(Conn &c, const std::string &data) {
   std::size_t sent = 0;
   while (sent < data.size()) {
      const long r = c.ssl != nullptr
                         ? SSL_write(c.ssl, data.data() + sent, static_cast<int>(data.size() - sent))
                         : ::send(c.fd, data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
      if (r <= 0) return;
      sent += static_cast<std::size_t>(r);
   }
}

bool read_head(Conn &c, std::string &head, const std::atomic<bool> &stop) {
   head.clear();
   unsigned char ch = 0;
   while (head.find("\r\n\r\n") == std::string::npos && head.size() < 8192) {
      if (!read_exact(c, &ch, 1, stop)) return false;
      head += static_cast<char>(ch);
   }
   return true;
}

// Whether the client opened with a proxy's CONNECT (plain text, before any TLS).
bool opens_with_connect(int fd) {
   char first[8] = {};
   const ssize_t r = ::recv(fd, first, sizeof first, MSG_PEEK | MSG_WAITALL);
   return r == 8 && std::memcmp(first, "CONNECT ", 8) == 0;
}

ssl_ctx_st *server_context(const TestCertificate &cert) {
   SSL_CTX *ctx = SSL_CTX_new(TLS_server_method());
   std::unique_ptr<BIO, decltype(&BIO_free)> cert_bio(BIO_new_mem_buf(cert.cert_pem.data(), -1), BIO_free);
   std::unique_ptr<BIO, decltype(&BIO_free)> key_bio(BIO_new_mem_buf(cert.key_pem.data(), -1), BIO_free);
   X509 *x = PEM_read_bio_X509(cert_bio.get(), nullptr, nullptr, nullptr);
   EVP_PKEY *key = PEM_read_bio_PrivateKey(key_bio.get(), nullptr, nullptr, nullptr);
   const bool ok = ctx != nullptr && x != nullptr && key != nullptr && SSL_CTX_use_certificate(ctx, x) == 1 &&
                   SSL_CTX_use_PrivateKey(ctx, key) == 1;
   X509_free(x);
   EVP_PKEY_free(key);
   if (!ok) {
      SSL_CTX_free(ctx);
      throw std::runtime_error("WsTestServer: TLS context");
   }
   return ctx;
}

// A server frame: FIN, no mask.
std::string frame(unsigned opcode, const std::string &payload) {
   std::string out(1, static_cast<char>(0x80 | opcode));
   if (payload.size() < 126) {
      out += static_cast<char>(payload.size());
   } else {
      out += static_cast<char>(126);
      out += static_cast<char>((payload.size() >> 8) & 0xff);
      out += static_cast<char>(payload.size() & 0xff);
   }
   return out + payload;
}

std::string accept_key(const std::string &key) {
   const std::string text = key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
   unsigned char digest[SHA_DIGEST_LENGTH];
   SHA1(reinterpret_cast<const unsigned char *>(text.data()), text.size(), digest);
   unsigned char b64[64];
   const int n = EVP_EncodeBlock(b64, digest, SHA_DIGEST_LENGTH);
   return std::string(reinterpret_cast<char *>(b64), static_cast<std::size_t>(n));
}

}  // namespace

WsTestServer::WsTestServer() { listen(); }

WsTestServer::WsTestServer(const TestCertificate &tls) : tls_(server_context(tls)) {
   // OpenSSL writes with write(2): a client gone mid-answer must not kill the test with SIGPIPE.
   std::signal(SIGPIPE, SIG_IGN);
   listen();
}

void WsTestServer::listen() {
   listener_ = ::socket(AF_INET, SOCK_STREAM, 0);
   sockaddr_in addr{};
   addr.sin_family = AF_INET;
   addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
   ::bind(listener_, reinterpret_cast<sockaddr *>(&addr), sizeof addr);
   ::listen(listener_, 8);
   socklen_t len = sizeof addr;
   ::getsockname(listener_, reinterpret_cast<sockaddr *>(&addr), &len);
   port_ = ntohs(addr.sin_port);
   thread_ = std::thread([this] { serve(); });
}

WsTestServer::~WsTestServer() {
   stop_.store(true);
   thread_.join();
   ::close(listener_);
   SSL_CTX_free(tls_);
}

std::vector<std::string> WsTestServer::request_lines() const {
   const std::lock_guard<std::mutex> lock(mu_);
   return lines_;
}

void WsTestServer::serve() {
   while (!stop_.load()) {
      pollfd p{listener_, POLLIN, 0};
      if (::poll(&p, 1, kTurnMs) <= 0) continue;
      const int fd = ::accept(listener_, nullptr, nullptr);
      if (fd < 0) continue;
      converse(fd);
      ::close(fd);
   }
}

void WsTestServer::converse(int fd) {
   const timeval bound{kBlockingBoundSeconds, 0};
   ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &bound, sizeof bound);
   ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &bound, sizeof bound);
   Conn c{fd, nullptr};
   std::string head;
   const auto record = [this, &head] {
      const std::lock_guard<std::mutex> lock(mu_);
      lines_.push_back(head.substr(0, head.find("\r\n")));
      return lines_.back();
   };
   if (opens_with_connect(fd)) {
      if (!read_head(c, head, stop_)) return;
      record();
      send_all(c, "HTTP/1.1 200 Connection established\r\n\r\n");
   }
   std::unique_ptr<SSL, decltype(&SSL_free)> ssl(tls_ != nullptr ? SSL_new(tls_) : nullptr, SSL_free);
   if (ssl) {
      SSL_set_fd(ssl.get(), fd);
      if (SSL_accept(ssl.get()) != 1) return;
      c.ssl = ssl.get();
   }
   if (!read_head(c, head, stop_)) return;
   const std::string line = record();
   if (line.find(" /refuse") != std::string::npos) {
      send_all(c, "HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
      return;
   }
   const std::string name = "Sec-WebSocket-Key: ";
   const auto at = head.find(name);
   if (at == std::string::npos) return;
   const std::string key = head.substr(at + name.size(), head.find("\r\n", at) - at - name.size());
   send_all(c, "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                "Sec-WebSocket-Accept: " + accept_key(key) + "\r\n\r\n");
   bool closing = false;
   for (;;) {
      unsigned char h[2];
      if (!read_exact(c, h, 2, stop_)) return;
      const unsigned opcode = h[0] & 0x0f;
      std::size_t n = h[1] & 0x7f;
      if (n == 126) {
         unsigned char ext[2];
         if (!read_exact(c, ext, 2, stop_)) return;
         n = (std::size_t{ext[0]} << 8) | ext[1];
      } else if (n == 127) {
         return;  // the tests send short frames only
      }
      unsigned char mask[4];
      if (!read_exact(c, mask, 4, stop_)) return;
      std::string payload(n, '\0');
      if (n > 0 && !read_exact(c, reinterpret_cast<unsigned char *>(payload.data()), n, stop_)) return;
      for (std::size_t i = 0; i < n; ++i) payload[i] = static_cast<char>(payload[i] ^ mask[i % 4]);
      if (opcode == 8) {
         if (!closing) send_all(c, frame(8, payload.substr(0, 2)));
         if (c.ssl != nullptr) SSL_shutdown(c.ssl);  // close_notify, or a TLS client sees a truncated stream
         return;
      }
      if (opcode == 9) {
         send_all(c, frame(10, payload));
         continue;
      }
      if (opcode != 1) continue;
      if (payload == "close-me") {
         send_all(c, frame(8, std::string("\x0f\xa0", 2) + "bye"));  // 4000
         closing = true;  // the client's close frame answers this one
         continue;
      }
      send_all(c, frame(1, "echo: " + payload));
   }
}

}  // namespace portier::http::test
