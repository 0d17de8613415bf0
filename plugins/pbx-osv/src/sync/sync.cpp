// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync.h"

#include <algorithm>
#include <optional>
#include <string>
#include <utility>

#include <portier/portier.hpp>

#include "file_fetch.h"
#include "mp2_parser.h"

namespace portier::osv {
namespace {

portier_status refuse(portier_error *err, portier_status status, std::string_view why) {
   detail::write_error(err, 0, {"pbx.osv sync: ", why});
   return status;
}

std::string source_name(const SyncConfig &c) {
   if (c.source == SyncConfig::Source::file) return c.file;
   return "sftp://" + c.sftp.user + "@" + c.sftp.host + ":" + std::to_string(c.sftp.port) + c.sftp.remote_path;
}

}  // namespace

Sync::Sync(Host host, SyncConfig config) : host_(host), config_(std::move(config)) {}

Sync::~Sync() { stop(); }

void Sync::start() { started_ = true; }

void Sync::stop() {
   started_ = false;
   if (cancel_) cancel_->cancel();
   if (worker_.joinable()) worker_.join();
   cancel_.reset();
   std::lock_guard<std::mutex> lock(mu_);
   ready_.clear();
   order_.clear();
}

portier_status Sync::fetch(std::uint64_t correlation, portier_error *err) {
   if (!started_) return refuse(err, PORTIER_ERR_STATE, "not started");
   if (correlation == 0) return refuse(err, PORTIER_ERR_INVALID, "correlation must not be 0");
   if (busy_.load()) return refuse(err, PORTIER_ERR_BUSY, "a fetch is already under way");
   try {
      if (worker_.joinable()) worker_.join();  // done: it cleared busy_ before its last post
      cancel_ = std::make_unique<FetchCancel>();
      busy_.store(true);
      worker_ = std::thread([this, correlation, cancel = cancel_.get()] { run(correlation, *cancel); });
   } catch (const std::exception &e) {
      busy_.store(false);
      return refuse(err, PORTIER_ERR_NO_MEMORY, e.what());
   }
   return PORTIER_PENDING;
}

Result<SftpConfig> Sync::with_secrets() const {
   SftpConfig c = config_.sftp;
   if (c.key_file.empty() && c.password.empty()) {
      std::optional<std::string> password = host_.secret(kPasswordSecret);
      if (!password || password->empty()) {
         return portier::error(PORTIER_ERR_DENIED, std::string("no password: set sync.sftp.key_file, sync.sftp.password "
                                                               "or the plugin's secret '") + kPasswordSecret + "'");
      }
      c.password = std::move(*password);
   }
   if (!c.key_file.empty() && c.key_passphrase.empty()) {
      if (std::optional<std::string> phrase = host_.secret(kPassphraseSecret)) c.key_passphrase = std::move(*phrase);
   }
   return c;
}

Result<ExtensionList> Sync::fetch_and_parse(FetchCancel &cancel) const {
   const auto max_bytes = static_cast<std::size_t>(config_.max_bytes);
   Result<std::string> bytes = portier::error(PORTIER_ERR_INTERNAL, "no source");
   if (config_.source == SyncConfig::Source::file) {
      bytes = file_fetch(config_.file, max_bytes);
   } else {
      Result<SftpConfig> sftp = with_secrets();
      if (!sftp.ok()) return sftp.error();
      bytes = sftp_fetch(sftp.value(), max_bytes, cancel);
   }
   if (!bytes.ok()) return bytes.error();
   Mp2Limits limits;
   limits.max_bytes = max_bytes;
   Result<Mp2File> file = parse_mp2(bytes.value(), limits);
   if (!file.ok()) return file.error();
   return extensions_from(file.value());
}

void Sync::run(std::uint64_t correlation, FetchCancel &cancel) {
   auto ev = make_event<portier_pbx_result_event>(PORTIER_SPACE_PBX, PORTIER_PBX_EV_SYNC_READY);
   ev.header.correlation = correlation;
   try {
      Result<ExtensionList> list = fetch_and_parse(cancel);
      if (list.ok()) {
         const std::size_t count = list.value().extensions.size();
         host_.info("extension sync: " + std::to_string(count) + " extensions from " + source_name(config_) +
                    (list.value().skipped > 0 ? ", " + std::to_string(list.value().skipped) + " records skipped" : ""));
         keep(correlation, std::move(list.value().extensions));
         ev.status = PORTIER_OK;
      } else {
         host_.warn("extension sync from " + source_name(config_) + " failed: " + list.message());
         ev.status = list.status();
         set_text(ev.header, ev.message, list.message());
      }
   } catch (const std::exception &e) {
      host_.error(std::string("extension sync failed: ") + e.what());
      ev.status = PORTIER_ERR_NO_MEMORY;
      set_text(ev.header, ev.message, "out of memory");
   }
   busy_.store(false);
   if (auto posted = host_.post(ev); !posted.ok()) host_.warn("extension sync: result dropped: " + posted.message());
}

void Sync::keep(std::uint64_t correlation, std::vector<Extension> list) {
   std::lock_guard<std::mutex> lock(mu_);
   if (ready_.count(correlation) == 0) order_.push_back(correlation);
   ready_[correlation] = std::move(list);
   while (order_.size() > kMaxUnread) {
      host_.warn("extension sync: the list of fetch " + std::to_string(order_.front()) + " was never read; dropped");
      ready_.erase(order_.front());
      order_.erase(order_.begin());
   }
}

portier_status Sync::read(std::uint64_t correlation, portier_pbx_extension_sink sink, void *user,
                          portier_error *err) {
   if (!started_) return refuse(err, PORTIER_ERR_STATE, "not started");
   if (sink == nullptr) return refuse(err, PORTIER_ERR_INVALID, "sink is NULL");
   std::vector<Extension> list;
   {
      std::lock_guard<std::mutex> lock(mu_);
      auto it = ready_.find(correlation);
      if (it == ready_.end()) return refuse(err, PORTIER_ERR_NOT_FOUND, "no fetched list for this correlation");
      list = std::move(it->second);
      ready_.erase(it);
      order_.erase(std::remove(order_.begin(), order_.end(), correlation), order_.end());
   }
   for (const Extension &e : list) {
      portier_pbx_extension ext{};
      ext.struct_size = static_cast<std::uint32_t>(sizeof ext);
      ext.number = e.number.c_str();
      ext.e164 = e.e164.c_str();
      ext.display_name = e.display_name.c_str();
      ext.first_name = e.first_name.c_str();
      ext.last_name = e.last_name.c_str();
      ext.department = e.department.c_str();
      ext.email = e.email.c_str();
      if (!sink(user, &ext)) break;
   }
   return PORTIER_OK;
}

}  // namespace portier::osv
