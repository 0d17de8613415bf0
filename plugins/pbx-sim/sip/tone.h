// SPDX-License-Identifier: GPL-3.0-or-later
// What a simulated party says: one second of a quiet 425 Hz tone, looped by the player, so a
// listener hears that media flows (and a test can tell it from silence).
#pragma once

#include "clip.h"

namespace portier::pbxsim {

media::Clip make_tone();

}  // namespace portier::pbxsim
