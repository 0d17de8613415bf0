// SPDX-License-Identifier: GPL-3.0-or-later
#include "control/engine_request.h"

#include <string>

namespace portier::control {

std::variant<EngineCommand, EngineEventsQuery, RequestError> check_engine_request(const nlohmann::json &request) {
   const auto command = request.find("command");
   const auto events = request.find("events");
   if (command != request.end() && events != request.end()) {
      return RequestError{"engine takes either \"command\" or \"events\", not both"};
   }
   if (command != request.end()) {
      if (!command->is_object()) return RequestError{"engine: \"command\" must be a JSON object"};
      return EngineCommand{*command};
   }
   if (events == request.end()) {
      return RequestError{"engine needs a \"command\" object or an \"events\" count"};
   }
   // A count written in JSON may arrive as a signed integer; only its value matters.
   if (!events->is_number_integer() || events->get<std::int64_t>() < 1 ||
       events->get<std::int64_t>() > static_cast<std::int64_t>(kEventHistoryCapacity)) {
      return RequestError{"engine: \"events\" must be a count from 1 to " + std::to_string(kEventHistoryCapacity)};
   }
   EngineEventsQuery query{static_cast<std::size_t>(events->get<std::int64_t>()), 0};
   const auto after = request.find("after");
   if (after != request.end()) {
      if (!after->is_number_integer() || after->get<std::int64_t>() < 0) {
         return RequestError{"engine: \"after\" must be a sequence number >= 0"};
      }
      query.after = static_cast<std::uint64_t>(after->get<std::int64_t>());
   }
   return query;
}

nlohmann::json engine_events_answer(const EventHistory &history, const EngineEventsQuery &query) {
   return {{"ok", true}, {"events", history.recent(query.count, query.after)}, {"last_seq", history.last_seq()}};
}

}  // namespace portier::control
