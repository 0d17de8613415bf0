// SPDX-License-Identifier: GPL-3.0-or-later
// Suggests the valid word an administrator probably meant.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace portier::kernel {

// Damerau-Levenshtein distance (optimal string alignment): insertions, deletions, substitutions
// and swaps of two neighbours each cost 1. Words longer than kMaxEditWord compare as far apart.
inline constexpr std::size_t kMaxEditWord = 128;
std::size_t edit_distance(std::string_view a, std::string_view b);

// The closest candidate within max(1, len(candidate) / 3) edits; the earlier one on a tie.
std::optional<std::string_view> closest_word(std::string_view word,
                                             std::span<const std::string_view> candidates);

// "unknown key 'X' (did you mean 'Y'?)" or "unknown key 'X' (expected one of: a, b, c)".
std::string unknown_key_message(std::string_view key, std::span<const std::string_view> expected);

}  // namespace portier::kernel
