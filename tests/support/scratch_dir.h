// SPDX-License-Identifier: GPL-3.0-or-later
// One scratch folder per test process (/tmp/portier-test-XXXXXX), made on first use and removed
// with everything in it when the process exits, so tests leave nothing behind in /tmp. Set
// PORTIER_KEEP_TEST_FILES=1 to keep it for a post-mortem; its path is then printed at exit.
#pragma once

#include <string>
#include <string_view>

namespace portier::test {

// The folder itself; throws std::runtime_error when it cannot be made.
const std::string &scratch_dir();

// `name` inside the folder (not created).
std::string scratch_path(std::string_view name);

}  // namespace portier::test
