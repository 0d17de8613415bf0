// SPDX-License-Identifier: GPL-3.0-or-later
#include "sim_rig.h"

#include <catch2/catch.hpp>

namespace simtest {

using namespace portier::pbxsim;

OfficeSpec office_spec(int extra) {
   OfficeSpec spec;
   ExtensionSpec attendant{"100", "Attendant", ExtensionKind::attendant, {}, true};
   ExtensionSpec answers{"200", "Anna Muster", ExtensionKind::office_user, {}, true};
   answers.rules.answer_after_ms = 200;
   ExtensionSpec quiet{"300", "Ben Beispiel", ExtensionKind::office_user, {}, true};
   spec.extensions = {attendant, answers, quiet};
   for (int i = 0; i < extra; ++i) {
      spec.extensions.push_back({std::to_string(7000 + i), "User " + std::to_string(i),
                                 ExtensionKind::office_user, {}, true});
   }
   return spec;
}

Sim::Sim(OfficeSpec spec) : office(std::move(spec)), server(io, office), thread_([this] { io.run(); }) {}

Sim::~Sim() {
   io.stop();
   thread_.join();
}

Rig::Rig(int extra_extensions) : PluginUnderTest(PBX_OSV_PLUGIN), sim(office_spec(extra_extensions)) {
   start("{\"host\":\"127.0.0.1\",\"port\":" + std::to_string(sim.port()) + "}");
   REQUIRE(pbx != nullptr);
}

// The plugin stops before its simulator goes.
Rig::~Rig() { stop(); }

}  // namespace simtest
