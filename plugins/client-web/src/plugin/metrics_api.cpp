// SPDX-License-Identifier: GPL-3.0-or-later
// GET /metrics: the Prometheus text (metrics_figures.h, metrics_text.h) for the peers the
// settings allow. The core is asked for a snapshot and the plugins' states at each scrape, so
// the figures are as fresh as the scrape and nothing is asked while no one scrapes.
// docs/client-web.md "Metrics".
#include <unistd.h>

#include <charconv>
#include <cstdint>
#include <fstream>
#include <sstream>
#include <string>

#include "log_on.h"
#include "metrics_text.h"
#include "net.h"

namespace portier::web {
namespace {

constexpr const char *kServer = "Portier client.web";

// portierd's start in seconds since the epoch: the boot time (/proc/stat btime) plus the
// process's start in clock ticks after boot (/proc/self/stat field 22); 0 when unreadable.
std::int64_t process_start_seconds() {
   std::ifstream stat_file("/proc/self/stat");
   std::string line;
   if (!std::getline(stat_file, line)) return 0;
   const std::size_t close = line.rfind(')');  // the command name may hold spaces and parentheses
   if (close == std::string::npos) return 0;
   std::istringstream fields(line.substr(close + 2));
   std::string field;
   std::uint64_t start_ticks = 0;
   for (int i = 3; i <= 22 && fields >> field; ++i) {
      if (i == 22) (void)std::from_chars(field.data(), field.data() + field.size(), start_ticks);
   }
   std::ifstream proc_stat("/proc/stat");
   std::int64_t boot = 0;
   for (std::string key; proc_stat >> key;) {
      if (key == "btime") {
         proc_stat >> boot;
         break;
      }
      std::getline(proc_stat, key);
   }
   const long ticks = sysconf(_SC_CLK_TCK);
   if (boot <= 0 || ticks <= 0) return 0;
   return boot + static_cast<std::int64_t>(start_ticks / static_cast<std::uint64_t>(ticks));
}

}  // namespace

Task<Response> answer_metrics(ServerContext &ctx, const Request &req, std::string remote) {
   const unsigned v = req.version();
   const bool keep = req.keep_alive();
   const MetricsSettings &settings = ctx.settings.metrics;
   if (!settings.enabled) {
      co_return json_answer(http::status::not_found, v, refusal_json("not_found", "metrics are off (metrics.enabled)"),
                            keep);
   }
   if (req.method() != http::verb::get) {
      Response res =
          json_answer(http::status::method_not_allowed, v, refusal_json("method_not_allowed", "/metrics takes GET only"), keep);
      res.set(http::field::allow, "GET");
      co_return res;
   }
   if (settings.allow && !address_allowed(*settings.allow, remote)) {
      co_return json_answer(http::status::forbidden, v,
                            refusal_json("forbidden", remote + " is not in metrics.allow"), keep);
   }
   std::string snapshot_command = R"({"type":"snapshot"})";
   const auto snapshot = co_await ask_core(ctx, std::move(snapshot_command));
   std::string status_command = R"({"type":"plugin_status"})";
   const auto status = co_await ask_core(ctx, std::move(status_command));
   MetricsInput in;
   in.snapshot_answer = snapshot ? std::string_view(*snapshot) : std::string_view();
   in.status_answer = status ? std::string_view(*status) : std::string_view();
   in.consoles = ctx.hub.consoles();
   in.start_time_seconds = process_start_seconds();
   Response res{http::status::ok, v};
   res.set(http::field::server, kServer);
   res.set(http::field::content_type, beast::string_view(kMetricsContentType.data(), kMetricsContentType.size()));
   res.set(http::field::cache_control, "no-store");
   res.body() = exposition_text(metrics_families(ctx.metrics, in));
   res.keep_alive(keep);
   res.prepare_payload();
   co_return res;
}

}  // namespace portier::web
