// SPDX-License-Identifier: GPL-3.0-or-later
#include "http_client.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <mutex>

#include <curl/curl.h>

#include "url_text.h"

namespace portier::http {
namespace {

// curl_global_init must run once per process before the first handle.
void global_init() {
   static std::once_flag once;
   std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

std::string lower(std::string_view text) {
   std::string out(text);
   std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
   return out;
}

std::string_view trim(std::string_view text) {
   while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
   while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r' || text.back() == '\n')) {
      text.remove_suffix(1);
   }
   return text;
}

struct Transfer {
   HttpResponse *response;
   std::size_t limit;
   bool too_long = false;
};

std::size_t on_body(char *data, std::size_t size, std::size_t count, void *user) {
   auto *t = static_cast<Transfer *>(user);
   const std::size_t n = size * count;
   if (t->response->body.size() + n > t->limit) {
      t->too_long = true;
      return 0;  // aborts the transfer
   }
   t->response->body.append(data, n);
   return n;
}

std::size_t on_header(char *data, std::size_t size, std::size_t count, void *user) {
   auto *t = static_cast<Transfer *>(user);
   const std::size_t n = size * count;
   const std::string_view line(data, n);
   if (line.rfind("HTTP/", 0) == 0) {
      t->response->headers.clear();  // a new response (after a 100 Continue or a proxy CONNECT)
   } else if (const auto colon = line.find(':'); colon != std::string_view::npos && t->response->headers.size() < 200) {
      t->response->headers.emplace_back(lower(trim(line.substr(0, colon))), std::string(trim(line.substr(colon + 1))));
   }
   return n;
}

int on_progress(void *user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
   const auto *cancel = static_cast<const std::function<bool()> *>(user);
   return (*cancel)() ? 1 : 0;  // non-zero aborts the transfer
}

}  // namespace

std::optional<std::string> HttpResponse::header(std::string_view name) const {
   const std::string key = lower(name);
   for (const auto &[k, v] : headers) {
      if (k == key) return v;
   }
   return std::nullopt;
}

HttpRequest json_request(std::string method, std::string url, std::string body, std::string_view bearer) {
   HttpRequest r;
   r.method = std::move(method);
   r.url = std::move(url);
   r.body = std::move(body);
   r.headers = {"Content-Type: application/json", "Accept: application/json"};
   if (!bearer.empty()) r.headers.push_back("Authorization: Bearer " + std::string(bearer));
   return r;
}

std::optional<double> retry_after_seconds(const HttpResponse &response) {
   const auto value = response.header("retry-after");
   if (!value) return std::nullopt;
   const std::string_view text = trim(*value);
   double seconds = 0;
   const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), seconds);
   if (ec != std::errc() || end != text.data() + text.size() || seconds < 0 || seconds > 86'400) return std::nullopt;
   return seconds;
}

HttpClient::HttpClient(HttpOptions options) : options_(std::move(options)) {
   global_init();
   curl_ = curl_easy_init();
   if (curl_ != nullptr) configure();
}

HttpClient::~HttpClient() {
   if (curl_ != nullptr) curl_easy_cleanup(curl_);
}

void HttpClient::configure() {
   curl_easy_setopt(curl_, CURLOPT_NOSIGNAL, 1L);  // plugins run on their own threads
   curl_easy_setopt(curl_, CURLOPT_CONNECTTIMEOUT_MS, options_.connect_timeout_ms);
   curl_easy_setopt(curl_, CURLOPT_TIMEOUT_MS, options_.timeout_ms);
   curl_easy_setopt(curl_, CURLOPT_USERAGENT, options_.user_agent.c_str());
   curl_easy_setopt(curl_, CURLOPT_TCP_KEEPALIVE, 1L);
   curl_easy_setopt(curl_, CURLOPT_FOLLOWLOCATION, 0L);
   curl_easy_setopt(curl_, CURLOPT_PROTOCOLS_STR, "http,https");
   curl_easy_setopt(curl_, CURLOPT_SSL_VERIFYPEER, options_.verify_tls ? 1L : 0L);
   curl_easy_setopt(curl_, CURLOPT_SSL_VERIFYHOST, options_.verify_tls ? 2L : 0L);
   if (!options_.ca_file.empty()) curl_easy_setopt(curl_, CURLOPT_CAINFO, options_.ca_file.c_str());
   // "" switches libcurl's own look-up of http_proxy/https_proxy off
   curl_easy_setopt(curl_, CURLOPT_PROXY, options_.proxy.c_str());
   curl_easy_setopt(curl_, CURLOPT_WRITEFUNCTION, &on_body);
   curl_easy_setopt(curl_, CURLOPT_HEADERFUNCTION, &on_header);
   if (options_.cancel) {
      curl_easy_setopt(curl_, CURLOPT_NOPROGRESS, 0L);
      curl_easy_setopt(curl_, CURLOPT_XFERINFOFUNCTION, &on_progress);
      curl_easy_setopt(curl_, CURLOPT_XFERINFODATA, &options_.cancel);
   }
}

void HttpClient::reset_connection() {
   if (curl_ == nullptr) return;
   curl_easy_cleanup(curl_);
   curl_ = curl_easy_init();
   if (curl_ != nullptr) configure();
}

HttpResult HttpClient::send(const HttpRequest &request) {
   HttpResult result;
   const std::string where = request.method + " " + loggable_url(request.url);
   if (curl_ == nullptr) {
      result.error = where + ": the HTTP client could not be initialised";
      return result;
   }
   Transfer transfer{&result.response, options_.max_body_bytes};
   curl_easy_setopt(curl_, CURLOPT_URL, request.url.c_str());
   curl_easy_setopt(curl_, CURLOPT_WRITEDATA, &transfer);
   curl_easy_setopt(curl_, CURLOPT_HEADERDATA, &transfer);
   curl_slist *headers = nullptr;
   for (const std::string &h : request.headers) headers = curl_slist_append(headers, h.c_str());
   headers = curl_slist_append(headers, "Expect:");  // no 100-continue round trip for bodies
   curl_easy_setopt(curl_, CURLOPT_HTTPHEADER, headers);
   const bool has_body = !request.body.empty() || request.method == "POST" || request.method == "PATCH" ||
                         request.method == "PUT";
   if (request.method == "GET") {
      curl_easy_setopt(curl_, CURLOPT_HTTPGET, 1L);
      curl_easy_setopt(curl_, CURLOPT_CUSTOMREQUEST, nullptr);
   } else {
      if (has_body) {
         curl_easy_setopt(curl_, CURLOPT_POSTFIELDS, request.body.data());
         curl_easy_setopt(curl_, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
      } else {
         curl_easy_setopt(curl_, CURLOPT_NOBODY, 0L);
         curl_easy_setopt(curl_, CURLOPT_HTTPGET, 1L);
      }
      curl_easy_setopt(curl_, CURLOPT_CUSTOMREQUEST, request.method == "POST" ? nullptr : request.method.c_str());
   }
   char detail[CURL_ERROR_SIZE] = {};
   curl_easy_setopt(curl_, CURLOPT_ERRORBUFFER, detail);
   const CURLcode rc = curl_easy_perform(curl_);
   curl_easy_setopt(curl_, CURLOPT_ERRORBUFFER, nullptr);
   curl_easy_setopt(curl_, CURLOPT_HTTPHEADER, nullptr);
   curl_slist_free_all(headers);
   if (rc != CURLE_OK) {
      std::string why = transfer.too_long ? "the answer is longer than " + std::to_string(options_.max_body_bytes) +
                                                " bytes"
                                          : std::string(curl_easy_strerror(rc));
      // libcurl's detail may name the URL with its query; keep only texts that cannot
      if (!transfer.too_long && detail[0] != '\0' && std::string_view(detail).find('?') == std::string_view::npos) {
         why += " (" + std::string(detail) + ")";
      }
      result.error = where + ": " + why;
      result.response = {};
      return result;
   }
   curl_easy_getinfo(curl_, CURLINFO_RESPONSE_CODE, &result.response.status);
   curl_easy_getinfo(curl_, CURLINFO_NUM_CONNECTS, &result.response.new_connections);
   return result;
}

}  // namespace portier::http
