// SPDX-License-Identifier: GPL-3.0-or-later
#include "kernel/device_match.h"

#include "numbers/extension_of.h"
#include "numbers/to_e164.h"

namespace portier::kernel {
namespace {

constexpr std::size_t kMinSuffixDigits = 3;  // shorter extensions end too many numbers

bool is_digits(std::string_view text) {
   return !text.empty() && text.find_first_not_of("0123456789") == std::string_view::npos;
}

// The one E.164 device ending in `extension`; a second one makes it ambiguous, so none.
std::optional<std::string> unique_suffix(const std::vector<Lamp> &lamps, std::string_view plugin,
                                         std::string_view extension, const numbers::NumberPlan *plan) {
   if (!is_digits(extension) || extension.size() < kMinSuffixDigits) return std::nullopt;
   std::string prefix = "+";
   if (plan != nullptr) prefix += plan->country_code + plan->area_code;
   std::optional<std::string> found;
   for (const Lamp &lamp : lamps) {
      if (lamp.plugin != plugin || !lamp.device.starts_with(prefix) || !lamp.device.ends_with(extension) ||
          lamp.device.size() < prefix.size() + extension.size())
         continue;
      if (found) return std::nullopt;
      found = lamp.device;
   }
   return found;
}

}  // namespace

std::optional<std::string> device_of_contact(const DeviceBoard &board, std::string_view plugin,
                                             std::string_view extension, const std::vector<std::string> &numbers,
                                             const numbers::NumberPlan *plan) {
   if (!extension.empty() && board.find(plugin, extension) != nullptr) return std::string(extension);
   const std::vector<Lamp> lamps = extension.empty() ? std::vector<Lamp>() : board.lamps();
   if (plan != nullptr && !extension.empty()) {
      if (extension.front() != '+') {
         if (const auto e164 = numbers::to_e164(*plan, extension, numbers::Form::dial)) {
            if (board.find(plugin, *e164) != nullptr) return *e164;
         }
      }
      // The other way round: an E.164 contact against digit devices, or digits against E.164
      // devices the plan writes differently (a VNR node, a second trunk).
      const auto wanted = extension.front() == '+' ? numbers::extension_of(*plan, extension)
                                                   : std::optional<std::string>(extension);
      for (const Lamp &lamp : lamps) {
         if (!wanted || lamp.plugin != plugin) continue;
         if (lamp.device == *wanted) return lamp.device;
         if (lamp.device.starts_with('+') && numbers::extension_of(*plan, lamp.device) == wanted) return lamp.device;
      }
   }
   for (const std::string &number : numbers) {
      if (!number.empty() && board.find(plugin, number) != nullptr) return number;
   }
   return unique_suffix(lamps, plugin, extension, plan);
}

}  // namespace portier::kernel
