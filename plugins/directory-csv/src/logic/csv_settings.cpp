// SPDX-License-Identifier: GPL-3.0-or-later
#include "csv_settings.h"

#include <array>
#include <vector>

#include <portier/did_you_mean.hpp>
#include <portier/settings.hpp>

namespace portier::csv {
namespace {

constexpr std::size_t kMaxColumnName = 256;
constexpr std::size_t kMaxEmailColumns = 16;
constexpr std::size_t kMaxPhoneColumns = 32;

struct PhoneTypeName {
   const char *name;
   std::int32_t type;
};
constexpr std::array<PhoneTypeName, 6> kPhoneTypes = {{{"office", kPhoneOffice},
                                                       {"mobile", kPhoneMobile},
                                                       {"home", kPhoneHome},
                                                       {"fax", kPhoneFax},
                                                       {"private", kPhoneOther},
                                                       {"other", kPhoneOther}}};

// One column reference: a header name, or with `header: false` a column number (1..256, as a
// JSON number or digits). Records a problem and returns "" when it is neither.
std::string column_ref(Settings &s, const std::string &key, const json::Value &v, bool header) {
   if (header) {
      if (v.kind != json::Kind::string || v.text.empty() || v.text.size() > kMaxColumnName) {
         s.problem(key, v.kind == json::Kind::string
                            ? "expected a header name of 1.." + std::to_string(kMaxColumnName) + " bytes"
                            : "expected a header name, got " + std::string(json::describe(v.kind)));
         return {};
      }
      return v.text;
   }
   const bool digits = (v.kind == json::Kind::number || v.kind == json::Kind::string) && !v.text.empty() &&
                       v.text.size() <= 3 && v.text.find_first_not_of("0123456789") == std::string::npos;
   const int number = digits ? std::stoi(v.text) : 0;
   if (number < 1 || number > 256) {
      s.problem(key, "expected a column number 1..256 (header: false), got " +
                         (v.kind == json::Kind::string || v.kind == json::Kind::number ? "'" + v.text.substr(0, 40) + "'"
                                                                                      : std::string(json::describe(v.kind))));
      return {};
   }
   return std::to_string(number);
}

void read_phones(Settings &s, const json::Value &v, bool header, ColumnSpec &out) {
   if (v.kind != json::Kind::array) {
      s.problem("columns.phones", "expected a list of {column, type}, got " + std::string(json::describe(v.kind)));
      return;
   }
   if (v.items.size() > kMaxPhoneColumns) {
      s.problem("columns.phones", "at most " + std::to_string(kMaxPhoneColumns) + " phone columns");
      return;
   }
   for (std::size_t i = 0; i < v.items.size(); ++i) {
      const std::string key = "columns.phones[" + std::to_string(i) + "]";
      const json::Value &item = v.items[i];
      if (item.kind != json::Kind::object) {
         s.problem(key, "expected {column, type}, got " + std::string(json::describe(item.kind)));
         continue;
      }
      PhoneColumn phone;
      const json::Value *column = item.find("column");
      if (column == nullptr) {
         s.problem(key, "'column' is required");
      } else {
         phone.column = column_ref(s, key + ".column", *column, header);
      }
      if (const json::Value *type = item.find("type"); type != nullptr) {
         bool known = false;
         for (const PhoneTypeName &t : kPhoneTypes) {
            if (type->kind == json::Kind::string && type->text == t.name) {
               phone.type = t.type;
               known = true;
            }
         }
         if (!known) s.problem(key + ".type", "expected office, mobile, home, fax or private");
      }
      for (const std::string &k : item.keys) {
         if (k != "column" && k != "type") s.problem(key, unknown_key_text(k, {"column", "type"}));
      }
      if (!phone.column.empty()) out.phones.push_back(std::move(phone));
   }
}

void read_emails(Settings &s, const json::Value &v, bool header, ColumnSpec &out) {
   if (v.kind == json::Kind::array) {
      if (v.items.size() > kMaxEmailColumns) {
         s.problem("columns.email", "at most " + std::to_string(kMaxEmailColumns) + " e-mail columns");
         return;
      }
      for (std::size_t i = 0; i < v.items.size(); ++i) {
         std::string ref = column_ref(s, "columns.email[" + std::to_string(i) + "]", v.items[i], header);
         if (!ref.empty()) out.emails.push_back(std::move(ref));
      }
      return;
   }
   std::string ref = column_ref(s, "columns.email", v, header);
   if (!ref.empty()) out.emails.push_back(std::move(ref));
}

ColumnSpec read_columns(Settings &s, const json::Value *v, bool header) {
   ColumnSpec out;
   if (v == nullptr) {
      s.problem("columns", "is required (at least {source_id: <column>})");
      return out;
   }
   if (v->kind != json::Kind::object) {
      s.problem("columns", "expected a mapping of fields to columns, got " + std::string(json::describe(v->kind)));
      return out;
   }
   std::vector<std::string> known(field_names().begin(), field_names().end());
   known.emplace_back("email");
   known.emplace_back("phones");
   for (std::size_t i = 0; i < v->keys.size(); ++i) {
      const std::string &key = v->keys[i];
      const json::Value &item = v->items[i];
      bool done = false;
      for (std::size_t f = 0; f < kFieldCount && !done; ++f) {
         if (key == field_names()[f]) {
            out.fields[f] = column_ref(s, "columns." + key, item, header);
            done = true;
         }
      }
      if (done) continue;
      if (key == "email") {
         read_emails(s, item, header, out);
      } else if (key == "phones") {
         read_phones(s, item, header, out);
      } else {
         s.problem("columns", unknown_key_text(key, known));
      }
   }
   if (v->find("source_id") == nullptr) s.problem("columns.source_id", "is required: the column that identifies a contact");
   return out;
}

}  // namespace

Result<CsvSettings> parse_csv_settings(std::string_view json) {
   Settings s(json);
   CsvSettings out;
   if (!s.has("path")) {
      s.problem("path", "is required: the CSV file's absolute path");
   } else {
      out.path = s.get_string("path", "", 1, 4096);
      if (!out.path.empty() && out.path[0] != '/') {
         s.problem("path", "'" + out.path.substr(0, 200) + "' is not an absolute path");
      }
   }

   const std::string delimiter = s.get_string("delimiter", ",", 1, 9);
   if (delimiter == "," || delimiter == ";" || delimiter == "|" || delimiter == "\t") {
      out.delimiter = delimiter[0];
   } else if (delimiter == "tab") {
      out.delimiter = '\t';
   } else {
      s.problem("delimiter", "'" + delimiter + "' is not one of ',', ';', '|', tab");
   }

   const std::string encoding = s.get_string("encoding", "auto", 1, 16);
   if (encoding == "auto") {
      out.encoding = Encoding::automatic;
   } else if (encoding == "utf-8" || encoding == "utf8") {
      out.encoding = Encoding::utf8;
   } else if (encoding == "latin-1" || encoding == "latin1" || encoding == "iso-8859-1") {
      out.encoding = Encoding::latin1;
   } else {
      s.problem("encoding", "'" + encoding + "' is not one of auto, utf-8, latin-1");
   }

   out.header = s.get_bool("header", true);
   out.columns = read_columns(s, s.get("columns"), out.header);

   // no `schedule`: the core's `directory:` section says when each source runs, so the key is
   // refused as unknown like any other
   out.max_bytes = static_cast<std::uint64_t>(
       s.get_int("max_bytes", static_cast<std::int64_t>(kDefaultMaxBytes), 1, static_cast<std::int64_t>(kMaxMaxBytes)));

   if (auto checked = s.finish(); !checked.ok()) return checked.error();
   return out;
}

}  // namespace portier::csv
