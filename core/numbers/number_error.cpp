// SPDX-License-Identifier: GPL-3.0-or-later
#include "numbers/number_error.h"

namespace portier::numbers {

std::string describe(const NumberError &error) {
   return "at character " + std::to_string(error.position + 1) + ": " + error.what;
}

}  // namespace portier::numbers
