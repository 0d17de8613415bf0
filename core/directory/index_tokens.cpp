// SPDX-License-Identifier: GPL-3.0-or-later
#include "directory/index_tokens.h"

#include <memory>

#include <sqlite3.h>

namespace portier::directory {

namespace {

// The arguments name_index's tokenize= option gives unicode61 (directory_db.cpp).
const char *kTokenizerArgs[] = {"remove_diacritics", "2"};

struct Visitor {
   void *context;
   void (*visit)(void *, std::string_view);
};

int on_token(void *context, int, const char *token, int bytes, int, int) {
   const auto *visitor = static_cast<Visitor *>(context);
   visitor->visit(visitor->context, std::string_view(token, static_cast<std::size_t>(bytes)));
   return SQLITE_OK;
}

}  // namespace

DirectoryResult<IndexTokens> IndexTokens::open(sqlite3 *db) {
   // FTS5 hands out its API through a pointer-typed SQL value (sqlite.org/fts5.html, "Extending FTS5").
   fts5_api *api = nullptr;
   sqlite3_stmt *statement = nullptr;
   if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &statement, nullptr) != SQLITE_OK)
      return DirectoryError{std::string("FTS5 API: ") + sqlite3_errmsg(db)};
   sqlite3_bind_pointer(statement, 1, static_cast<void *>(&api), "fts5_api_ptr", nullptr);
   sqlite3_step(statement);
   sqlite3_finalize(statement);
   if (api == nullptr || api->iVersion < 2) return DirectoryError{"FTS5 API: not available"};
   void *user_data = nullptr;
   auto methods = std::make_unique<fts5_tokenizer>();
   if (api->xFindTokenizer(api, "unicode61", &user_data, methods.get()) != SQLITE_OK)
      return DirectoryError{"FTS5 API: no unicode61 tokenizer"};
   Fts5Tokenizer *instance = nullptr;
   if (methods->xCreate(user_data, kTokenizerArgs, 2, &instance) != SQLITE_OK)
      return DirectoryError{"FTS5 API: unicode61 refused its arguments"};
   return IndexTokens(instance, methods.release());
}

IndexTokens::IndexTokens(Fts5Tokenizer *instance, fts5_tokenizer *methods) : instance_(instance), methods_(methods) {}

IndexTokens::IndexTokens(IndexTokens &&other) noexcept : instance_(other.instance_), methods_(other.methods_) {
   other.instance_ = nullptr;
   other.methods_ = nullptr;
}

IndexTokens::~IndexTokens() {
   if (instance_ != nullptr) methods_->xDelete(instance_);
   delete methods_;
}

std::string IndexTokens::tokenize(std::string_view text, void *context, void (*visit)(void *, std::string_view)) {
   Visitor visitor{context, visit};
   const int rc = methods_->xTokenize(instance_, &visitor, FTS5_TOKENIZE_DOCUMENT, text.data(),
                                      static_cast<int>(text.size()), on_token);
   return rc == SQLITE_OK ? std::string{} : "tokenizer: " + std::string(sqlite3_errstr(rc));
}

}  // namespace portier::directory
