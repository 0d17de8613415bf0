// SPDX-License-Identifier: GPL-3.0-or-later
#include "fake_trunk_table.h"

#include <cstring>

namespace portier::engine::test {
namespace {

FakeTrunkTable &self(portier_instance *inst) { return *reinterpret_cast<FakeTrunkTable *>(inst); }

portier_status record(portier_instance *inst, std::string op, const char *call_id, std::uint64_t correlation,
                      portier_error *err) {
   FakeTrunkTable &t = self(inst);
   const std::string name = op.substr(0, op.find(' '));
   t.calls.push_back({std::move(op), call_id, correlation});
   if (t.refuse.count(name) == 0) return PORTIER_PENDING;
   err->detail = 0;
   std::strncpy(err->message, "refused by the test", sizeof err->message - 1);
   return PORTIER_ERR_STATE;
}

portier_status PORTIER_ABI ring(portier_instance *i, const char *id, uint64_t c, portier_error *e) {
   return record(i, "ring", id, c, e);
}
portier_status PORTIER_ABI answer(portier_instance *i, const char *id, uint64_t c, portier_error *e) {
   return record(i, "answer", id, c, e);
}
portier_status PORTIER_ABI reject(portier_instance *i, const char *id, int32_t sip, uint64_t c, portier_error *e) {
   return record(i, "reject " + std::to_string(sip), id, c, e);
}
portier_status PORTIER_ABI hangup(portier_instance *i, const char *id, uint64_t c, portier_error *e) {
   return record(i, "hangup", id, c, e);
}
portier_status PORTIER_ABI play(portier_instance *i, const char *id, const char *media, uint32_t flags, uint64_t c,
                                portier_error *e) {
   return record(i, std::string("play ") + media + ((flags & PORTIER_TRUNK_PLAY_LOOP) ? " loop" : " once"), id, c, e);
}
portier_status PORTIER_ABI stop_media(portier_instance *i, const char *id, uint64_t c, portier_error *e) {
   return record(i, "stop_media", id, c, e);
}
portier_status PORTIER_ABI load_media(portier_instance *i, const char *media, const char *path, uint64_t c,
                                      portier_error *e) {
   return record(i, std::string("load_media ") + path, media, c, e);
}
portier_status PORTIER_ABI place_call(portier_instance *i, const char *id, const char *target, const char *,
                                      const char *, const char *, int32_t, uint64_t c, portier_error *e) {
   return record(i, std::string("place_call ") + target, id, c, e);
}
portier_status PORTIER_ABI connect(portier_instance *i, const char *id, const char *other, uint64_t c,
                                   portier_error *e) {
   return record(i, std::string("connect ") + other, id, c, e);
}

portier_status PORTIER_ABI redirect(portier_instance *i, const char *id, const char *target, uint64_t c,
                                    portier_error *e) {
   return record(i, std::string("redirect ") + target, id, c, e);
}

}  // namespace

FakeTrunkTable::FakeTrunkTable() {
   table.struct_size = sizeof table;
   table.ring = ring;
   table.answer = answer;
   table.reject = reject;
   table.hangup = hangup;
   table.play = play;
   table.stop_media = stop_media;
   table.load_media = load_media;
   table.place_call = place_call;
   table.connect = connect;
   table.redirect = redirect;
}

FakeTrunkTable::~FakeTrunkTable() = default;

const TrunkCall *FakeTrunkTable::last(const std::string &op, const std::string &call_id) const {
   for (auto it = calls.rbegin(); it != calls.rend(); ++it) {
      if (it->op.rfind(op, 0) == 0 && it->call_id == call_id) return &*it;
   }
   return nullptr;
}

}  // namespace portier::engine::test
