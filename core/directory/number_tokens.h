// SPDX-License-Identifier: GPL-3.0-or-later
// The number index: which tokens a contact's digits make, and how a digit fragment is asked for.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

namespace portier::directory {

inline constexpr std::size_t kMinNumberFragment = 3;  // digits a number search needs

// Number tokens are the 4-digit windows starting at every digit of a number, and its last 3
// digits: a fragment of 3 digits is a prefix of a token (the index's 3-digit prefix index), one
// of 4 is a token, a longer one is all of its 4-digit windows, and the rows found are checked
// against the contact's digits (number_needs_check). Four digits make at most 11,000 terms
// however large the book: each is written often while it is in the CPU's cache, where 6-digit
// windows (a million terms) made the index a random walk through memory and a third of a
// million-contact import.
inline constexpr std::size_t kNumberWindow = 4;

// The index's tokens for SearchText::digits (numbers separated by spaces), each once:
// number_tokens("4989123") -> "4989 9891 8912 9123 123".
std::string number_tokens(std::string_view digits);

// About how many rows hold a window; one held by kCommonWindowRows or more is common (a country
// and area code is held by nearly every number of a site).
inline constexpr std::size_t kCommonWindowRows = 32768;
using WindowRows = std::function<std::size_t(std::string_view window)>;

// At most this many windows of a longer fragment are asked for: the rarest ones.
inline constexpr std::size_t kPlannedWindows = 2;

// The FTS5 expression for a fragment of kMinNumberFragment digits or more (only digits). Without
// `rows_of`, a longer fragment is the AND of all its windows. With it, only its rarest windows
// (at most kPlannedWindows, and a common one only when every window is common): FTS5 walks the
// whole doclist of a window ANDed with a rare one, and "4989" of a Munich book is a million rows
// (a 7-digit fragment over it took 10 ms). Rows are checked against the fragment either way.
std::string number_expression(std::string_view fragment, const WindowRows &rows_of = {});

// Whether rows number_expression(fragment) finds can hold every window of `fragment` without
// holding the fragment itself ("12345" and "23456" hold the windows of "123456"), so each must be
// checked: true for fragments longer than one window.
bool number_needs_check(std::string_view fragment);

}  // namespace portier::directory
