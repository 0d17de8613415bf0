// SPDX-License-Identifier: GPL-3.0-or-later
// The one reader of an office spec tree: keys, types and ranges, then duplicates with the
// position of their first use, then check_spec() as the model's own last word.
#include "spec/office_reader.h"

#include <portier/did_you_mean.hpp>

#include <charconv>
#include <cstdint>
#include <map>
#include <string>
#include <tuple>
#include <vector>

namespace portier::pbxsim {
namespace {

constexpr std::size_t kMaxExtensions = 20000;
constexpr std::size_t kMaxExternals = 10000;
constexpr std::size_t kMaxNumberChars = 32;
constexpr std::size_t kMaxNameChars = 128;

// The first problem wins: reading stops there and the spec is thrown away.
struct Reader {
   std::string_view origin;
   std::string error;

   bool failed() const { return !error.empty(); }

   // "FILE:LINE:COL: path: what" for positioned nodes, "origin.path: what" for JSON.
   void fail(const SpecNode &at, std::string_view path, std::string_view what) {
      if (failed()) return;
      if (at.line > 0) {
         error = std::string(origin) + ":" + std::to_string(at.line) + ":" + std::to_string(at.column) + ": ";
         if (!path.empty()) error.append(path).append(": ");
      } else {
         error = std::string(origin);
         if (!path.empty()) error.append(origin.empty() ? "" : ".").append(path);
         error.append(": ");
      }
      error.append(what);
   }

   static std::string join(std::string_view path, std::string_view key) {
      return path.empty() ? std::string(key) : std::string(path) + "." + std::string(key);
   }

   bool expect_keys(const SpecNode &map, std::string_view path, std::initializer_list<std::string_view> allowed) {
      for (std::size_t i = 0; i < map.keys.size(); ++i) {
         bool known = false;
         for (auto k : allowed) known = known || map.keys[i] == k;
         if (known) continue;
         const std::vector<std::string> expected(allowed.begin(), allowed.end());
         SpecNode at;  // the key itself when its position is known
         if (i < map.key_at.size()) std::tie(at.line, at.column) = map.key_at[i];
         fail(at, path, unknown_key_text(map.keys[i], expected));
         return false;
      }
      return true;
   }

   static const SpecNode *find(const SpecNode &map, std::string_view key) {
      for (std::size_t i = 0; i < map.keys.size(); ++i) {
         if (map.keys[i] == key && map.items[i].kind != SpecNode::Kind::null) return &map.items[i];
      }
      return nullptr;
   }

   std::optional<std::uint32_t> integer(const SpecNode &node, std::string_view path, std::uint32_t min,
                                        std::uint32_t max) {
      const std::string range = std::to_string(min) + ".." + std::to_string(max);
      if (node.kind != SpecNode::Kind::scalar) {
         fail(node, path, "expected an integer " + range);
         return std::nullopt;
      }
      std::uint64_t n = 0;
      const char *first = node.text.data();
      const char *last = first + node.text.size();
      const auto [end, ec] = std::from_chars(first, last, n);
      if (node.text.empty() || ec != std::errc() || end != last || n < min || n > max) {
         fail(node, path, "expected an integer " + range + ", got '" + node.text + "'");
         return std::nullopt;
      }
      return static_cast<std::uint32_t>(n);
   }

   std::optional<bool> boolean(const SpecNode &node, std::string_view path) {
      if (node.kind == SpecNode::Kind::scalar && (node.text == "true" || node.text == "false"))
         return node.text == "true";
      fail(node, path, "expected true or false, got '" + node.text + "'");
      return std::nullopt;
   }

   // An E.164 number with '+' or a plain digit string (an extension or dialled number).
   std::optional<std::string> number(const SpecNode &node, std::string_view path) {
      const std::string &t = node.text;
      bool good = node.kind == SpecNode::Kind::scalar && !t.empty() && t.size() <= kMaxNumberChars;
      for (std::size_t i = 0; good && i < t.size(); ++i) {
         good = (t[i] >= '0' && t[i] <= '9') || (i == 0 && t[i] == '+' && t.size() > 1);
      }
      if (!good) {
         fail(node, path, "expected a phone number ('+' and up to " + std::to_string(kMaxNumberChars) +
                              " digits), got '" + t + "'");
         return std::nullopt;
      }
      return t;
   }

   std::optional<std::string> text(const SpecNode &node, std::string_view path, std::size_t max) {
      if (node.kind != SpecNode::Kind::scalar || node.text.size() > max) {
         fail(node, path, "expected a text of at most " + std::to_string(max) + " bytes");
         return std::nullopt;
      }
      return node.text;
   }

   void extension(const SpecNode &node, const std::string &path, ExtensionSpec &out) {
      if (node.kind != SpecNode::Kind::map) {
         fail(node, path, "expected a mapping with number, name, kind, ...");
         return;
      }
      if (!expect_keys(node, path, {"number", "name", "kind", "answer_after_ms", "busy", "hang_up_after_ms",
                                    "in_service"}))
         return;
      const SpecNode *n = find(node, "number");
      if (n == nullptr) {
         fail(node, path, "an extension needs 'number'");
         return;
      }
      if (auto v = number(*n, join(path, "number"))) out.number = *v;
      if (const SpecNode *v = find(node, "name")) {
         if (auto t = text(*v, join(path, "name"), kMaxNameChars)) out.display_name = *t;
      }
      if (const SpecNode *v = find(node, "kind")) {
         if (v->text == "attendant") {
            out.kind = ExtensionKind::attendant;
         } else if (v->text == "office_user") {
            out.kind = ExtensionKind::office_user;
         } else {
            fail(*v, join(path, "kind"), "expected attendant or office_user, got '" + v->text + "'");
         }
      }
      if (const SpecNode *v = find(node, "answer_after_ms"))
         out.rules.answer_after_ms = integer(*v, join(path, "answer_after_ms"), 0, 3600000);
      if (const SpecNode *v = find(node, "hang_up_after_ms"))
         out.rules.hang_up_after_ms = integer(*v, join(path, "hang_up_after_ms"), 0, 86400000);
      if (const SpecNode *v = find(node, "busy")) out.rules.busy = boolean(*v, join(path, "busy")).value_or(false);
      if (const SpecNode *v = find(node, "in_service"))
         out.in_service = boolean(*v, join(path, "in_service")).value_or(true);
   }

   // Reports a number used twice at its second use, naming the first.
   void unique(std::map<std::string, const SpecNode *> &seen, const std::string &number, const SpecNode &at,
               const std::string &path) {
      auto [it, fresh] = seen.emplace(number, &at);
      if (fresh) return;
      std::string first = it->second->line > 0 ? " (first at line " + std::to_string(it->second->line) + ")" : "";
      fail(at, path, "number " + number + " is listed twice" + first);
   }

   OfficeSpec office(const SpecNode &root) {
      OfficeSpec spec;
      if (root.kind != SpecNode::Kind::map) {
         fail(root, "", "an office must be a mapping with extensions, outside_numbers, ...");
         return spec;
      }
      if (!expect_keys(root, "", {"extensions", "outside_numbers", "no_answer_ms", "max_forward_hops"})) return spec;
      std::map<std::string, const SpecNode *> seen;
      const SpecNode *extensions = find(root, "extensions");
      if (extensions == nullptr || extensions->kind != SpecNode::Kind::list || extensions->items.empty()) {
         fail(extensions != nullptr ? *extensions : root, "extensions", "expected a list of at least one extension");
         return spec;
      }
      if (extensions->items.size() > kMaxExtensions) {
         fail(*extensions, "extensions", "at most " + std::to_string(kMaxExtensions) + " extensions");
         return spec;
      }
      for (std::size_t i = 0; i < extensions->items.size() && !failed(); ++i) {
         const std::string path = "extensions[" + std::to_string(i) + "]";
         ExtensionSpec ext;
         extension(extensions->items[i], path, ext);
         if (!failed()) unique(seen, ext.number, *find(extensions->items[i], "number"), path + ".number");
         spec.extensions.push_back(std::move(ext));
      }
      if (const SpecNode *outside = find(root, "outside_numbers"); outside != nullptr && !failed()) {
         if (outside->kind != SpecNode::Kind::list || outside->items.size() > kMaxExternals) {
            fail(*outside, "outside_numbers", "expected a list of at most " + std::to_string(kMaxExternals) + " numbers");
            return spec;
         }
         for (std::size_t i = 0; i < outside->items.size() && !failed(); ++i) {
            const std::string path = "outside_numbers[" + std::to_string(i) + "]";
            if (auto v = number(outside->items[i], path)) {
               unique(seen, *v, outside->items[i], path);
               spec.external_numbers.push_back(*v);
            }
         }
      }
      if (const SpecNode *v = find(root, "no_answer_ms"))
         spec.no_answer_ms = integer(*v, "no_answer_ms", 100, 3600000).value_or(spec.no_answer_ms);
      if (const SpecNode *v = find(root, "max_forward_hops"))
         spec.max_forward_hops = integer(*v, "max_forward_hops", 1, 20).value_or(spec.max_forward_hops);
      return spec;
   }
};

}  // namespace

SpecResult read_office_tree(const SpecNode &root, std::string_view origin) {
   Reader reader{origin, {}};
   OfficeSpec spec = reader.office(root);
   if (reader.failed()) return {std::nullopt, reader.error};
   if (auto problem = check_spec(spec)) return {std::nullopt, std::string(origin) + ": " + *problem};
   return {std::move(spec), {}};
}

}  // namespace portier::pbxsim
