// SPDX-License-Identifier: GPL-3.0-or-later
// A blocking HTTP/1.1 client on libcurl for the plugins that talk to cloud services. One
// HttpClient owns one libcurl handle, so consecutive requests to the same host reuse the
// connection (keep-alive). TLS certificates are verified unless verify_tls is set to false
// explicitly; proxies come only from the settings (the environment's http_proxy is ignored, so a
// daemon's behaviour does not depend on who started it).
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

typedef void CURL;

namespace portier::http {

struct HttpOptions {
   std::string ca_file;           // PEM bundle the server certificate must chain to; "" = system's
   bool verify_tls = true;        // false accepts any certificate and host name (test set-ups only)
   std::string proxy;             // "http://host:port" or "" for a direct connection
   long connect_timeout_ms = 5'000;
   long timeout_ms = 20'000;      // the whole request, connection included
   std::size_t max_body_bytes = 32u << 20;  // a longer answer fails instead of growing without bound
   std::string user_agent = "portier";
   // Asked about once a second while a request waits (and on every chunk received); true ends the
   // request at once with an error. For long polls that must still notice a stop or new work
   // (presence.skype's UCWA event channel). Empty: never cancelled. [the owning thread]
   std::function<bool()> cancel;
};

struct HttpRequest {
   std::string method = "GET";    // GET, POST, PATCH, DELETE, ...
   std::string url;
   std::vector<std::string> headers;  // "Name: value", sent as given
   std::string body;              // sent when not empty or when the method is POST/PATCH/PUT
};

struct HttpResponse {
   long status = 0;
   std::vector<std::pair<std::string, std::string>> headers;  // names in lower case, values trimmed
   std::string body;
   long new_connections = 0;      // connections opened for this request: 0 when one was reused

   // The value of the first header named `name` (any case), or nullopt. [any]
   std::optional<std::string> header(std::string_view name) const;
};

// Either a response (any status, 4xx and 5xx included) or a transport error: the connection
// failed, timed out or dropped, or TLS was refused. `error` then says what and for which URL,
// without user info or query string.
struct HttpResult {
   std::string error;             // "" when a response arrived
   HttpResponse response;

   bool ok() const noexcept { return error.empty(); }
};

// A JSON request: Content-Type and Accept set to application/json, and the bearer token when
// not empty. [any]
HttpRequest json_request(std::string method, std::string url, std::string body, std::string_view bearer = {});

// Retry-After as seconds: delta-seconds (decimals accepted, as Graph's examples show them);
// nullopt when absent or not a number (an HTTP date is treated as absent). [any]
std::optional<double> retry_after_seconds(const HttpResponse &response);

class HttpClient {
public:
   // Errors surface on the first request (a client that cannot initialise answers every request
   // with an error). [any thread; the client is then used by one thread at a time]
   explicit HttpClient(HttpOptions options);
   ~HttpClient();
   HttpClient(const HttpClient &) = delete;
   HttpClient &operator=(const HttpClient &) = delete;

   // Sends `request` and waits for the whole answer or options.timeout_ms. [the owning thread]
   HttpResult send(const HttpRequest &request);

   // Closes the kept-alive connection, e.g. after the peer misbehaved. [the owning thread]
   void reset_connection();

private:
   void configure();

   HttpOptions options_;
   CURL *curl_ = nullptr;
};

}  // namespace portier::http
