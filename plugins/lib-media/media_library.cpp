// SPDX-License-Identifier: GPL-3.0-or-later
#include "media_library.h"

#include "wav.h"

namespace portier::media {

Result<void> MediaLibrary::load(const std::string &id, const std::filesystem::path &path) {
   auto clip = load_wav(path);
   if (!clip) return error(clip.status(), "media '" + id + "': " + clip.message());
   add(id, std::move(clip).value());
   return ok();
}

void MediaLibrary::add(const std::string &id, Clip clip) {
   clips_[id] = std::make_shared<const Clip>(std::move(clip));
}

std::shared_ptr<const Clip> MediaLibrary::find(const std::string &id) const {
   const auto it = clips_.find(id);
   return it == clips_.end() ? nullptr : it->second;
}

bool MediaLibrary::remove(const std::string &id) { return clips_.erase(id) > 0; }

}  // namespace portier::media
