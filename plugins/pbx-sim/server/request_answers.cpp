// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/request_answers.h"

#include <optional>
#include <variant>

#include <portier/csta/server_builders.h>

namespace portier::pbxsim {
namespace {

std::string error_xml(const OfficeError &error) {
   return csta::build(csta::CstaError{std::string(to_string(error.category)),
                                      std::string(to_string(error.value))});
}

template <typename T>
std::string empty_or_error(const Outcome<T> &outcome, const char *request) {
   if (!outcome.ok()) return error_xml(*outcome.error);
   return csta::build(csta::EmptyResponse{request});
}

csta::ConnectionId to_connection(const ConnectionRef &ref) {
   return csta::connection(ref.call_id, ref.device);
}

std::optional<ForwardType> forward_type(std::string_view csta_type) {
   // OSV also knows ...Int / ...Ext variants; the office has one setting per type.
   if (csta_type.starts_with("forwardImmediate")) return ForwardType::unconditional;
   if (csta_type.starts_with("forwardBusy")) return ForwardType::busy;
   if (csta_type.starts_with("forwardNoAns")) return ForwardType::no_answer;
   return std::nullopt;
}

csta::ForwardingItem item(ForwardType type, const ForwardSetting &setting) {
   return {std::string(to_string(type)), setting.on, setting.destination, 0};
}

struct Visitor {
   Office &office;

   Answer operator()(const csta::MonitorStart &r) {
      auto out = office.monitor_start(office_number(r.device));
      if (!out.ok()) return {error_xml(*out.error), {}, {}};
      return {csta::build(csta::MonitorStartResponse{out.value}), out.value, {}};
   }
   Answer operator()(const csta::MonitorStop &r) {
      auto out = office.monitor_stop(r.cross_ref_id);
      if (!out.ok()) return {error_xml(*out.error), {}, {}};
      return {csta::build(csta::EmptyResponse{"MonitorStop"}), {}, r.cross_ref_id};
   }
   Answer operator()(const csta::SnapshotDevice &r) {
      auto out = office.snapshot_device(office_number(r.device));
      if (!out.ok()) return {error_xml(*out.error), {}, {}};
      csta::SnapshotDeviceResponse response;
      for (const SnapshotCall &call : out.value.calls) {
         response.calls.push_back({csta::connection(call.call_id, out.value.device),
                                   std::string(to_string(call.state))});
      }
      return {csta::build(response), {}, {}};
   }
   Answer operator()(const csta::MakeCall &r) {
      auto out = office.make_call(office_number(r.calling_device), office_number(r.called_number));
      if (!out.ok()) return {error_xml(*out.error), {}, {}};
      return {csta::build(csta::MakeCallResponse{to_connection(out.value)}), {}, {}};
   }
   Answer operator()(const csta::AnswerCall &r) {
      return {empty_or_error(office.answer(office_number(r.call.device.raw), r.call.call_id), "AnswerCall"), {}, {}};
   }
   Answer operator()(const csta::ClearConnection &r) {
      return {empty_or_error(office.clear_connection(office_number(r.connection.device.raw),
                                                     r.connection.call_id),
                             "ClearConnection"),
              {}, {}};
   }
   Answer operator()(const csta::HoldCall &r) {
      return {empty_or_error(office.hold(office_number(r.call.device.raw), r.call.call_id), "HoldCall"), {}, {}};
   }
   Answer operator()(const csta::RetrieveCall &r) {
      return {empty_or_error(office.retrieve(office_number(r.call.device.raw), r.call.call_id), "RetrieveCall"), {}, {}};
   }
   Answer operator()(const csta::ConsultationCall &r) {
      auto out = office.consultation_call(office_number(r.existing.device.raw), r.existing.call_id,
                                          office_number(r.consulted_device));
      if (!out.ok()) return {error_xml(*out.error), {}, {}};
      return {csta::build(csta::ConsultationCallResponse{to_connection(out.value)}), {}, {}};
   }
   Answer operator()(const csta::TransferCall &r) {
      auto out = office.transfer(office_number(r.held.device.raw), r.held.call_id, r.active.call_id);
      if (!out.ok()) return {error_xml(*out.error), {}, {}};
      return {csta::build(csta::TransferCallResponse{to_connection(out.value)}), {}, {}};
   }
   Answer operator()(const csta::SingleStepTransferCall &r) {
      auto out = office.single_step_transfer(office_number(r.active.device.raw), r.active.call_id,
                                             office_number(r.transferred_to));
      if (!out.ok()) return {error_xml(*out.error), {}, {}};
      return {csta::build(csta::SingleStepTransferCallResponse{to_connection(out.value)}), {}, {}};
   }
   Answer operator()(const csta::DeflectCall &r) {
      return {empty_or_error(office.deflect(office_number(r.call.device.raw), r.call.call_id,
                                            office_number(r.new_destination)),
                             "DeflectCall"),
              {}, {}};
   }
   Answer operator()(const csta::SetForwarding &r) {
      auto type = forward_type(r.forwarding_type);
      if (!type) return {error_xml(make_error(ErrorValue::request_incompatible_with_object)), {}, {}};
      const std::string destination = r.activate ? office_number(r.forward_dn) : std::string();
      return {empty_or_error(office.set_forwarding(office_number(r.device), *type, r.activate, destination),
                             "SetForwarding"),
              {}, {}};
   }
   Answer operator()(const csta::GetForwarding &r) {
      auto out = office.get_forwarding(office_number(r.device));
      if (!out.ok()) return {error_xml(*out.error), {}, {}};
      csta::GetForwardingResponse response;
      response.items = {item(ForwardType::unconditional, out.value.unconditional),
                        item(ForwardType::busy, out.value.busy),
                        item(ForwardType::no_answer, out.value.no_answer)};
      return {csta::build(response), {}, {}};
   }
   Answer operator()(const csta::SetDoNotDisturb &r) {
      return {empty_or_error(office.set_dnd(office_number(r.device), r.on), "SetDoNotDisturb"), {}, {}};
   }
   Answer operator()(const csta::GetDoNotDisturb &r) {
      auto out = office.get_dnd(office_number(r.device));
      if (!out.ok()) return {error_xml(*out.error), {}, {}};
      return {csta::build(csta::GetDoNotDisturbResponse{out.value}), {}, {}};
   }
   template <typename Other>
   Answer operator()(const Other &) {
      return {error_xml(make_error(ErrorValue::request_incompatible_with_object)), {}, {}};
   }
};

} // namespace

std::string office_number(std::string_view device_id) {
   csta::DeviceId id = csta::parse_device_id(device_id);
   return id.number.empty() ? std::string(device_id) : id.number;
}

Answer answer_request(Office &office, const csta::Message &request) {
   return std::visit(Visitor{office}, request);
}

} // namespace portier::pbxsim
