// SPDX-License-Identifier: GPL-3.0-or-later
// argon2id hashes for tests only: crypto_pwhash_str with opslimit 1 and memlimit 8 MiB, cheap.
#pragma once

#include <cstdint>
#include <string>

namespace portier::kernel::test {

inline const std::string kAnnaHash =  // password "secret-anna"
    "$argon2id$v=19$m=8192,t=1,p=1$Muvwe8jJD27BZlUpRFfYuA$0P2eAc7EDNLU5sRCc4Xt+8GD8qQu1DC1f8b0gWfqB74";
inline const std::string kBobHash =  // password "secret-bob"
    "$argon2id$v=19$m=8192,t=1,p=1$iGsGCaaYum9kRJPmOCzbpQ$EaCSUTQCG53cHcBdfJvUUbrhY55T2DOpGmmnr90qioM";
inline constexpr std::int64_t kOneSecondUs = 1'000'000;

}  // namespace portier::kernel::test
