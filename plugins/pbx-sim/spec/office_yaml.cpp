// SPDX-License-Identifier: GPL-3.0-or-later
// YAML office files into the spec tree, keeping each node's line and column.
#include <cstdio>

#include <yaml-cpp/yaml.h>

#include "spec/office_reader.h"

namespace portier::pbxsim {
namespace {

struct Converter {
   std::string_view file;
   std::size_t nodes = 0;
   std::string error;

   void fail(const YAML::Mark &mark, const std::string &what) {
      if (error.empty()) error = std::string(file) + ":" + std::to_string(mark.line + 1) + ":" +
                                 std::to_string(mark.column + 1) + ": " + what;
   }

   bool convert(const YAML::Node &in, SpecNode &out, int depth) {
      const YAML::Mark mark = in.Mark();
      out.line = mark.line + 1;
      out.column = mark.column + 1;
      if (++nodes > kMaxSpecNodes) {
         fail(mark, "more than " + std::to_string(kMaxSpecNodes) + " values");
         return false;
      }
      if (depth > kMaxSpecDepth) {
         fail(mark, "nested deeper than " + std::to_string(kMaxSpecDepth) + " levels");
         return false;
      }
      switch (in.Type()) {
      case YAML::NodeType::Null:
      case YAML::NodeType::Undefined:
         out.kind = SpecNode::Kind::null;
         return true;
      case YAML::NodeType::Scalar:
         out.kind = SpecNode::Kind::scalar;
         out.text = in.Scalar();
         return true;
      case YAML::NodeType::Sequence:
         out.kind = SpecNode::Kind::list;
         for (const auto &item : in) {
            out.items.emplace_back();
            if (!convert(item, out.items.back(), depth + 1)) return false;
         }
         return true;
      case YAML::NodeType::Map:
         out.kind = SpecNode::Kind::map;
         for (const auto &member : in) {
            if (!member.first.IsScalar()) {
               fail(member.first.Mark(), "a key must be a plain word");
               return false;
            }
            const std::string key = member.first.Scalar();
            for (std::size_t i = 0; i < out.keys.size(); ++i) {
               if (out.keys[i] == key) {
                  fail(member.first.Mark(), "duplicate key '" + key + "' (first at line " +
                                                std::to_string(out.items[i].line) + ")");
                  return false;
               }
            }
            out.keys.push_back(key);
            out.key_at.emplace_back(member.first.Mark().line + 1, member.first.Mark().column + 1);
            out.items.emplace_back();
            if (!convert(member.second, out.items.back(), depth + 1)) return false;
            // A null value has no useful mark of its own: point at its key.
            if (out.items.back().kind == SpecNode::Kind::null) {
               out.items.back().line = member.first.Mark().line + 1;
               out.items.back().column = member.first.Mark().column + 1;
            }
         }
         return true;
      }
      return true;
   }
};

}  // namespace

SpecResult read_office_yaml(std::string_view text, std::string_view file_name) {
   if (text.size() > kMaxSpecBytes)
      return {std::nullopt, std::string(file_name) + ": larger than " + std::to_string(kMaxSpecBytes) + " bytes"};
   SpecNode root;
   try {
      const YAML::Node doc = YAML::Load(std::string(text));
      Converter converter{file_name, 0, {}};
      if (!converter.convert(doc, root, 1)) return {std::nullopt, converter.error};
   } catch (const YAML::Exception &e) {
      return {std::nullopt, std::string(file_name) + ":" + std::to_string(e.mark.line + 1) + ":" +
                                std::to_string(e.mark.column + 1) + ": " + e.msg};
   }
   if (root.kind == SpecNode::Kind::null) {
      root.line = 1;
      root.column = 1;
   }
   return read_office_tree(root, file_name);
}

SpecResult read_office_file(const std::string &path) {
   // stdio rather than fstream: no iostream static initialiser in the plugin.
   std::FILE *in = std::fopen(path.c_str(), "rb");
   if (in == nullptr) return {std::nullopt, path + ": cannot be read"};
   std::string text(kMaxSpecBytes + 1, '\0');
   text.resize(std::fread(text.data(), 1, text.size(), in));
   const bool failed = std::ferror(in) != 0;
   std::fclose(in);
   if (failed) return {std::nullopt, path + ": cannot be read"};
   return read_office_yaml(text, path);
}

}  // namespace portier::pbxsim
