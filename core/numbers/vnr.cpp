// SPDX-License-Identifier: GPL-3.0-or-later
#include "numbers/vnr.h"

#include "numbers/e164.h"
#include "numbers/number_text.h"

namespace portier::numbers {

namespace {

// Nodes without one (the node of incoming trunks shared by several nodes) convert nothing.
bool has_e164_prefix(const VnrNode &node) {
   return !node.code.empty() && node.e164_prefix.size() >= 2 && node.e164_prefix[0] == '+';
}

}  // namespace

const VnrNode *vnr_node_of(std::span<const VnrNode> nodes, std::string_view digits) {
   const VnrNode *best = nullptr;
   for (const VnrNode &node : nodes) {
      if (!has_e164_prefix(node)) continue;
      if (digits.size() <= node.code.size() || !digits.starts_with(node.code)) continue;
      if (!best || node.code.size() > best->code.size()) best = &node;
   }
   return best;
}

NumberResult<std::string> vnr_to_e164(std::span<const VnrNode> nodes, std::string_view pbx_number) {
   auto read = read_number_text(pbx_number);
   if (!read) return read.error();
   if (read->plus) return NumberError{"a VNR number has no '+'", pbx_number.find('+')};
   const VnrNode *node = vnr_node_of(nodes, read->digits);
   if (!node) return NumberError{"'" + read->digits + "' starts with no VNR node code", 0};
   std::string e164 = node->e164_prefix + read->digits.substr(node->code.size());
   if (!is_e164(e164)) {
      const std::size_t extra = kMaxE164Digits + 1 - node->e164_prefix.size() + node->code.size();
      return NumberError{"'" + e164 + "' is not an E.164 number (at most " + std::to_string(kMaxE164Digits) +
                             " digits)",
                         extra < read->positions.size() ? read->positions[extra] : read->end};
   }
   return e164;
}

NumberResult<std::string> vnr_from_e164(std::span<const VnrNode> nodes, std::string_view e164) {
   if (!is_e164(e164)) return NumberError{"'" + std::string(e164) + "' is not an E.164 number", 0};
   const VnrNode *best = nullptr;
   for (const VnrNode &node : nodes) {
      if (!has_e164_prefix(node)) continue;
      if (e164.size() <= node.e164_prefix.size() || !e164.starts_with(node.e164_prefix)) continue;
      if (!best || node.e164_prefix.size() > best->e164_prefix.size()) best = &node;
   }
   if (!best) return NumberError{"'" + std::string(e164) + "' belongs to no VNR node", 0};
   return best->code + std::string(e164.substr(best->e164_prefix.size()));
}

}  // namespace portier::numbers
