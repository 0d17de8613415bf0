// SPDX-License-Identifier: GPL-3.0-or-later
// Maps the element tree of one document onto the message structs, by the root's local name.
#include "portier/csta/parser.h"

#include <charconv>
#include <unordered_map>

#include "xml_tree.h"

namespace portier::csta {

namespace {

// Reading helpers over one tree; a missing element reads as empty.
struct Reader {
   const XmlTree &tree;
   int root;
   ParseError *error;

   std::string text(int parent, std::string_view name) const {
      const int node = tree.child(parent, name);
      return node == kNoNode ? std::string() : std::string(tree.text(node));
   }
   bool flag(int parent, std::string_view name) const {
      const int node = tree.child(parent, name);
      if (node == kNoNode) return false;
      const auto value = tree.text(node);
      return value == "true" || value == "1";
   }
   std::uint32_t number(int parent, std::string_view name) const {
      const int node = tree.child(parent, name);
      if (node == kNoNode) return 0;
      const auto value = tree.text(node);
      std::uint32_t result = 0;
      std::from_chars(value.data(), value.data() + value.size(), result);
      return result;
   }
   // An event's device: <x><deviceIdentifier>..</deviceIdentifier></x>; a request's is plain
   // text; <notKnown/>, <notRequired/> and <restricted/> read as empty.
   DeviceId device(int parent, std::string_view name) const {
      const int node = tree.child(parent, name);
      if (node == kNoNode) return {};
      for (const auto inner : {"deviceIdentifier", "deviceID"}) {
         const int id = tree.child(node, inner);
         if (id != kNoNode) return parse_device_id(tree.text(id));
      }
      return parse_device_id(tree.text(node));
   }
   // Records a missing mandatory element; the caller returns the (discarded) message.
   bool require(int parent, std::string_view name) const {
      if (tree.child(parent, name) != kNoNode && !tree.text(tree.child(parent, name)).empty()) return true;
      if (error->reason.empty()) {
         error->element = std::string(name);
         error->offset = tree.offset(parent);
         error->reason = "missing in " + std::string(tree.name(parent));
      }
      return false;
   }
};

std::string_view safe_text(const XmlTree &tree, int node) { return node == kNoNode ? std::string_view() : tree.text(node); }

ConnectionId read_connection(const Reader &r, int parent, std::string_view name) {
   const int node = r.tree.child(parent, name);
   if (node == kNoNode) return {};
   return ConnectionId{r.text(node, "callID"), parse_device_id(safe_text(r.tree, r.tree.child(node, "deviceID")))};
}

struct CallEventShape {
   CallEventKind kind;
   std::string_view connection;
   std::string_view subject;
   std::string_view other;
};

const std::unordered_map<std::string_view, CallEventShape> &call_event_shapes() {
   static const std::unordered_map<std::string_view, CallEventShape> shapes{
      {"DeliveredEvent", {CallEventKind::delivered, "connection", "alertingDevice", ""}},
      {"EstablishedEvent", {CallEventKind::established, "establishedConnection", "answeringDevice", ""}},
      {"ConnectionClearedEvent", {CallEventKind::connection_cleared, "droppedConnection", "releasingDevice", ""}},
      {"DivertedEvent", {CallEventKind::diverted, "connection", "divertingDevice", "newDestination"}},
      {"TransferedEvent", {CallEventKind::transferred, "primaryOldCall", "transferringDevice", "transferredToDevice"}},
      {"TransferredEvent", {CallEventKind::transferred, "primaryOldCall", "transferringDevice", "transferredToDevice"}},
      {"HeldEvent", {CallEventKind::held, "heldConnection", "holdingDevice", ""}},
      {"RetrievedEvent", {CallEventKind::retrieved, "retrievedConnection", "retrievingDevice", ""}},
      {"OriginatedEvent", {CallEventKind::originated, "originatedConnection", "callingDevice", ""}},
      {"ServiceInitiatedEvent", {CallEventKind::service_initiated, "initiatedConnection", "initiatingDevice", ""}},
      {"FailedEvent", {CallEventKind::failed, "failedConnection", "failingDevice", ""}},
      {"ConferencedEvent", {CallEventKind::conferenced, "primaryOldCall", "conferencingDevice", "addedParty"}},
      {"CallInformationEvent", {CallEventKind::call_information, "connection", "device", ""}},
   };
   return shapes;
}

Message read_call_event(const Reader &r, const CallEventShape &shape) {
   const int root = r.root;
   CallEvent event;
   event.kind = shape.kind;
   r.require(root, "monitorCrossRefID");
   event.cross_ref_id = r.text(root, "monitorCrossRefID");
   event.connection = read_connection(r, root, shape.connection);
   event.secondary = read_connection(r, root, "secondaryOldCall");
   event.subject = r.device(root, shape.subject);
   event.calling = r.device(root, "callingDevice");
   event.called = r.device(root, "calledDevice");
   if (!shape.other.empty()) event.other = r.device(root, shape.other);
   event.last_redirection = r.device(root, "lastRedirectionDevice");
   for (const auto list_name : {"transferredConnections", "conferenceConnections"}) {
      const int list = r.tree.child(root, list_name);
      if (list == kNoNode) continue;
      for (int item = r.tree.first_child(list); item != kNoNode; item = r.tree.next_sibling(item)) {
         if (r.tree.name(item) != "connectionListItem") continue;
         ConnectionListItem entry;
         entry.new_connection = read_connection(r, item, "newConnection");
         entry.old_connection = read_connection(r, item, "oldConnection");
         entry.endpoint = r.device(item, "endpoint");
         event.connections.push_back(std::move(entry));
      }
   }
   event.local_connection_info = r.text(root, "localConnectionInfo");
   event.cause = r.text(root, "cause");
   return event;
}

Message read_snapshot(const Reader &r) {
   SnapshotDeviceResponse response;
   const int choice = r.tree.child(r.root, "crossRefIDorSnapshotData");
   response.service_cross_ref_id = r.text(choice, "serviceCrossRefID");
   const int data = r.tree.child(choice, "snapshotData");
   if (data == kNoNode) return response;
   for (int info = r.tree.first_child(data); info != kNoNode; info = r.tree.next_sibling(info)) {
      if (r.tree.name(info) != "snapshotDeviceResponseInfo") continue;
      SnapshotCall call;
      call.connection = read_connection(r, info, "connectionIdentifier");
      const int state = r.tree.child(r.tree.child(r.tree.child(info, "localCallState"), "compoundCallState"),
                                     "localConnectionState");
      if (state != kNoNode) call.state = std::string(r.tree.text(state));
      // The simple form: <localCallState><simpleCallState>..</simpleCallState>
      if (call.state.empty()) call.state = r.text(r.tree.child(info, "localCallState"), "simpleCallState");
      response.calls.push_back(std::move(call));
   }
   return response;
}

Message read_error(const Reader &r) {
   CstaError error;
   const int choice = r.tree.first_child(r.root);
   if (choice == kNoNode) return error;
   error.category = std::string(r.tree.name(choice));
   error.value = std::string(r.tree.text(choice));
   const int inner = r.tree.first_child(choice);
   if (error.value.empty() && inner != kNoNode) error.value = std::string(r.tree.name(inner));
   return error;
}

Message read_forwarding_list(const Reader &r) {
   GetForwardingResponse response;
   const int list = r.tree.child(r.root, "forwardingList");
   if (list == kNoNode) return response;
   for (int item = r.tree.first_child(list); item != kNoNode; item = r.tree.next_sibling(item)) {
      if (r.tree.name(item) != "forwardListItem") continue;
      response.items.push_back(ForwardingItem{r.text(item, "forwardingType"), r.flag(item, "forwardStatus"),
                                              r.text(item, "forwardDN"), r.number(item, "ringCount")});
   }
   return response;
}

// The text of the first child of `name` (a CHOICE such as errorCode or sessionEndReason).
std::string choice_text(const Reader &r, std::string_view name) {
   const int outer = r.tree.child(r.root, name);
   const int first = outer == kNoNode ? kNoNode : r.tree.first_child(outer);
   return first == kNoNode ? std::string() : std::string(r.tree.text(first));
}

Message read_negative_session(const Reader &r) {
   return StartApplicationSessionNegResponse{choice_text(r, "errorCode")};
}

using ReadFn = Message (*)(const Reader &);

const std::unordered_map<std::string_view, ReadFn> &readers() {
   static const std::unordered_map<std::string_view, ReadFn> table{
      {"SystemStatus", [](const Reader &r) -> Message {
          return SystemStatus{r.text(r.root, "systemStatus"), r.text(r.root, "sysStatRegisterID")};
       }},
      {"SystemStatusResponse", [](const Reader &) -> Message { return SystemStatusResponse{}; }},
      {"SystemRegister", [](const Reader &r) -> Message {
          const int types = r.tree.child(r.root, "requestTypes");
          return SystemRegister{r.flag(types, "systemStatus"), r.flag(types, "requestSystemStatus")};
       }},
      {"SystemRegisterResponse", [](const Reader &r) -> Message {
          return SystemRegisterResponse{r.text(r.root, "sysStatRegisterID")};
       }},
      {"StartApplicationSession", [](const Reader &r) -> Message {
          return StartApplicationSession{
             r.text(r.tree.child(r.root, "applicationInfo"), "applicationID"),
             r.text(r.tree.child(r.root, "requestedProtocolVersions"), "protocolVersion"),
             r.number(r.root, "requestedSessionDuration")};
       }},
      {"StartApplicationSessionPosResponse", [](const Reader &r) -> Message {
          return StartApplicationSessionPosResponse{r.text(r.root, "sessionID"),
                                                    r.text(r.root, "actualProtocolVersion"),
                                                    r.number(r.root, "actualSessionDuration")};
       }},
      {"StartApplicationSessionNegResponse", &read_negative_session},
      {"ResetApplicationSessionTimer", [](const Reader &r) -> Message {
          return ResetApplicationSessionTimer{r.text(r.root, "sessionID"), r.number(r.root, "requestedSessionDuration")};
       }},
      {"ResetApplicationSessionTimerPosResponse", [](const Reader &r) -> Message {
          return ResetApplicationSessionTimerPosResponse{r.number(r.root, "actualSessionDuration")};
       }},
      {"ResetApplicationSessionTimerNegResponse", [](const Reader &r) -> Message {
          return ResetApplicationSessionTimerNegResponse{choice_text(r, "errorCode")};
       }},
      {"StopApplicationSession", [](const Reader &r) -> Message {
          return StopApplicationSession{r.text(r.root, "sessionID"), choice_text(r, "sessionEndReason")};
       }},
      {"StopApplicationSessionPosResponse", [](const Reader &) -> Message { return StopApplicationSessionPosResponse{}; }},
      {"StopApplicationSessionNegResponse", [](const Reader &r) -> Message {
          return StopApplicationSessionNegResponse{choice_text(r, "errorCode")};
       }},
      {"ApplicationSessionTerminated", [](const Reader &r) -> Message {
          return ApplicationSessionTerminated{r.text(r.root, "sessionID"), choice_text(r, "sessionTermReason")};
       }},
      {"MonitorStart", [](const Reader &r) -> Message {
          const int object = r.tree.child(r.tree.child(r.root, "monitorObject"), "deviceObject");
          if (object == kNoNode) return MonitorStart{};
          return MonitorStart{std::string(r.tree.text(object)), std::string(r.tree.attribute(object, "typeOfNumber"))};
       }},
      {"MonitorStartResponse", [](const Reader &r) -> Message {
          r.require(r.root, "monitorCrossRefID");
          return MonitorStartResponse{r.text(r.root, "monitorCrossRefID")};
       }},
      {"MonitorStop", [](const Reader &r) -> Message { return MonitorStop{r.text(r.root, "monitorCrossRefID")}; }},
      {"SnapshotDevice", [](const Reader &r) -> Message { return SnapshotDevice{r.text(r.root, "snapshotObject")}; }},
      {"SnapshotDeviceResponse", &read_snapshot},
      {"MakeCall", [](const Reader &r) -> Message {
          return MakeCall{r.text(r.root, "callingDevice"), r.text(r.root, "calledDirectoryNumber"),
                          r.text(r.root, "autoOriginate") == "prompt"};
       }},
      {"MakeCallResponse", [](const Reader &r) -> Message {
          return MakeCallResponse{read_connection(r, r.root, "callingDevice")};
       }},
      {"AnswerCall", [](const Reader &r) -> Message { return AnswerCall{read_connection(r, r.root, "callToBeAnswered")}; }},
      {"ClearConnection", [](const Reader &r) -> Message {
          return ClearConnection{read_connection(r, r.root, "connectionToBeCleared")};
       }},
      {"HoldCall", [](const Reader &r) -> Message { return HoldCall{read_connection(r, r.root, "callToBeHeld")}; }},
      {"RetrieveCall", [](const Reader &r) -> Message { return RetrieveCall{read_connection(r, r.root, "callToBeRetrieved")}; }},
      {"ConsultationCall", [](const Reader &r) -> Message {
          return ConsultationCall{read_connection(r, r.root, "existingCall"), r.text(r.root, "consultedDevice")};
       }},
      {"ConsultationCallResponse", [](const Reader &r) -> Message {
          return ConsultationCallResponse{read_connection(r, r.root, "initiatedCall")};
       }},
      {"TransferCall", [](const Reader &r) -> Message {
          return TransferCall{read_connection(r, r.root, "heldCall"), read_connection(r, r.root, "activeCall")};
       }},
      {"TransferCallResponse", [](const Reader &r) -> Message {
          return TransferCallResponse{read_connection(r, r.root, "transferredCall")};
       }},
      {"SingleStepTransferCall", [](const Reader &r) -> Message {
          return SingleStepTransferCall{read_connection(r, r.root, "activeCall"), r.text(r.root, "transferredTo")};
       }},
      {"SingleStepTransferCallResponse", [](const Reader &r) -> Message {
          return SingleStepTransferCallResponse{read_connection(r, r.root, "transferredCall")};
       }},
      {"DeflectCall", [](const Reader &r) -> Message {
          return DeflectCall{read_connection(r, r.root, "callToBeDiverted"), r.text(r.root, "newDestination")};
       }},
      {"SetForwarding", [](const Reader &r) -> Message {
          return SetForwarding{r.text(r.root, "device"), r.text(r.root, "forwardingType"),
                               r.flag(r.root, "activateForward"), r.text(r.root, "forwardDN")};
       }},
      {"GetForwarding", [](const Reader &r) -> Message { return GetForwarding{r.text(r.root, "device")}; }},
      {"GetForwardingResponse", &read_forwarding_list},
      {"SetDoNotDisturb", [](const Reader &r) -> Message {
          return SetDoNotDisturb{r.text(r.root, "device"), r.flag(r.root, "doNotDisturbOn")};
       }},
      {"GetDoNotDisturb", [](const Reader &r) -> Message { return GetDoNotDisturb{r.text(r.root, "device")}; }},
      {"GetDoNotDisturbResponse", [](const Reader &r) -> Message {
          return GetDoNotDisturbResponse{r.flag(r.root, "doNotDisturbOn")};
       }},
      {"CSTAErrorCode", &read_error},
      {"ForwardingEvent", [](const Reader &r) -> Message {
          r.require(r.root, "monitorCrossRefID");
          return ForwardingEvent{r.text(r.root, "monitorCrossRefID"), r.device(r.root, "device"),
                                 r.text(r.root, "forwardingType"), r.flag(r.root, "forwardStatus"),
                                 r.text(r.root, "forwardTo")};
       }},
      {"DoNotDisturbEvent", [](const Reader &r) -> Message {
          r.require(r.root, "monitorCrossRefID");
          return DoNotDisturbEvent{r.text(r.root, "monitorCrossRefID"), r.device(r.root, "device"),
                                   r.flag(r.root, "doNotDisturbOn")};
       }},
      {"OutOfServiceEvent", [](const Reader &r) -> Message {
          r.require(r.root, "monitorCrossRefID");
          return OutOfServiceEvent{r.text(r.root, "monitorCrossRefID"), r.device(r.root, "device")};
       }},
      {"BackInServiceEvent", [](const Reader &r) -> Message {
          r.require(r.root, "monitorCrossRefID");
          return BackInServiceEvent{r.text(r.root, "monitorCrossRefID"), r.device(r.root, "device")};
       }},
   };
   return table;
}

// Positive responses that carry nothing we use.
constexpr std::string_view kEmptyResponses[] = {
   "MonitorStopResponse", "AnswerCallResponse", "ClearConnectionResponse", "HoldCallResponse",
   "RetrieveCallResponse", "DeflectCallResponse", "SetForwardingResponse", "SetDoNotDisturbResponse",
};

Message read_message(const Reader &r) {
   const auto root_name = r.tree.name(r.root);
   if (const auto it = readers().find(root_name); it != readers().end()) return it->second(r);
   if (const auto it = call_event_shapes().find(root_name); it != call_event_shapes().end()) {
      return read_call_event(r, it->second);
   }
   for (const auto name : kEmptyResponses) {
      if (root_name == name) return EmptyResponse{std::string(name.substr(0, name.size() - 8))};
   }
   return UnknownMessage{std::string(root_name)};
}

}  // namespace

std::string ParseError::to_string() const {
   return (element.empty() ? std::string("document") : "<" + element + ">") + " at byte " +
          std::to_string(offset) + ": " + reason;
}

Parser::Parser(ParseLimits limits) : tree_(std::make_unique<XmlTree>(limits)) {}
Parser::~Parser() = default;

ParseResult Parser::parse(std::string_view xml) {
   ParseResult result;
   if (!tree_->read(xml, result.error)) return result;
   if (tree_->root() == kNoNode) {
      result.error.reason = "no root element";
      return result;
   }
   Reader reader{*tree_, tree_->root(), &result.error};
   auto message = read_message(reader);
   if (result.error.reason.empty()) result.message = std::move(message);
   return result;
}

ParseResult parse_message(std::string_view xml, ParseLimits limits) { return Parser(limits).parse(xml); }

}  // namespace portier::csta
