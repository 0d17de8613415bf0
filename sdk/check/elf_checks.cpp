// SPDX-License-Identifier: MIT
#include "elf_checks.h"

#include <elf.h>

#include <cstring>
#include <fstream>
#include <iterator>
#include <optional>

namespace portier::check {
namespace {

constexpr size_t kMaxFileSize = 512u * 1024u * 1024u;
constexpr size_t kMaxListed = 12;  // symbols named in one detail line

// The whole file, with every read bounds-checked against it.
struct Image {
   std::vector<unsigned char> bytes;

   bool has(uint64_t off, uint64_t size) const
   {
      return off <= bytes.size() && size <= bytes.size() - off;
   }
   template <typename T>
   std::optional<T> read(uint64_t off) const
   {
      if (!has(off, sizeof(T))) {
         return std::nullopt;
      }
      T value;
      std::memcpy(&value, bytes.data() + off, sizeof(T));
      return value;
   }
   // A NUL-terminated string at table_off + index, inside a string table of table_size bytes.
   std::optional<std::string> string_at(uint64_t table_off, uint64_t table_size, uint64_t index) const
   {
      if (!has(table_off, table_size) || index >= table_size) {
         return std::nullopt;
      }
      const char *begin = reinterpret_cast<const char *>(bytes.data() + table_off + index);
      const void *nul = std::memchr(begin, '\0', table_size - index);
      if (nul == nullptr) {
         return std::nullopt;
      }
      return std::string(begin, static_cast<const char *>(nul));
   }
};

std::string join_limited(const std::vector<std::string> &names)
{
   std::string out;
   for (size_t i = 0; i < names.size() && i < kMaxListed; ++i) {
      out += (i ? ", " : "") + names[i];
   }
   if (names.size() > kMaxListed) {
      out += ", ... (" + std::to_string(names.size() - kMaxListed) + " more)";
   }
   return out;
}

CheckLine fail(const std::string &name, const std::string &detail)
{
   return {name, Result::Fail, detail};
}

}  // namespace

std::vector<CheckLine> check_elf(const std::string &path)
{
   std::vector<CheckLine> out;
   Image img;
   {
      std::ifstream in(path, std::ios::binary);
      if (!in) {
         out.push_back(fail("elf.file", "cannot open " + path));
         return out;
      }
      in.seekg(0, std::ios::end);
      const auto size = static_cast<long long>(in.tellg());
      if (size < 0 || static_cast<unsigned long long>(size) > kMaxFileSize) {
         out.push_back(fail("elf.file", "file is larger than 512 MiB or unreadable"));
         return out;
      }
      in.seekg(0, std::ios::beg);
      img.bytes.resize(static_cast<size_t>(size));
      if (size > 0 && !in.read(reinterpret_cast<char *>(img.bytes.data()), size)) {
         out.push_back(fail("elf.file", "cannot read " + path));
         return out;
      }
   }

   const auto eh = img.read<Elf64_Ehdr>(0);
   if (!eh || std::memcmp(eh->e_ident, ELFMAG, SELFMAG) != 0) {
      out.push_back(fail("elf.file", "not an ELF file"));
      return out;
   }
   if (eh->e_ident[EI_CLASS] != ELFCLASS64 || eh->e_ident[EI_DATA] != ELFDATA2LSB) {
      out.push_back(fail("elf.file", "not a 64-bit little-endian ELF file"));
      return out;
   }
   if (eh->e_type != ET_DYN) {
      out.push_back(fail("elf.file", "not a shared object (e_type " + std::to_string(eh->e_type) + ")"));
      return out;
   }
   if (eh->e_shentsize != sizeof(Elf64_Shdr) || eh->e_shnum == 0 ||
       !img.has(eh->e_shoff, uint64_t{eh->e_shnum} * sizeof(Elf64_Shdr))) {
      out.push_back(fail("elf.file", "section header table is missing or out of bounds"));
      return out;
   }
   std::vector<Elf64_Shdr> sections;
   for (uint16_t i = 0; i < eh->e_shnum; ++i) {
      sections.push_back(*img.read<Elf64_Shdr>(eh->e_shoff + uint64_t{i} * sizeof(Elf64_Shdr)));
   }
   // The string table a section links to (sh_link), bounds-checked.
   auto linked_strtab = [&](const Elf64_Shdr &sh) -> std::optional<Elf64_Shdr> {
      if (sh.sh_link >= sections.size() || sections[sh.sh_link].sh_type != SHT_STRTAB ||
          !img.has(sections[sh.sh_link].sh_offset, sections[sh.sh_link].sh_size)) {
         return std::nullopt;
      }
      return sections[sh.sh_link];
   };

   // Dynamic symbols: exports and undefined references.
   const Elf64_Shdr *dynsym = nullptr;
   for (const auto &sh : sections) {
      if (sh.sh_type == SHT_DYNSYM) {
         dynsym = &sh;
      }
   }
   if (dynsym == nullptr || dynsym->sh_entsize != sizeof(Elf64_Sym) ||
       !img.has(dynsym->sh_offset, dynsym->sh_size) || !linked_strtab(*dynsym)) {
      out.push_back(fail("elf.exports", "no valid .dynsym section"));
   } else {
      const Elf64_Shdr strtab = *linked_strtab(*dynsym);
      bool has_entry = false;
      std::vector<std::string> extra;
      std::vector<std::string> core_refs;
      const uint64_t n = dynsym->sh_size / sizeof(Elf64_Sym);
      for (uint64_t i = 1; i < n; ++i) {
         const auto sym = img.read<Elf64_Sym>(dynsym->sh_offset + i * sizeof(Elf64_Sym));
         const auto name = img.string_at(strtab.sh_offset, strtab.sh_size, sym->st_name);
         if (!name) {
            out.push_back(fail("elf.exports", "symbol " + std::to_string(i) + " has a bad name offset"));
            continue;
         }
         const unsigned bind = ELF64_ST_BIND(sym->st_info);
         const unsigned type = ELF64_ST_TYPE(sym->st_info);
         const unsigned vis = ELF64_ST_VISIBILITY(sym->st_other);
         if (sym->st_shndx == SHN_UNDEF) {
            if (name->rfind("portier_", 0) == 0) {
               core_refs.push_back(*name);
            }
            continue;
         }
         const bool global = bind == STB_GLOBAL || bind == STB_WEAK || bind == STB_GNU_UNIQUE;
         const bool visible = vis == STV_DEFAULT || vis == STV_PROTECTED;
         // Version-definition names show up as absolute zero-size symbols; they export no code.
         const bool version_name = sym->st_shndx == SHN_ABS && sym->st_size == 0 && type == STT_OBJECT;
         if (!global || !visible || name->empty() || type == STT_SECTION || type == STT_FILE ||
             version_name) {
            continue;
         }
         if (*name == "portier_plugin_entry") {
            has_entry = true;
         } else {
            extra.push_back(*name);
         }
      }
      if (!has_entry) {
         out.push_back(fail("elf.exports", "does not export portier_plugin_entry"));
      }
      if (!extra.empty()) {
         out.push_back(fail("elf.exports", "exports " + std::to_string(extra.size()) +
                                               " symbol(s) besides portier_plugin_entry: " +
                                               join_limited(extra) +
                                               " (build with portier_add_plugin: hidden visibility "
                                               "and the version script)"));
      }
      if (has_entry && extra.empty()) {
         out.push_back({"elf.exports", Result::Pass, "exports only portier_plugin_entry"});
      }
      if (core_refs.empty()) {
         out.push_back({"elf.undefined", Result::Pass, ""});
      } else {
         out.push_back(fail("elf.undefined",
                            "needs symbol(s) only the core could provide: " + join_limited(core_refs) +
                                " (use the host services table instead)"));
      }
   }

   // DT_NEEDED: never the core's own libraries.
   std::vector<std::string> core_libs;
   bool dynamic_ok = false;
   for (const auto &sh : sections) {
      if (sh.sh_type != SHT_DYNAMIC) {
         continue;
      }
      const auto strtab = linked_strtab(sh);
      if (!strtab || !img.has(sh.sh_offset, sh.sh_size)) {
         continue;
      }
      dynamic_ok = true;
      const uint64_t n = sh.sh_size / sizeof(Elf64_Dyn);
      for (uint64_t i = 0; i < n; ++i) {
         const auto dyn = img.read<Elf64_Dyn>(sh.sh_offset + i * sizeof(Elf64_Dyn));
         if (dyn->d_tag == DT_NULL) {
            break;
         }
         if (dyn->d_tag != DT_NEEDED) {
            continue;
         }
         const auto lib = img.string_at(strtab->sh_offset, strtab->sh_size, dyn->d_un.d_val);
         if (lib && lib->find("libportier") != std::string::npos) {
            core_libs.push_back(*lib);
         }
      }
   }
   if (!dynamic_ok) {
      out.push_back(fail("elf.needed", "no valid .dynamic section"));
   } else if (!core_libs.empty()) {
      out.push_back(fail("elf.needed", "links the core's libraries: " + join_limited(core_libs) +
                                           " (plugins reach the core only through the host table)"));
   } else {
      out.push_back({"elf.needed", Result::Pass, ""});
   }

   // .init_array: the toolchain puts one entry there (frame_dummy); more means constructors run
   // at dlopen, before the host can check anything.
   uint64_t init_entries = 0;
   for (const auto &sh : sections) {
      if (sh.sh_type == SHT_INIT_ARRAY) {
         init_entries += sh.sh_size / sizeof(Elf64_Addr);
      }
   }
   if (init_entries > 1) {
      out.push_back({"elf.init_array", Result::Warn,
                     std::to_string(init_entries) +
                         " .init_array entries (the toolchain adds 1): static constructors run at "
                         "dlopen; keep globals constant-initialised"});
   } else {
      out.push_back({"elf.init_array", Result::Pass, ""});
   }
   return out;
}

}  // namespace portier::check
