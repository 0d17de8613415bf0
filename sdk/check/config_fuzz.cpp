// SPDX-License-Identifier: MIT
#include "config_fuzz.h"

#include <cstdint>

#include <nlohmann/json.hpp>

namespace portier::check {
namespace {

constexpr int kMutations = 200;

// xorshift64: small, fast, and the same sequence everywhere.
struct Rng {
   uint64_t state;
   uint64_t next()
   {
      state ^= state << 13;
      state ^= state >> 7;
      state ^= state << 17;
      return state;
   }
   size_t below(size_t n) { return n == 0 ? 0 : static_cast<size_t>(next() % n); }
};

std::string mutate(const std::string &base, Rng &rng)
{
   static const char kSpecial[] = "{}[]\":,\\ 0-eE.tfn\x01\xff";
   std::string s = base;
   const int edits = 1 + static_cast<int>(rng.below(3));
   for (int e = 0; e < edits; ++e) {
      const size_t at = rng.below(s.size() + 1);
      switch (rng.below(6)) {
      case 0:  // flip a bit
         if (!s.empty()) s[rng.below(s.size())] ^= static_cast<char>(1u << rng.below(8));
         break;
      case 1:  // delete a byte
         if (!s.empty()) s.erase(rng.below(s.size()), 1);
         break;
      case 2:  // insert a structural or awkward byte
         s.insert(at, 1, kSpecial[rng.below(sizeof kSpecial - 1)]);
         break;
      case 3:  // truncate
         s.resize(at);
         break;
      case 4:  // duplicate a slice
         if (!s.empty()) {
            const size_t from = rng.below(s.size());
            s.insert(at, s.substr(from, 1 + rng.below(8)));
         }
         break;
      default:  // invalid UTF-8 and a NUL in the middle
         s.insert(at, std::string("\xc3\x28\0", 3));
         break;
      }
   }
   return s;
}

}  // namespace

std::vector<FuzzInput> garbage_configs(const std::string &valid_config)
{
   std::vector<FuzzInput> out;
   out.push_back({"the empty string", ""});
   out.push_back({"'not json'", "not json"});
   out.push_back({"'['", "["});
   out.push_back({"'{\"a\":'", "{\"a\":"});
   Rng rng{0x9E3779B97F4A7C15ull};
   std::string noise(4096, '\0');
   for (auto &c : noise) {
      c = static_cast<char>(rng.next() & 0xff);
   }
   out.push_back({"4 KiB of random bytes", noise});
   out.push_back({"10000 nested '['", std::string(10000, '[')});
   out.push_back({"10000 nested '[' closed", std::string(10000, '[') + std::string(10000, ']')});
   for (int i = 0; i < kMutations; ++i) {
      out.push_back({"mutation " + std::to_string(i) + " of the given config", mutate(valid_config, rng)});
   }
   for (auto &in : out) {
      in.is_json = nlohmann::json::accept(in.text);
   }
   return out;
}

}  // namespace portier::check
