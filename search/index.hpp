// The site search index (Xapian), written by `xasite build` beside the sites and read by
// `xasite search` and `xasite serve`. One database for the whole province: every procedure,
// document, page (and archived page), with boolean filters and value slots for facets.
#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "search/lexicon.hpp"

namespace xasite::search {

// One searchable thing. Text is NFC UTF-8.
struct SearchDocument {
    std::string id;    // unique: "procedure/1.001193", "directive/<slug>", "page/<site>/<path>",
                       // "archive/<old-code>/<path>"
    std::string type;  // "procedure" | "directive" | "page" | "archive"
    std::string code;  // procedure code ("1.001193") or document number and symbol ("156/KH-UBND");
                       // "" otherwise
    std::string title;
    // Where it is. Either `url`: a path from the output root ("xa-ea-kar/gioi-thieu/",
    // "van-ban/156-kh-ubnd-2025/", "luu-tru/huyen-ea-kar/…"); or `unit_path`: a path inside every
    // commune site ("thu-tuc/1.001193.html") for things every commune site carries — the result's
    // URL is then "<slug of the unit searched>/<unit_path>", or `fallback_url` when no unit is
    // given.
    std::string url;
    std::string unit_path;
    std::string fallback_url;  // absolute URL for unit-less searches of unit_path documents (the
                               // national portal)
    std::vector<std::string> units;   // new unit codes it is relevant to; empty = every commune
    std::string field;                // lĩnh vực (procedures), "" otherwise
    std::vector<std::string> levels;  // "commune" | "province" | "ministry" | "vertical" | "other"
    std::string online;               // "none" | "partial" | "full"
    bool boundary_free = false;
    std::string date;      // "YYYY-MM-DD" (or "YYYY-MM", "YYYY"); "" when unknown
    std::string issuer;    // directives: the issuing body
    std::string old_unit;  // archives: the old district code
    std::string keywords;  // medium weight: field, agencies, subjects, keywords, recipients
    std::string body;      // low weight: the full text
};

// Writes a new database at `dir` (which must not exist) and compacts it on finish(); or changes an
// existing one in place (an incremental build).
class IndexWriter {
  public:
    explicit IndexWriter(const std::filesystem::path& dir);
    // In place: opens the index at `dir` for writing. add() then replaces a document only when its
    // fields or the lexicon differ from the stored copy (a fingerprint kept with each document),
    // remove_unseen() deletes documents no add() named, and finish() commits without compacting
    // (readers see the old index or the new one: Xapian commits atomically). Throws
    // std::runtime_error when `dir` is not an index of this format.
    struct InPlace {};
    IndexWriter(const std::filesystem::path& dir, InPlace);
    ~IndexWriter();
    IndexWriter(const IndexWriter&) = delete;
    IndexWriter& operator=(const IndexWriter&) = delete;

    // The new units (code → site folder slug, and display name), stored in the database so that
    // queries can build URLs and filter by unit.
    void set_units(
        const std::map<std::string, std::pair<std::string, std::string>>& code_to_slug_and_name);
    // The language data (content/search: i/y variants, filler words, abbreviations, synonyms) of
    // the content tree (Lexicon::with_overrides); the built-in copy is used when this is not
    // called. Call before the first add().
    void set_lexicon(Lexicon lexicon);
    // Thread-safe: may be called from several threads (the text analysis runs in parallel). A
    // second document with the same id replaces the first.
    void add(const SearchDocument& doc);
    // Documents added (a new index), or documents in the index (in place).
    std::size_t count() const;
    // In place: deletes the documents that no add() named since opening and that `in_scope`
    // accepts (by id); returns how many.
    std::size_t remove_unseen(const std::function<bool(const std::string& id)>& in_scope);
    // In place: documents added, replaced or removed so far.
    std::size_t changed() const;
    // Commits and compacts (single-file is not required); in place, commits only. Throws
    // std::runtime_error on failure.
    void finish();

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// The marker file at the root of a built site. Its line "index: <name>" names the index built
// with the site ("<site>.xapian.g-<id>", beside it, never inside the web root): a build writes the
// new index first, then swaps the new site in, so the site and its index change in one atomic step.
inline constexpr const char* kSiteMarkerFile = ".xasite-site";

// The index of a built site directory: the one its marker names; "<site_dir>.xapian" for a site
// whose marker names none (older builds, --no-index).
std::filesystem::path index_path_for(const std::filesystem::path& site_dir);
// "<site_dir>.xapian": a link to the current index, kept for people and tools.
std::filesystem::path legacy_index_path_for(const std::filesystem::path& site_dir);

}  // namespace xasite::search
