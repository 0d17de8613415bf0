// SPDX-License-Identifier: GPL-3.0-or-later
#include "transaction_key.h"

namespace portier::sip {

std::string server_key(const Message &request, std::string_view method) {
   std::optional<Via> via = request.top_via();
   std::optional<CSeq> cseq = request.cseq();
   if (!via || !cseq) return {};
   std::string m = method.empty() ? request.method() : std::string(method);
   if (m == "ACK") m = "INVITE";
   std::string sent_by = via->host + ":" + std::to_string(via->port);
   if (via->branch.rfind(kBranchCookie, 0) == 0) return "s|" + via->branch + "|" + sent_by + "|" + m;
   // RFC 2543: Request-URI, From tag, Call-ID, CSeq number and top Via identify the transaction.
   return "o|" + request.request_uri() + "|" + request.from_tag() + "|" + request.call_id() + "|" +
          std::to_string(cseq->number) + "|" + sent_by + ";" + via->branch + "|" + m;
}

std::string client_key(std::string_view branch, std::string_view method) {
   std::string m(method);
   if (m == "ACK") m = "INVITE";
   return "c|" + std::string(branch) + "|" + m;
}

std::string client_key(const Message &response) {
   std::optional<Via> via = response.top_via();
   std::optional<CSeq> cseq = response.cseq();
   if (!via || !cseq) return {};
   return client_key(via->branch, cseq->method);
}

}  // namespace portier::sip
