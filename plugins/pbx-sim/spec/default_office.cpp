// SPDX-License-Identifier: GPL-3.0-or-later
#include "spec/default_office.h"

#include <array>
#include <string>

namespace portier::pbxsim {
namespace {

constexpr std::string_view kPrefix = "+49897007";

struct Person {
   const char *name;
   std::uint32_t answer_after_ms;  // 0: lets it ring
   std::uint32_t hang_up_after_ms; // 0: stays on the line until the other side hangs up
};

// Habits differ so the busy lamps tell people apart: quick and slow answerers, one who never
// answers (CFNR and recall tests), one whose phone is always busy.
constexpr std::array<Person, 20> kOfficeUsers{{
    {"Katrin Hoffmann", 3000, 45000},  {"Thomas Becker", 5000, 30000},
    {"Sabine Wagner", 4000, 60000},    {"Markus Schulz", 0, 0},
    {"Julia Fischer", 2500, 25000},    {"Stefan Weber", 6000, 40000},
    {"Claudia Meyer", 3500, 90000},    {"Andreas Koch", 4500, 35000},
    {"Nicole Richter", 7000, 20000},   {"Michael Braun", 3000, 50000},
    {"Emily Clarke", 4000, 30000},     {"James Whitfield", 5500, 45000},
    {"Sophie Turner", 3000, 0},        {"Oliver Bennett", 8000, 25000},
    {"Laura Schmidt", 2000, 60000},    {"Daniel Wolf", 4000, 35000},
    {"Charlotte Evans", 6500, 40000},  {"Florian Neumann", 0, 0},
    {"Hannah Zimmermann", 3500, 30000}, {"Benjamin Hughes", 5000, 55000},
}};

}  // namespace

OfficeSpec default_office() {
   OfficeSpec spec;
   spec.extensions.push_back({std::string(kPrefix) + "100", "Attendant Anna Berger", ExtensionKind::attendant, {}, true});
   spec.extensions.push_back({std::string(kPrefix) + "101", "Attendant Lukas Krüger", ExtensionKind::attendant, {}, true});
   for (std::size_t i = 0; i < kOfficeUsers.size(); ++i) {
      const Person &p = kOfficeUsers[i];
      ExtensionSpec ext;
      ext.number = std::string(kPrefix) + std::to_string(200 + i);
      ext.display_name = p.name;
      ext.kind = ExtensionKind::office_user;
      if (p.answer_after_ms > 0) ext.rules.answer_after_ms = p.answer_after_ms;
      if (p.hang_up_after_ms > 0) ext.rules.hang_up_after_ms = p.hang_up_after_ms;
      ext.rules.busy = i == 9;  // Michael Braun is always on another line
      spec.extensions.push_back(std::move(ext));
   }
   spec.external_numbers = {"+4930901820",   "+494042841000", "+4969133090",
                            "+442079460123", "+33142765432",  "+12125550143"};
   return spec;
}

}  // namespace portier::pbxsim
