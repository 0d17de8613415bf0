// SPDX-License-Identifier: MIT
// Runs portier-plugin-check on the planted-fault plugins and reads its JSON report: the clean
// plugin passes, each fault is caught by the check meant for it, and the kit survives them all.
#include <catch2/catch.hpp>

#include <sys/wait.h>

#include <cstdio>
#include <string>

#include <nlohmann/json.hpp>

namespace {

struct Run {
   int exit_code = -1;
   std::string out;
   nlohmann::json report;
};

Run run_checker(const std::string &arguments)
{
   Run r;
   std::string cmd = "'";
   cmd.append(PORTIER_CHECK_EXE).append("' ").append(arguments).append(" 2>/dev/null");
   FILE *p = ::popen(cmd.c_str(), "r");
   REQUIRE(p != nullptr);
   char buf[4096];
   size_t n;
   while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) {
      r.out.append(buf, n);
   }
   const int status = ::pclose(p);
   r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
   r.report = nlohmann::json::parse(r.out, nullptr, false);
   return r;
}

// "'PATH' FLAGS", built with append: GCC 12 at -O3 warns falsely (-Wrestrict) on literal + string.
std::string args(const std::string &path, const char *flags)
{
   std::string s = "'";
   s.append(path).append("' ").append(flags);
   return s;
}

Run check_plugin(const std::string &path)
{
   return run_checker(args(path, "--json --run-ms 100"));
}

std::string plugin(const char *name)
{
   return std::string(PORTIER_CHECK_PLUGIN_DIR).append("/").append(name).append(".so");
}

std::string fault_plugin(const char *name)
{
   return std::string(PORTIER_FAULT_PLUGIN_DIR).append("/").append(name).append(".so");
}

// True if the report has a check `name` with `result` whose detail contains `text`.
bool has_check(const nlohmann::json &report, const std::string &name, const std::string &result,
               const std::string &text)
{
   if (!report.is_object() || !report.contains("checks")) {
      return false;
   }
   for (const auto &c : report["checks"]) {
      if (c.value("name", "") == name && c.value("result", "") == result &&
          c.value("detail", "").find(text) != std::string::npos) {
         return true;
      }
   }
   return false;
}

}  // namespace

TEST_CASE("the clean reference plugin passes every check")
{
   const Run r = check_plugin(plugin("check_clean"));
   INFO(r.out);
   REQUIRE(r.exit_code == 0);
   REQUIRE(r.report.is_object());
   CHECK(r.report["failed"] == 0);
   CHECK(r.report["plugin"] == "test.check-clean");
   CHECK(r.report["descriptor"]["kind"] == "service");
   CHECK(r.report["descriptor"]["abi_major"] == 1);
   for (const char *name : {"elf.exports", "elf.undefined", "elf.needed", "entry.major_0", "entry.major_2",
                            "entry.pure", "descriptor", "validate_config.valid", "validate_config.garbage",
                            "lifecycle.create_destroy", "lifecycle.start_stop", "lifecycle.repeat",
                            "lifecycle.reconfigure", "lifecycle.failing_host"}) {
      INFO(name);
      CHECK(has_check(r.report, name, "pass", ""));
   }
}

TEST_CASE("a plugin that keeps config_json past create() is caught reading it in start()")
{
   const Run r = check_plugin(plugin("fault_keeps_borrowed"));
   INFO(r.out);
   CHECK(r.exit_code == 1);
   CHECK(has_check(r.report, "lifecycle.start_stop", "fail",
                   "kept a borrowed pointer: read config_json of create() after the call returned"));
}

TEST_CASE("a plugin thread that outlives stop() is reported calling from a foreign thread")
{
   const Run r = check_plugin(plugin("fault_off_thread"));
   INFO(r.out);
   CHECK(r.exit_code == 1);
   CHECK(has_check(r.report, "lifecycle.start_stop", "fail",
                   "called report_state from a foreign thread after stop() returned"));
   CHECK(has_check(r.report, "lifecycle.start_stop", "fail", "still run after stop() returned"));
}

TEST_CASE("a crash in start() is a finding and the checker runs on to the end")
{
   const Run r = check_plugin(plugin("fault_crash_in_start"));
   INFO(r.out);
   CHECK(r.exit_code == 1);
   CHECK(has_check(r.report, "lifecycle.start_stop", "fail", "crashed ("));
   CHECK(has_check(r.report, "lifecycle.start_stop", "fail", "during start()"));
   // Scenarios after the crash still ran and reported.
   CHECK(has_check(r.report, "lifecycle.failing_host", "fail", "crashed ("));
   CHECK(has_check(r.report, "validate_config.garbage", "pass", ""));
}

TEST_CASE("a second exported symbol fails the export check, naming the symbol")
{
   const Run r = check_plugin(plugin("fault_exports_extra"));
   INFO(r.out);
   CHECK(r.exit_code == 1);
   CHECK(has_check(r.report, "elf.exports", "fail", "fault_extra_export"));
   CHECK(has_check(r.report, "lifecycle.start_stop", "pass", ""));
}

TEST_CASE("a descriptor built for ABI major 2 is refused and not driven")
{
   const Run r = check_plugin(fault_plugin("fault-abi-major-2"));
   INFO(r.out);
   CHECK(r.exit_code == 1);
   CHECK(has_check(r.report, "descriptor", "fail", "built for ABI major 2, this core speaks major 1"));
   CHECK(has_check(r.report, "lifecycle.start_stop", "warn", "skipped"));
}

TEST_CASE("a descriptor smaller than 1.0 is refused")
{
   const Run r = check_plugin(fault_plugin("fault-small-descriptor"));
   INFO(r.out);
   CHECK(r.exit_code == 1);
   CHECK(has_check(r.report, "descriptor", "fail", "descriptor is 48 bytes, smaller than the 1.0 descriptor"));
   CHECK(r.report["descriptor"]["struct_size"] == 48);
}

TEST_CASE("the kit names a required host service the core does not serve")
{
   const Run r = check_plugin(fault_plugin("fault-unknown-service"));
   INFO(r.out);
   CHECK(r.exit_code == 1);
   CHECK(has_check(r.report, "descriptor", "fail",
                   "requires host service 'portier.host.nope/1', which this core does not serve"));
}

TEST_CASE("a service the core is told it serves satisfies the requirement")
{
   const Run r = run_checker(
      args(fault_plugin("fault-unknown-service"), "--json --run-ms 50 --served portier.host.nope/1"));
   INFO(r.out);
   CHECK(r.exit_code == 0);
}

TEST_CASE("the text report ends with a summary line")
{
   const Run r = run_checker(args(plugin("fault_exports_extra"), "--run-ms 50"));
   CHECK(r.exit_code == 1);
   CHECK(r.out.find("FAIL  elf.exports: exports") != std::string::npos);
   CHECK(r.out.find(" passed, 1 failed, ") != std::string::npos);
}

TEST_CASE("usage and I/O errors exit with status 2")
{
   CHECK(run_checker("").exit_code == 2);
   CHECK(run_checker("/nonexistent/plugin.so").exit_code == 2);
   CHECK(run_checker(args(plugin("check_clean"), "--frobnicate")).exit_code == 2);
   CHECK(run_checker(args(plugin("check_clean"), "--config 'not json'")).exit_code == 2);
}

TEST_CASE("a configuration the plugin rejects fails validate_config and create")
{
   const Run r = run_checker(args(plugin("check_clean"), "--json --run-ms 50 --config '{\"port\": 1}'"));
   INFO(r.out);
   CHECK(r.exit_code == 1);
   CHECK(has_check(r.report, "validate_config.valid", "fail", "rejected the given config"));
   CHECK(has_check(r.report, "lifecycle.create_destroy", "fail", "create() failed with the given config"));
}
