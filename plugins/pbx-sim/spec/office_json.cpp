// SPDX-License-Identifier: GPL-3.0-or-later
// The plugin's inline `office` settings block into the spec tree. JSON values carry no
// positions, so errors name the settings key path.
#include "spec/office_reader.h"

namespace portier::pbxsim {
namespace {

bool convert(const json::Value &in, SpecNode &out, int depth, std::size_t &nodes) {
   if (++nodes > kMaxSpecNodes || depth > kMaxSpecDepth) return false;
   switch (in.kind) {
   case json::Kind::null: out.kind = SpecNode::Kind::null; return true;
   case json::Kind::boolean:
      out.kind = SpecNode::Kind::scalar;
      out.text = in.boolean ? "true" : "false";
      return true;
   case json::Kind::number:
   case json::Kind::string:
      out.kind = SpecNode::Kind::scalar;
      out.text = in.text;
      return true;
   case json::Kind::array:
   case json::Kind::object:
      out.kind = in.kind == json::Kind::array ? SpecNode::Kind::list : SpecNode::Kind::map;
      out.keys = in.keys;
      out.items.resize(in.items.size());
      for (std::size_t i = 0; i < in.items.size(); ++i) {
         if (!convert(in.items[i], out.items[i], depth + 1, nodes)) return false;
      }
      return true;
   }
   return true;
}

}  // namespace

SpecResult read_office_json(const json::Value &office, std::string_view key_path) {
   SpecNode root;
   std::size_t nodes = 0;
   if (!convert(office, root, 1, nodes)) return {std::nullopt, std::string(key_path) + ": too large or too deep"};
   return read_office_tree(root, key_path);
}

}  // namespace portier::pbxsim
