// SPDX-License-Identifier: GPL-3.0-or-later
#include "dialog.h"

#include <algorithm>
#include <cctype>

namespace portier::sip {
namespace {

// "<sip:a@b>;tag=x;foo=1" -> "<sip:a@b>;foo=1"
std::string without_tag(std::string value) {
   std::string lower = value;
   std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
   std::size_t closing = lower.rfind('>');
   std::size_t at = lower.find(";tag=", closing == std::string::npos ? 0 : closing);
   if (at == std::string::npos) return value;
   std::size_t end = value.find(';', at + 1);
   value.erase(at, end == std::string::npos ? std::string::npos : end - at);
   return value;
}

BuildResult build_from_dialog(const Dialog &dialog, std::string_view method, std::uint32_t cseq, const InDialogParts &parts) {
   RequestParts request;
   request.method = std::string(method);
   request.request_uri = dialog.remote_target;
   request.from = dialog.local_party + ";tag=" + dialog.id.local_tag;
   request.to = dialog.remote_party + (dialog.id.remote_tag.empty() ? "" : ";tag=" + dialog.id.remote_tag);
   request.call_id = dialog.id.call_id;
   request.cseq = cseq;
   request.via = parts.via;
   request.contact = parts.contact;
   request.routes = dialog.route_set;  // loose routing (12.2.1.1); strict routers are not supported
   request.headers = parts.headers;
   request.body = parts.body;
   request.content_type = parts.content_type;
   return build_request(request);
}

}  // namespace

Dialog dialog_as_uas(const Message &request, std::string_view local_tag) {
   Dialog dialog;
   dialog.id = {request.call_id(), std::string(local_tag), request.from_tag()};
   dialog.local_party = without_tag(request.to());
   dialog.remote_party = without_tag(request.from());
   dialog.remote_target = request.contact_uri().value_or(request.from_uri());
   dialog.route_set = request.record_routes();
   if (auto cseq = request.cseq()) dialog.remote_cseq = cseq->number;
   return dialog;
}

std::optional<Dialog> dialog_as_uac(const Message &request, const Message &response) {
   if (response.to_tag().empty()) return std::nullopt;
   Dialog dialog;
   dialog.id = {response.call_id(), request.from_tag(), response.to_tag()};
   dialog.local_party = without_tag(request.from());
   dialog.remote_party = without_tag(response.to());
   dialog.remote_target = response.contact_uri().value_or(request.request_uri());
   std::vector<std::string> routes = response.record_routes();
   dialog.route_set.assign(routes.rbegin(), routes.rend());
   if (auto cseq = request.cseq()) dialog.local_cseq = cseq->number;
   return dialog;
}

DialogId dialog_id_of_request(const Message &request) { return {request.call_id(), request.to_tag(), request.from_tag()}; }

DialogId dialog_id_of_response(const Message &response) { return {response.call_id(), response.from_tag(), response.to_tag()}; }

bool accept_remote_cseq(Dialog &dialog, const Message &request) {
   std::optional<CSeq> cseq = request.cseq();
   if (!cseq) return false;
   if (request.method() == "ACK" || request.method() == "CANCEL") return true;  // they reuse the number
   if (dialog.remote_cseq && cseq->number <= *dialog.remote_cseq) return false;
   dialog.remote_cseq = cseq->number;
   return true;
}

void refresh_target(Dialog &dialog, const Message &message) {
   if (std::optional<std::string> contact = message.contact_uri()) dialog.remote_target = *contact;
}

BuildResult build_in_dialog(Dialog &dialog, std::string_view method, const InDialogParts &parts) {
   BuildResult built = build_from_dialog(dialog, method, dialog.local_cseq + 1, parts);
   if (built.message) ++dialog.local_cseq;
   return built;
}

BuildResult build_ack_for_success(const Dialog &dialog, std::uint32_t invite_cseq, const InDialogParts &parts) {
   return build_from_dialog(dialog, "ACK", invite_cseq, parts);
}

}  // namespace portier::sip
