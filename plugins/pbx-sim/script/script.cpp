// SPDX-License-Identifier: GPL-3.0-or-later
#include "script/script.h"

#include <charconv>
#include <cstdio>

#if __has_include("server/faults.h")
#include "server/faults.h"
#define PORTIER_PBXSIM_HAS_FAULTS 1
#endif

namespace portier::pbxsim {
namespace {

std::vector<std::string_view> words_of(std::string_view line) {
   std::vector<std::string_view> words;
   std::size_t i = 0;
   while (i < line.size()) {
      while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
      const std::size_t start = i;
      while (i < line.size() && line[i] != ' ' && line[i] != '\t') ++i;
      if (i > start) words.push_back(line.substr(start, i - start));
   }
   return words;
}

bool is_number(std::string_view word) {
   if (word.empty() || word.size() > 32) return false;
   for (std::size_t i = 0; i < word.size(); ++i) {
      const char c = word[i];
      if (!((c >= '0' && c <= '9') || (i == 0 && c == '+' && word.size() > 1))) return false;
   }
   return true;
}

// Parses one non-empty line; returns the error text or "".
std::string parse_line(std::string_view line, Step &step) {
   const auto words = words_of(line);
   const std::string_view verb = words[0];
   const std::size_t args = words.size() - 1;
   auto usage = [](std::string_view form) { return "expected '" + std::string(form) + "'"; };
   auto number_at = [&](std::size_t i, std::string &out) -> std::string {
      if (!is_number(words[i])) return "'" + std::string(words[i]) + "' is not a phone number";
      out = words[i];
      return {};
   };

   if (verb == "wait") {
      step.kind = StepKind::wait;
      if (args != 1) return usage("wait <ms>");
      std::uint64_t ms = 0;
      const auto [end, ec] = std::from_chars(words[1].data(), words[1].data() + words[1].size(), ms);
      if (ec != std::errc() || end != words[1].data() + words[1].size() || ms > kMaxWaitMs)
         return "wait needs milliseconds 0.." + std::to_string(kMaxWaitMs) + ", got '" + std::string(words[1]) + "'";
      step.ms = static_cast<std::uint32_t>(ms);
      return {};
   }
   if (verb == "call") {
      step.kind = StepKind::call;
      if (args < 2) return usage("call <from> <to>");
      if (args > 4) return usage("call <from> <to> [hold_after_ms [hangup_after_ms]]");
      if (auto e = number_at(1, step.party); !e.empty()) return e;
      if (auto e = number_at(2, step.target); !e.empty()) return e;
      for (std::size_t i = 3; i <= args; ++i) {
         auto &slot = i == 3 ? step.hold_after_ms : step.hang_up_after_ms;
         if (words[i] == "-") continue;
         std::uint64_t ms = 0;
         const auto [end, ec] = std::from_chars(words[i].data(), words[i].data() + words[i].size(), ms);
         if (ec != std::errc() || end != words[i].data() + words[i].size() || ms > kMaxWaitMs)
            return "call needs milliseconds 0.." + std::to_string(kMaxWaitMs) + " or -, got '" + std::string(words[i]) + "'";
         slot = static_cast<std::uint32_t>(ms);
      }
      return {};
   }
   struct OneParty {
      std::string_view verb;
      StepKind kind;
   };
   for (const OneParty &p : {OneParty{"answer", StepKind::answer}, OneParty{"hangup", StepKind::hangup},
                             OneParty{"hold", StepKind::hold}, OneParty{"retrieve", StepKind::retrieve}}) {
      if (verb != p.verb) continue;
      step.kind = p.kind;
      if (args != 1) return usage(std::string(p.verb) + " <party>");
      return number_at(1, step.party);
   }
   if (verb == "forward") {
      step.kind = StepKind::forward;
      if (args != 3) return usage("forward <ext> cfu|cfb|cfnr <to>|off");
      if (auto e = number_at(1, step.party); !e.empty()) return e;
      if (words[2] == "cfu") step.forward = ForwardType::unconditional;
      else if (words[2] == "cfb") step.forward = ForwardType::busy;
      else if (words[2] == "cfnr") step.forward = ForwardType::no_answer;
      else return "unknown forwarding type '" + std::string(words[2]) + "' (expected cfu, cfb or cfnr)";
      step.on = words[3] != "off";
      return step.on ? number_at(3, step.target) : std::string();
   }
   if (verb == "dnd" || verb == "service") {
      const bool dnd = verb == "dnd";
      step.kind = dnd ? StepKind::dnd : StepKind::service;
      const std::string_view yes = dnd ? "on" : "in", no = dnd ? "off" : "out";
      const std::string form = std::string(verb) + " <ext> " + std::string(yes) + "|" + std::string(no);
      if (args != 2) return usage(form);
      if (auto e = number_at(1, step.party); !e.empty()) return e;
      if (words[2] != yes && words[2] != no) return usage(form);
      step.on = words[2] == yes;
      return {};
   }
   if (verb == "drop-links") {
      step.kind = StepKind::drop_links;
      return args == 0 ? std::string() : usage("drop-links");
   }
   if (verb == "fault") {
      step.kind = StepKind::fault;
      if (args == 0) return usage("fault <fault line>");
      std::string_view rest = line.substr(line.find(verb) + verb.size());
      while (!rest.empty() && (rest.front() == ' ' || rest.front() == '\t')) rest.remove_prefix(1);
      while (!rest.empty() && (rest.back() == ' ' || rest.back() == '\t')) rest.remove_suffix(1);
      step.fault = std::string(rest);
#ifdef PORTIER_PBXSIM_HAS_FAULTS
      std::string error;
      if (!parse_fault(step.fault, error)) return "bad fault: " + error;
#endif
      return {};
   }
   return "unknown step '" + std::string(verb) +
          "' (expected wait, call, answer, hangup, hold, retrieve, forward, dnd, service, drop-links, fault)";
}

}  // namespace

ScriptResult parse_script(std::string_view text, std::string_view file_name) {
   ScriptResult result;
   if (text.size() > kMaxScriptBytes) {
      result.error = std::string(file_name) + ": larger than " + std::to_string(kMaxScriptBytes) + " bytes";
      return result;
   }
   int number = 0;
   std::size_t pos = 0;
   while (pos < text.size()) {
      std::size_t end = text.find('\n', pos);
      if (end == std::string_view::npos) end = text.size();
      std::string_view line = text.substr(pos, end - pos);
      pos = end + 1;
      ++number;
      auto fail = [&](const std::string &what) {
         result.steps.clear();
         result.error = std::string(file_name) + ":" + std::to_string(number) + ": " + what;
      };
      if (line.size() > kMaxScriptLine) {
         fail("line longer than " + std::to_string(kMaxScriptLine) + " bytes");
         return result;
      }
      if (const auto hash = line.find('#'); hash != std::string_view::npos) line = line.substr(0, hash);
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      if (words_of(line).empty()) continue;
      Step step;
      step.line = number;
      if (std::string error = parse_line(line, step); !error.empty()) {
         fail(error);
         return result;
      }
      result.steps.push_back(std::move(step));
   }
   return result;
}

ScriptResult read_script_file(const std::string &path) {
   // stdio rather than fstream: no iostream static initialiser in the plugin.
   std::FILE *in = std::fopen(path.c_str(), "rb");
   if (in == nullptr) return {{}, path + ": cannot be read"};
   std::string text(kMaxScriptBytes + 1, '\0');
   text.resize(std::fread(text.data(), 1, text.size(), in));
   const bool failed = std::ferror(in) != 0;
   std::fclose(in);
   if (failed) return {{}, path + ": cannot be read"};
   return parse_script(text, path);
}

std::string describe(const Step &step) {
   static constexpr const char *kForward[] = {"", "cfu", "cfb", "cfnr"};
   switch (step.kind) {
   case StepKind::wait: return "wait " + std::to_string(step.ms);
   case StepKind::call: {
      std::string text = "call " + step.party + " " + step.target;
      if (step.hold_after_ms || step.hang_up_after_ms)
         text += " " + (step.hold_after_ms ? std::to_string(*step.hold_after_ms) : std::string("-"));
      if (step.hang_up_after_ms) text += " " + std::to_string(*step.hang_up_after_ms);
      return text;
   }
   case StepKind::answer: return "answer " + step.party;
   case StepKind::hangup: return "hangup " + step.party;
   case StepKind::hold: return "hold " + step.party;
   case StepKind::retrieve: return "retrieve " + step.party;
   case StepKind::forward:
      return "forward " + step.party + " " + kForward[static_cast<int>(step.forward)] + " " +
             (step.on ? step.target : "off");
   case StepKind::dnd: return "dnd " + step.party + (step.on ? " on" : " off");
   case StepKind::service: return "service " + step.party + (step.on ? " in" : " out");
   case StepKind::drop_links: return "drop-links";
   case StepKind::fault: return "fault " + step.fault;
   }
   return "?";
}

}  // namespace portier::pbxsim
