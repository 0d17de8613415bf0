// SPDX-License-Identifier: GPL-3.0-or-later
// Dialogs (RFC 3261 section 12): identity, route set, remote target and CSeq numbers, and the
// requests built inside one (12.2.1.1), including the ACK of a 2xx (13.2.2.4).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "message.h"
#include "message_build.h"

namespace portier::sip {

struct DialogId {
   std::string call_id;
   std::string local_tag;
   std::string remote_tag;
   bool operator==(const DialogId &) const = default;
   std::string text() const { return call_id + "|" + local_tag + "|" + remote_tag; }
};

struct Dialog {
   DialogId id;
   std::string local_party;   // From/To value without tag, e.g. "<sip:trunk@host>"
   std::string remote_party;
   std::string remote_target;  // Contact URI of the peer
   std::vector<std::string> route_set;  // Route values to put into requests, in order
   std::uint32_t local_cseq = 0;
   std::optional<std::uint32_t> remote_cseq;
};

// The dialog a UAS forms by answering `request` with a response tagged `local_tag` (12.1.1).
Dialog dialog_as_uas(const Message &request, std::string_view local_tag);
// The dialog a UAC forms from its `request` and a tagged 1xx/2xx `response` (12.1.2); nullopt
// when the response has no To tag.
std::optional<Dialog> dialog_as_uac(const Message &request, const Message &response);

// Which dialog a received request belongs to (To tag is ours), and a received response.
DialogId dialog_id_of_request(const Message &request);
DialogId dialog_id_of_response(const Message &response);

// 12.2.2: a request whose CSeq is not above the last one is out of order (answer 500). Notes it.
bool accept_remote_cseq(Dialog &dialog, const Message &request);

// Target refresh (re-INVITE, UPDATE, their 2xx): a new Contact becomes the remote target.
void refresh_target(Dialog &dialog, const Message &message);

struct InDialogParts {
   std::string via;       // whole Via value with a new branch
   std::string contact;   // ours, for target refresh requests; may be empty
   std::vector<std::pair<std::string, std::string>> headers;
   std::string body;
   std::string content_type;
};

// BYE, re-INVITE, UPDATE, REFER, INFO, ...: takes the next local CSeq.
BuildResult build_in_dialog(Dialog &dialog, std::string_view method, const InDialogParts &parts);
// The ACK of a 2xx to the INVITE numbered `invite_cseq` (same CSeq number, a new branch).
BuildResult build_ack_for_success(const Dialog &dialog, std::uint32_t invite_cseq, const InDialogParts &parts);

}  // namespace portier::sip
