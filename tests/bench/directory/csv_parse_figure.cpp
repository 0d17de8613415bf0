// SPDX-License-Identifier: GPL-3.0-or-later
#include "csv_parse_figure.h"

#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>
#include <string_view>

#include <time.h>

#include "csv_import.h"
#include "file_bytes.h"

namespace portier::directory::bench {

namespace {

// RFC 4180: a field with a delimiter, a quote or a line break is quoted, quotes doubled.
void put_field(std::string &line, std::string_view value) {
   if (value.find_first_of(",\"\r\n") == std::string_view::npos) {
      line += value;
      return;
   }
   line += '"';
   for (char ch : value) {
      if (ch == '"') line += '"';
      line += ch;
   }
   line += '"';
}

bool write_csv(const std::vector<Contact> &rows, const std::filesystem::path &file) {
   std::ofstream out(file, std::ios::binary);
   out << "id,given,family,company,department,phone,extension\r\n";
   std::string line;
   for (const Contact &c : rows) {
      line.clear();
      const std::string_view phone = c.numbers.empty() ? std::string_view() : c.numbers.front().given;
      for (std::string_view value : {std::string_view(c.source_id), std::string_view(c.name.given),
                                     std::string_view(c.name.family), std::string_view(c.company),
                                     std::string_view(c.department), phone, std::string_view(c.extension)}) {
         if (!line.empty()) line += ',';
         put_field(line, value);
      }
      line += "\r\n";
      out << line;
   }
   return static_cast<bool>(out.flush());
}

// What the plugin hands the kernel for a csv::Contact, as the directory's Contact.
Contact contact_of(const csv::Contact &in) {
   Contact c;
   c.source_id = in.view(csv::Field::source_id);
   c.name.given = in.view(csv::Field::given);
   c.name.family = in.view(csv::Field::family);
   c.company = in.view(csv::Field::company);
   c.department = in.view(csv::Field::department);
   c.extension = in.view(csv::Field::extension);
   for (std::size_t i = 0; i < in.phone_count(); ++i) c.numbers.push_back({NumberType::office, "", in.phone_number(i)});
   return c;
}

double process_cpu_seconds() {
   timespec now{};
   clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
   return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) / 1e9;
}

}  // namespace

CsvParseFigure time_csv_parse(const std::vector<Contact> &rows, const std::filesystem::path &file) {
   CsvParseFigure figure;
   if (!write_csv(rows, file)) {
      std::fprintf(stderr, "csv: cannot write %s\n", file.c_str());
      return figure;
   }
   csv::ImportOptions options;
   using csv::Field, csv::index_of;
   options.columns.fields[index_of(Field::source_id)] = "id";
   options.columns.fields[index_of(Field::given)] = "given";
   options.columns.fields[index_of(Field::family)] = "family";
   options.columns.fields[index_of(Field::company)] = "company";
   options.columns.fields[index_of(Field::department)] = "department";
   options.columns.fields[index_of(Field::extension)] = "extension";
   options.columns.phones.push_back({"phone", csv::kPhoneOffice});

   const auto start = std::chrono::steady_clock::now();
   const double cpu_start = process_cpu_seconds();
   const auto bytes = csv::read_file_bytes(file.string(), 4ull << 30);
   if (!bytes) {
      std::fprintf(stderr, "csv: %s\n", bytes.message().c_str());
      return figure;
   }
   const auto imported = csv::import_csv(bytes.value(), options);
   if (!imported) {
      std::fprintf(stderr, "csv: %s\n", imported.message().c_str());
      return figure;
   }
   std::vector<Contact> back;
   back.reserve(imported.value().contacts.size());
   for (const csv::Contact &c : imported.value().contacts) back.push_back(contact_of(c));
   figure.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
   figure.cpu_seconds = process_cpu_seconds() - cpu_start;
   figure.file_mb = static_cast<double>(bytes.value().size()) / (1024.0 * 1024.0);
   figure.rows = back.size();
   return figure;
}

}  // namespace portier::directory::bench
