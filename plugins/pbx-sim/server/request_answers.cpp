// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/request_answers.h"

#include <algorithm>
#include <atomic>
#include <mutex>
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

constexpr std::uint32_t kMinSessionS = 10;
constexpr std::uint32_t kMaxSessionS = 3600;
constexpr std::uint32_t kDefaultSessionS = 600;
constexpr std::size_t kMaxLiveSessions = 16;   // per table; more is maxNumberSessions
constexpr std::size_t kMaxKeptSessions = 256;  // stopped ones are forgotten beyond this
constexpr std::size_t kMaxTables = 64;

std::atomic<std::uint64_t> g_next_session{1};
std::mutex g_tables_mutex;
std::map<const Office *, AppSessionTable> g_tables;

} // namespace

std::optional<std::string> AppSessionTable::answer(const csta::Message &request) {
   if (const auto *start = std::get_if<csta::StartApplicationSession>(&request)) {
      if (start->application_id.empty()) {
         return csta::build(csta::StartApplicationSessionNegResponse{"invalidApplicationInfo"});
      }
      if (start->protocol_version.find("ecma-323/csta/ed") == std::string::npos) {
         return csta::build(csta::StartApplicationSessionNegResponse{"requestedProtocolVersionNotSupported"});
      }
      const auto live = std::count_if(sessions_.begin(), sessions_.end(), [](const auto &s) { return !s.second.stopped; });
      if (static_cast<std::size_t>(live) >= kMaxLiveSessions) {
         return csta::build(csta::StartApplicationSessionNegResponse{"maxNumberSessions"});
      }
      if (sessions_.size() >= kMaxKeptSessions) {
         auto old = std::find_if(sessions_.begin(), sessions_.end(), [](const auto &s) { return s.second.stopped; });
         if (old != sessions_.end()) sessions_.erase(old);
      }
      const std::uint32_t asked = start->session_duration == 0 ? kDefaultSessionS : start->session_duration;
      AppSessionInfo info;
      info.id = "sim-" + std::to_string(g_next_session.fetch_add(1));
      info.application_id = start->application_id;
      info.duration_s = std::clamp(asked, kMinSessionS, kMaxSessionS);
      sessions_[info.id] = info;
      return csta::build(csta::StartApplicationSessionPosResponse{info.id, start->protocol_version, info.duration_s});
   }
   if (const auto *reset = std::get_if<csta::ResetApplicationSessionTimer>(&request)) {
      auto it = sessions_.find(reset->session_id);
      if (it == sessions_.end() || it->second.stopped) {
         return csta::build(csta::ResetApplicationSessionTimerNegResponse{"invalidSessionID"});
      }
      ++it->second.resets;
      if (reset->session_duration != 0) {
         it->second.duration_s = std::clamp(reset->session_duration, kMinSessionS, kMaxSessionS);
      }
      return csta::build(csta::ResetApplicationSessionTimerPosResponse{it->second.duration_s});
   }
   if (const auto *stop = std::get_if<csta::StopApplicationSession>(&request)) {
      auto it = sessions_.find(stop->session_id);
      if (it == sessions_.end() || it->second.stopped) {
         return csta::build(csta::StopApplicationSessionNegResponse{"invalidSessionID"});
      }
      it->second.stopped = true;
      return csta::build(csta::StopApplicationSessionPosResponse{});
   }
   return std::nullopt;
}

std::vector<AppSessionInfo> AppSessionTable::sessions() const {
   std::vector<AppSessionInfo> out;
   for (const auto &[id, info] : sessions_) out.push_back(info);
   return out;
}

std::vector<AppSessionInfo> application_sessions(const Office &office) {
   std::lock_guard<std::mutex> lock(g_tables_mutex);
   auto it = g_tables.find(&office);
   return it == g_tables.end() ? std::vector<AppSessionInfo>{} : it->second.sessions();
}

std::string office_number(std::string_view device_id) {
   csta::DeviceId id = csta::parse_device_id(device_id);
   return id.number.empty() ? std::string(device_id) : id.number;
}

Answer answer_request(Office &office, const csta::Message &request) {
   {
      std::lock_guard<std::mutex> lock(g_tables_mutex);
      if (g_tables.size() >= kMaxTables && g_tables.count(&office) == 0) g_tables.erase(g_tables.begin());
      if (auto xml = g_tables[&office].answer(request)) return {*xml, {}, {}};
   }
   return std::visit(Visitor{office}, request);
}

} // namespace portier::pbxsim
