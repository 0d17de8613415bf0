// SPDX-License-Identifier: GPL-3.0-or-later
#include "webhook_inbox.h"

#include <random>

#include "graph_subscription.h"
#include "http_request_head.h"

namespace portier::teams {

WebhookInbox::WebhookInbox(std::string client_state) : client_state_(std::move(client_state)) {}

std::string WebhookInbox::start(const std::string &address, int port) {
   http::ListenerOptions options;
   options.address = address;
   options.port = port;
   return listener_.start(options, [this](const http::InboundRequest &request) { return handle(request); });
}

Deliveries WebhookInbox::take() {
   const std::lock_guard<std::mutex> lock(mutex_);
   return std::exchange(pending_, Deliveries{});
}

http::InboundReply WebhookInbox::handle(const http::InboundRequest &request) {
   // the handshake (notification and lifecycle URL alike): echo the decoded token as plain text
   std::string token;
   if (http::query_value(request.query, "validationToken", token)) return {200, "text/plain", token};
   auto items = parse_webhook_body(request.body);
   const std::lock_guard<std::mutex> lock(mutex_);
   if (!items.ok()) {
      ++pending_.malformed;
      return {400, "text/plain; charset=utf-8", items.message() + "\n"};
   }
   for (WebhookItem &item : items.value()) {
      if (item.client_state != client_state_) {
         ++pending_.wrong_client_state;
      } else if (!item.lifecycle_event.empty()) {
         pending_.lifecycle.push_back({std::move(item.lifecycle_event), std::move(item.subscription_id)});
      } else if (!item.user_id.empty()) {
         pending_.user_ids.push_back(std::move(item.user_id));
      }
   }
   return {202, "text/plain; charset=utf-8", ""};
}

std::string random_client_state() {
   std::random_device device;
   static constexpr char kHex[] = "0123456789abcdef";
   std::string out;
   for (int i = 0; i < 4; ++i) {
      std::uint32_t word = device();
      for (int j = 0; j < 8; ++j, word >>= 4) out.push_back(kHex[word & 0xf]);
   }
   return out;
}

}  // namespace portier::teams
