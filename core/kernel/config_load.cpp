// SPDX-License-Identifier: GPL-3.0-or-later
// Reads the administrator's file: bounded read, YAML parse, then one reader per section.
#include <algorithm>
#include <array>
#include <optional>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <system_error>

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include "kernel/config_sections.h"

namespace portier::kernel {

namespace {

// The manual's order, which is also the order "expected one of" lists them in.
constexpr std::array<std::string_view, 16> kSections = {
    "system",  "store",         "sites",    "pbx",       "trunk",
    "tenants", "accounts",      "ddi",      "variants",  "announcements", "number_ranges",
    "presence", "calendars",    "directory", "plugins",  "redundancy"};

// Sections this version has no settings for yet.
constexpr std::array<std::string_view, 4> kReserved = {"pbx", "trunk", "calendars", "redundancy"};

bool is_reserved(std::string_view key) {
   return std::find(kReserved.begin(), kReserved.end(), key) != kReserved.end();
}

void read_sections(const YAML::Node &root, Config &config, Findings &findings) {
   if (!root.IsNull() && !root.IsMap()) {
      findings.add(root.Mark(), "the top level must be a mapping of sections, got " + describe(root));
      return;
   }
   std::vector<YamlEntry> sections;
   if (root.IsMap()) sections = read_mapping(root, kSections, findings);
   read_system(find_entry(sections, "system"), config, findings);
   read_store(find_entry(sections, "store"), config, findings);
   read_engine_sections(sections, config, findings);
   for (const YamlEntry &section : sections) {
      if (is_reserved(section.key)) read_reserved(section, findings);
   }
   read_plugins(find_entry(sections, "plugins"), config, findings);
   read_directory(find_entry(sections, "directory"), config, findings);
   read_presence(find_entry(sections, "presence"), config, findings);
}

std::filesystem::path absolute_or_current(const std::filesystem::path &path) {
   std::error_code ec;
   std::filesystem::path result =
       path.empty() ? std::filesystem::current_path(ec) : std::filesystem::absolute(path, ec);
   return ec ? path : result.lexically_normal();
}

// Counts document starts without building nodes. yaml-cpp 0.7's LoadAll never returns on some
// inputs (a lone ","): its parser keeps reporting a document without consuming anything. So the
// parser is asked for two documents at most, and a second one at the first one's position is
// that stuck state, not a real document.
struct DocumentStarts : YAML::EventHandler {
   std::vector<YAML::Mark> marks;
   void OnDocumentStart(const YAML::Mark &mark) override { marks.push_back(mark); }
   void OnDocumentEnd() override {}
   void OnNull(const YAML::Mark &, YAML::anchor_t) override {}
   void OnAlias(const YAML::Mark &, YAML::anchor_t) override {}
   void OnScalar(const YAML::Mark &, const std::string &, YAML::anchor_t, const std::string &) override {}
   void OnSequenceStart(const YAML::Mark &, const std::string &, YAML::anchor_t,
                        YAML::EmitterStyle::value) override {}
   void OnSequenceEnd() override {}
   void OnMapStart(const YAML::Mark &, const std::string &, YAML::anchor_t, YAML::EmitterStyle::value) override {}
   void OnMapEnd() override {}
};

struct SecondDocument {
   YAML::Mark mark;
   bool stuck = false;
};

std::optional<SecondDocument> second_document(const std::string &text) {
   std::istringstream in(text);
   YAML::Parser parser(in);
   DocumentStarts starts;
   for (int i = 0; i < 2 && parser.HandleNextDocument(starts); ++i) {
   }
   if (starts.marks.size() < 2) return std::nullopt;
   const YAML::Mark &first = starts.marks[0];
   const YAML::Mark &second = starts.marks[1];
   return SecondDocument{second, second.pos == first.pos};
}

}  // namespace

ConfigResult load_config_text(std::string_view text, std::string_view display_name,
                              const std::filesystem::path &base_dir) {
   Findings findings{std::string(display_name), {}};
   ConfigResult result;
   if (text.size() > kMaxConfigBytes) {
      findings.add(Position{findings.file, 0, 0},
                   "the file is larger than " + std::to_string(kMaxConfigBytes) + " bytes");
      result.errors = std::move(findings.errors);
      return result;
   }
   Config config;
   config.base_dir = absolute_or_current(base_dir);
   try {
      const std::string owned(text);
      if (const auto second = second_document(owned)) {
         findings.add(second->mark, second->stuck ? "the YAML cannot be read from here on"
                                                  : "the file must hold one YAML document; a second one starts here");
      } else {
         read_sections(YAML::Load(owned), config, findings);
      }
   } catch (const YAML::ParserException &e) {
      findings.add(e.mark, e.msg);
   } catch (const YAML::Exception &e) {
      findings.add(e.mark, e.msg);
   } catch (const std::exception &e) {  // bad_alloc on a hostile file: report, never crash
      findings.add(Position{findings.file, 0, 0}, std::string("cannot read the YAML: ") + e.what());
   }
   finish(findings.errors);
   result.errors = std::move(findings.errors);
   if (result.errors.empty()) result.config = std::move(config);
   return result;
}

ConfigResult load_config_file(const std::filesystem::path &file) {
   const std::string display = file.string();
   const auto fail = [&](std::string message) {
      ConfigResult result;
      result.errors.push_back(ConfigError{Position{display, 0, 0}, std::move(message)});
      return result;
   };
   const std::filesystem::path absolute = absolute_or_current(file);
   std::error_code ec;
   const auto status = std::filesystem::status(absolute, ec);
   if (ec) return fail("cannot read the file: " + ec.message());
   if (!std::filesystem::is_regular_file(status)) return fail("cannot read the file: not a regular file");
   const std::uintmax_t size = std::filesystem::file_size(absolute, ec);
   if (ec) return fail("cannot read the file: " + ec.message());
   if (size > kMaxConfigBytes)
      return fail("the file is larger than " + std::to_string(kMaxConfigBytes) + " bytes");
   std::ifstream in(absolute, std::ios::binary);
   if (!in) return fail(std::string("cannot read the file: ") + std::strerror(errno));
   std::ostringstream content;
   content << in.rdbuf();
   if (in.bad()) return fail("cannot read the file: read error");

   ConfigResult result = load_config_text(content.str(), display, absolute.parent_path());
   if (result.config) result.config->file = absolute;
   return result;
}

}  // namespace portier::kernel
