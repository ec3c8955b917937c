// SearchDocument → Xapian::Document: the terms, positions, boolean filters, value slots and stored
// data of one searchable thing (layout in index_layout.hpp and docs/SEARCH-INDEX.md).
#pragma once

#include <string>

#include <xapian.h>

#include "search/index.hpp"

namespace xasite::search {

class Lexicon;

// Thread-safe (pure): documents can be analysed in parallel and added to the database under a
// lock. Text is put through NFC first; invalid UTF-8 bytes separate words.
Xapian::Document analyze(const SearchDocument& doc, const Lexicon& lexicon);

// A title's syllables folded as the index keeps them (value slot kSlotFoldedTitle), ' '-joined:
// codes and qualifiers in parentheses ("(cấp xã)") left out.
std::string fold_title(const std::string& title, const Lexicon& lexicon);

// What a result needs, stored as the document data (JSON with short keys).
struct StoredDocument {
    std::string id, type, code, title, url, unit_path, fallback_url, field, date;
    std::vector<std::string> units;
    std::string keywords;  // field, agencies… (shown when the body has nothing better)
    std::string excerpt;   // the start of the body (up to kExcerptBytes), for snippets
};
inline constexpr std::size_t kExcerptBytes = 1600;

std::string encode_stored(const StoredDocument& stored);
// Lenient: missing keys are empty; malformed data gives a document with only `id` empty.
StoredDocument decode_stored(const std::string& data);

}  // namespace xasite::search
