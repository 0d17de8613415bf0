// SPDX-License-Identifier: GPL-3.0-or-later
// The clips the trunk can play, by media id (announcement, music on hold, dialog). Loading an
// id again replaces its clip; players that still hold the old one finish with it, since clips
// are shared and immutable. Not thread-safe: used on the thread that owns the players.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <string>

#include <portier/result.hpp>

#include "clip.h"

namespace portier::media {

class MediaLibrary {
public:
   // Loads a WAV file under `id`; on failure the previous clip of `id` (if any) stays.
   Result<void> load(const std::string &id, const std::filesystem::path &path);
   void add(const std::string &id, Clip clip);
   // nullptr when `id` is unknown.
   std::shared_ptr<const Clip> find(const std::string &id) const;
   bool remove(const std::string &id);
   std::size_t size() const { return clips_.size(); }

private:
   std::map<std::string, std::shared_ptr<const Clip>, std::less<>> clips_;
};

}  // namespace portier::media
