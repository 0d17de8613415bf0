// SPDX-License-Identifier: GPL-3.0-or-later
#include "daemon.h"

#include <csignal>
#include <fstream>
#include <iostream>
#include <sstream>

#include "kernel/account_store.h"
#include "kernel/config_digest.h"
#include "kernel/directory_commands.h"
#include "kernel/log.h"
#include "kernel/wall_time.h"

namespace portier::daemon {
namespace {

std::optional<std::string> read_file(const std::filesystem::path &path)
{
   std::ifstream in(path, std::ios::binary);
   if (!in) {
      return std::nullopt;
   }
   std::ostringstream text;
   text << in.rdbuf();
   return text.str();
}

}  // namespace

Daemon::Daemon(kernel::Config config, std::string config_text)
   : config_(std::move(config)),
     config_text_(std::move(config_text)),
     loop_(clock_, config_.system.engine_queue),
     signals_(loop_.io(), SIGINT, SIGTERM, SIGHUP)
{
}

bool Daemon::open()
{
   kernel::set_log_level(kernel::parse_log_level(config_.system.log_level));
   std::string error;
   store_ = kernel::Store::open(config_.store.path, error);
   if (!store_) {
      kernel::log(kernel::LogLevel::error, "kernel", "cannot open the store: " + error);
      return false;
   }
   kernel_ = std::make_unique<kernel::Kernel>(loop_, config_);
   const auto errors = kernel_->prepare();
   if (!errors.empty()) {
      for (const auto &e : errors) {
         std::cerr << e.to_string() << '\n';
      }
      record_publish(config_text_, "rejected", std::to_string(errors.size()) + " plugin settings errors");
      return false;
   }
   control_ = control::ControlServer::open(
      loop_.io(), config_.system.control_socket,
      [this](const nlohmann::json &request, control::Reply reply) { handle(request, std::move(reply)); },
      error);
   if (!control_) {
      kernel::log(kernel::LogLevel::error, "kernel", "cannot open the control socket: " + error);
      return false;
   }
   record_publish(config_text_, "published", "started");
   started_ = kernel::utc_now_iso();
   kernel::log(kernel::LogLevel::info, "kernel",
               "starting " + std::to_string(config_.plugins.size()) + " configured plugins; control socket " +
                  config_.system.control_socket.string());
   kernel_->start();
   // The engine after the plugins, so that it finds the running trunk; it sees every plugin event.
   engine_ = std::make_unique<engine::EngineHost>(*kernel_);
   engine_->set_event_observer([this](const nlohmann::json &event) { engine_events_.push(event); });
   kernel_->set_event_sink([this](const kernel::PluginSlot &from, const portier_event_header &ev) {
      engine_->on_plugin_event(from, ev);
   });
   // The client command config_reload publishes the file exactly as `portier reload` does.
   kernel_->set_config_reloader([this] { return reload(); });
   signals_.async_wait([this](const boost::system::error_code &e, int s) { on_hup_or_stop(e, s); });
   return true;
}

void Daemon::on_hup_or_stop(const boost::system::error_code &ec, int signo)
{
   if (ec) {
      return;
   }
   if (signo == SIGHUP) {
      const auto answer = reload();
      const bool ok = answer.value("ok", false);
      kernel::log(ok ? kernel::LogLevel::info : kernel::LogLevel::error, "kernel",
                  "SIGHUP: " + (ok ? answer.value("message", std::string()) : answer.value("error", std::string())));
      signals_.async_wait([this](const boost::system::error_code &e, int s) { on_hup_or_stop(e, s); });
      return;
   }
   kernel::log(kernel::LogLevel::info, "kernel", "signal " + std::to_string(signo) + ": stopping");
   loop_.stop();
}

void Daemon::run()
{
   loop_.run();
   signals_.cancel();
   // The engine goes first: the plugins it drives must outlive it.
   kernel_->set_event_sink(nullptr);
   engine_.reset();
   kernel_->stop();
   if (control_) {
      control_->close();
   }
   kernel::log(kernel::LogLevel::info, "kernel", "stopped");
}

void Daemon::handle(const nlohmann::json &request, control::Reply reply)
{
   const std::string cmd = request.value("cmd", std::string());
   if (cmd == "status") {
      reply(nlohmann::json{{"ok", true},
                           {"system", config_.system.name},
                           {"plugins", kernel_->status()},
                           {"config", config_.file.empty() ? std::string("<embedded>") : config_.file.string()},
                           {"started", started_}});
   } else if (cmd == "lamps") {
      reply(lamps_answer());
   } else if (cmd == "reload") {
      reply(reload());
   } else if (cmd == "engine") {
      if (!forwarding_answer(request, reply)) reply(engine_answer(request));
   } else if (cmd == "stop") {
      reply(nlohmann::json{{"ok", true}, {"message", "stopping"}});
      kernel::log(kernel::LogLevel::info, "kernel", "stop requested over the control socket");
      loop_.stop();
   }
}

nlohmann::json Daemon::lamps_answer() const
{
   nlohmann::json lamps = nlohmann::json::array();
   for (const kernel::Lamp &lamp : kernel_->device_board().lamps()) {
      lamps.push_back({{"plugin", lamp.plugin},
                       {"device", lamp.device},
                       {"state", std::string(kernel::lamp_state_name(lamp.state))},
                       {"forward_to", lamp.forward_to},
                       {"since", lamp.since}});
      // Forwarding per kind, once the plugin reported the device's features ("" is off).
      if (const kernel::DeviceForwarding *f = kernel_->forwarding_board().find(lamp.plugin, lamp.device))
         lamps.back()["forwarding"] = {{"unconditional", f->unconditional}, {"busy", f->busy}, {"no_answer", f->no_answer}};
   }
   return {{"ok", true}, {"lamps", std::move(lamps)}};
}

nlohmann::json Daemon::engine_answer(const nlohmann::json &request)
{
   const auto checked = control::check_engine_request(request);
   if (const auto *bad = std::get_if<control::RequestError>(&checked)) {
      return control::error_answer(bad->message);
   }
   if (const auto *query = std::get_if<control::EngineEventsQuery>(&checked)) {
      return control::engine_events_answer(engine_events_, *query);
   }
   const nlohmann::json &command = std::get<control::EngineCommand>(checked).command;
   // The phone book's commands are the kernel's (core/kernel/directory_commands.h), not the engine's.
   if (const auto type = command.find("type");
       type != command.end() && type->is_string() && kernel::serves_directory(type->get_ref<const std::string &>())) {
      nlohmann::json answer = kernel_->answer_directory_request(command);
      answer["type"] = "answer";
      return {{"ok", true}, {"answer", std::move(answer)}};
   }
   if (!engine_) {
      return control::error_answer("the engine is not running");
   }
   return {{"ok", true}, {"answer", engine_->command(command)}};
}

bool Daemon::forwarding_answer(const nlohmann::json &request, const control::Reply &reply)
{
   const auto command = request.find("command");
   if (command == request.end() || !command->is_object() || request.contains("events")) return false;
   const auto type = command->find("type");
   if (type == command->end() || !type->is_string() ||
       !kernel::ForwardingCommands::serves(type->get_ref<const std::string &>()))
      return false;
   // The kernel's command, as a console's (same checks, PBX call and audit row); the PBX answers
   // later, so the reply waits for it. The audit names the CLI when the request names nobody.
   nlohmann::json forwarding = *command;
   if (!forwarding.contains("by") && !forwarding.contains("attendant")) forwarding["by"] = "portier engine";
   kernel_->answer_forwarding_command(forwarding, [reply](nlohmann::json answer) {
      answer["type"] = "answer";
      reply(nlohmann::json{{"ok", true}, {"answer", std::move(answer)}});
   });
   return true;
}

nlohmann::json Daemon::reload()
{
   if (config_.file.empty()) {
      return {{"ok", false},
              {"error", "portierd runs on the embedded configuration; start it with --config FILE to reload"}};
   }
   const std::string file = config_.file.string();
   const auto text = read_file(config_.file);
   if (!text) {
      return {{"ok", false}, {"error", "cannot read " + file + "; nothing changed"}};
   }
   kernel::ConfigResult loaded = kernel::load_config_text(*text, file, config_.base_dir);
   std::vector<std::string> errors;
   for (const auto &e : loaded.errors) {
      errors.push_back(e.to_string());
   }
   kernel::ReloadResult result;
   if (errors.empty()) {
      loaded.config->file = config_.file;
      result = kernel_->reload(*loaded.config);
      errors = result.errors;
      engine_->after_reload(errors.empty());
   }
   if (!errors.empty()) {
      const std::string why = file + ": " + std::to_string(errors.size()) +
                              (errors.size() == 1 ? " error" : " errors") + "; nothing changed";
      record_publish(*text, "rejected", why);
      for (const auto &e : errors) {
         kernel::log(kernel::LogLevel::error, "kernel", "reload: " + e);
      }
      return {{"ok", false}, {"error", why}, {"errors", errors}};
   }
   config_ = kernel_->config();
   const std::string message = "reloaded " + file + ": " + std::to_string(result.changes.size()) +
                               (result.changes.size() == 1 ? " change" : " changes");
   record_publish(*text, "published", message);
   kernel::log(kernel::LogLevel::info, "kernel", message);
   return {{"ok", true}, {"message", message}, {"changes", result.changes}};
}

void Daemon::record_publish(const std::string &text, const std::string &outcome, const std::string &message)
{
   if (!store_) {
      return;
   }
   std::string error;
   const std::string file = config_.file.empty() ? std::string("<embedded>") : config_.file.string();
   if (!store_->record_publish(file, kernel::sha256_hex(text), outcome, message, error)) {
      kernel::log(kernel::LogLevel::warning, "kernel", "could not record the publish in the store: " + error);
   }
   // A published file's sites and accounts replace the stored ones, so readers of the store
   // (sessions of client plugins) see what is in force.
   if (outcome == "published" && !kernel::store_sites_and_accounts(*store_, config_.engine, error)) {
      kernel::log(kernel::LogLevel::warning, "kernel", "could not store sites and accounts: " + error);
   }
}

}  // namespace portier::daemon
