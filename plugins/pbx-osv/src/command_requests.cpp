// SPDX-License-Identifier: GPL-3.0-or-later
#include "command_requests.h"

#include <portier/csta/builders.h>

#include "mapping.h"

namespace portier::osv {

CommandRequest command_request(const Command &c) {
   using Op = Command::Op;
   const auto at = [&c](const std::string &call) { return csta::connection(call, c.device); };
   switch (c.op) {
   case Op::monitor_start: return {"MonitorStart", csta::build(csta::MonitorStart{c.device, ""})};
   case Op::monitor_stop: break;  // needs the cross-ref id the link keeps
   case Op::snapshot: return {"SnapshotDevice", csta::build(csta::SnapshotDevice{c.device})};
   case Op::make_call: return {"MakeCall", csta::build(csta::MakeCall{c.device, c.number, false})};
   case Op::answer: return {"AnswerCall", csta::build(csta::AnswerCall{at(c.call_id)})};
   case Op::clear: return {"ClearConnection", csta::build(csta::ClearConnection{at(c.call_id)})};
   case Op::hold: return {"HoldCall", csta::build(csta::HoldCall{at(c.call_id)})};
   case Op::retrieve: return {"RetrieveCall", csta::build(csta::RetrieveCall{at(c.call_id)})};
   case Op::consult: return {"ConsultationCall", csta::build(csta::ConsultationCall{at(c.call_id), c.number})};
   case Op::transfer: return {"TransferCall", csta::build(csta::TransferCall{at(c.call_id), at(c.call_id2)})};
   case Op::single_step_transfer:
      return {"SingleStepTransferCall", csta::build(csta::SingleStepTransferCall{at(c.call_id), c.number})};
   case Op::deflect: return {"DeflectCall", csta::build(csta::DeflectCall{at(c.call_id), c.number})};
   case Op::set_forwarding:
      return {"SetForwarding", csta::build(csta::SetForwarding{c.device, std::string(forwarding_type_name(c.type)), c.on,
                                                               c.on ? c.number : std::string()})};
   case Op::set_dnd: return {"SetDoNotDisturb", csta::build(csta::SetDoNotDisturb{c.device, c.on})};
   case Op::get_features: return {"GetForwarding", csta::build(csta::GetForwarding{c.device})};
   }
   return {};
}

}  // namespace portier::osv
