#include "search/index.hpp"

#include <nlohmann/json.hpp>

#include <fstream>
#include <functional>
#include <mutex>
#include <optional>
#include <random>
#include <stdexcept>
#include <unordered_set>

#include <xapian.h>

#include "search/analyzer.hpp"
#include "search/index_layout.hpp"
#include "search/lexicon.hpp"

namespace xasite::search {

namespace fs = std::filesystem;

struct IndexWriter::Impl {
    fs::path dir;
    fs::path scratch;  // the uncompacted database, beside `dir`, removed by finish()
    std::optional<Xapian::WritableDatabase> db;
    std::mutex mutex;
    std::size_t count = 0;
    bool finished = false;
    std::optional<Lexicon> lexicon;  // set_lexicon(); the built-in one otherwise
    std::string units_json = "{}";
    bool in_place = false;
    std::unordered_set<std::string> seen;  // in place: the ids add() named
    std::size_t changed = 0;               // in place: documents added, replaced, removed
    std::optional<std::size_t> lexicon_hash;

    const Lexicon& active_lexicon() const { return lexicon ? *lexicon : Lexicon::builtin(); }
    // Under the mutex.
    std::size_t lexicon_fingerprint() {
        if (!lexicon_hash) lexicon_hash = std::hash<std::string>{}(active_lexicon().serialize());
        return *lexicon_hash;
    }
};

namespace {

// Every field of the document, the lexicon it is analysed with and the analysis version.
std::string fingerprint(const SearchDocument& d, std::size_t lexicon_hash) {
    std::string all;
    auto add = [&](const std::string& s) {
        all += s;
        all += '\x1f';
    };
    for (const std::string* f :
         {&d.id, &d.type, &d.code, &d.title, &d.url, &d.unit_path, &d.fallback_url, &d.field,
          &d.online, &d.date, &d.issuer, &d.old_unit, &d.keywords, &d.body})
        add(*f);
    for (const auto& u : d.units)
        add(u);
    all += '\x1e';
    for (const auto& l : d.levels)
        add(l);
    all += d.boundary_free ? '1' : '0';
    std::size_t h = std::hash<std::string>{}(all);
    return std::to_string(h) + "-" + std::to_string(lexicon_hash) + "-" +
           std::to_string(all.size()) + "-a" + std::to_string(layout::kAnalysisVersion);
}

}  // namespace

IndexWriter::IndexWriter(const fs::path& dir) : impl_(std::make_unique<Impl>()) {
    Impl& im = *impl_;
    im.dir = dir;
    std::error_code ec;
    if (fs::exists(dir, ec))
        throw std::runtime_error(dir.string() + ": the search index directory already exists");
    std::random_device rd;
    im.scratch = dir;
    im.scratch += ".writing-" + std::to_string(rd());
    if (dir.has_parent_path()) fs::create_directories(dir.parent_path(), ec);
    try {
        im.db.emplace(im.scratch.string(),
                      Xapian::DB_CREATE | Xapian::DB_BACKEND_GLASS | Xapian::DB_NO_SYNC);
    } catch (const Xapian::Error& e) {
        throw std::runtime_error(im.scratch.string() +
                                 ": cannot create the search index: " + e.get_description());
    }
}

IndexWriter::IndexWriter(const fs::path& dir, InPlace) : impl_(std::make_unique<Impl>()) {
    Impl& im = *impl_;
    im.dir = dir;
    im.in_place = true;
    try {
        im.db.emplace(dir.string(), Xapian::DB_OPEN | Xapian::DB_BACKEND_GLASS);
        if (im.db->get_metadata(std::string(layout::kMetaFormat)) != layout::kFormatVersion)
            throw std::runtime_error(dir.string() + ": a search index of another format");
    } catch (const Xapian::Error& e) {
        throw std::runtime_error(
            dir.string() + ": cannot open the search index to update it: " + e.get_description());
    }
}

IndexWriter::~IndexWriter() {
    if (!impl_) return;
    Impl& im = *impl_;
    try {
        // In place, an unfinished update is dropped: close() without commit() discards it.
        if (im.db) im.db->close();
    } catch (const Xapian::Error&) {
    }
    if (im.in_place) return;
    std::error_code ec;
    fs::remove_all(im.scratch, ec);
}

void IndexWriter::set_lexicon(Lexicon lexicon) {
    std::lock_guard<std::mutex> lock(impl_->mutex);
    if (impl_->count > 0)
        throw std::logic_error("IndexWriter::set_lexicon must be called before add()");
    impl_->lexicon = std::move(lexicon);
}

void IndexWriter::set_units(
    const std::map<std::string, std::pair<std::string, std::string>>& code_to_slug_and_name) {
    nlohmann::json j = nlohmann::json::object();
    for (const auto& [code, slug_name] : code_to_slug_and_name)
        j[code] = {slug_name.first, slug_name.second};
    std::lock_guard<std::mutex> lock(impl_->mutex);
    impl_->units_json = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void IndexWriter::add(const SearchDocument& doc) {
    Impl& im = *impl_;
    if (doc.id.empty()) throw std::invalid_argument("SearchDocument without an id");
    std::string id_term = std::string(layout::kId) + doc.id;
    std::string print;
    {
        std::lock_guard<std::mutex> lock(im.mutex);
        if (im.finished) throw std::logic_error("IndexWriter::add after finish()");
        print = fingerprint(doc, im.lexicon_fingerprint());
        if (im.in_place) {
            im.seen.insert(doc.id);
            try {
                auto post = im.db->postlist_begin(id_term);
                if (post != im.db->postlist_end(id_term) &&
                    im.db->get_document(*post).get_value(layout::kSlotFingerprint) == print)
                    return;  // unchanged
            } catch (const Xapian::Error& e) {
                throw std::runtime_error(im.dir.string() + ": " + e.get_description());
            }
        }
    }
    // Analysis is the expensive part and needs no lock.
    Xapian::Document xd = analyze(doc, im.active_lexicon());
    xd.add_value(layout::kSlotFingerprint, print);
    std::lock_guard<std::mutex> lock(im.mutex);
    try {
        im.db->replace_document(id_term, xd);
    } catch (const Xapian::Error& e) {
        throw std::runtime_error((im.in_place ? im.dir : im.scratch).string() + ": " +
                                 e.get_description());
    }
    ++im.count;
    ++im.changed;
}

std::size_t IndexWriter::remove_unseen(const std::function<bool(const std::string& id)>& in_scope) {
    Impl& im = *impl_;
    std::lock_guard<std::mutex> lock(im.mutex);
    if (!im.in_place) return 0;
    const std::string prefix(layout::kId);
    std::vector<std::string> gone;
    try {
        for (auto t = im.db->allterms_begin(prefix); t != im.db->allterms_end(prefix); ++t) {
            std::string id = (*t).substr(prefix.size());
            if (!im.seen.count(id) && in_scope(id)) gone.push_back(*t);
        }
        for (const auto& term : gone)
            im.db->delete_document(term);
    } catch (const Xapian::Error& e) {
        throw std::runtime_error(im.dir.string() + ": " + e.get_description());
    }
    im.changed += gone.size();
    return gone.size();
}

std::size_t IndexWriter::changed() const {
    std::lock_guard<std::mutex> lock(impl_->mutex);
    return impl_->changed;
}

std::size_t IndexWriter::count() const {
    std::lock_guard<std::mutex> lock(impl_->mutex);
    if (impl_->in_place && impl_->db) return impl_->db->get_doccount();
    return impl_->count;
}

void IndexWriter::finish() {
    Impl& im = *impl_;
    std::lock_guard<std::mutex> lock(im.mutex);
    if (im.finished) return;
    try {
        im.db->set_metadata(std::string(layout::kMetaFormat), std::string(layout::kFormatVersion));
        im.db->set_metadata(std::string(layout::kMetaUnits), im.units_json);
        im.db->set_metadata(std::string(layout::kMetaLexicon), im.active_lexicon().serialize());
        im.db->commit();
        if (im.in_place) {
            im.count = im.db->get_doccount();
            im.db->close();
            im.db.reset();
            im.finished = true;
            return;
        }
        im.db->compact(im.dir.string(), Xapian::DBCOMPACT_MULTIPASS);
        im.db->close();
        im.db.reset();
    } catch (const Xapian::Error& e) {
        std::error_code ec;
        if (!im.in_place) fs::remove_all(im.dir, ec);
        throw std::runtime_error(im.dir.string() +
                                 ": cannot write the search index: " + e.get_description());
    }
    im.finished = true;
    std::error_code ec;
    fs::remove_all(im.scratch, ec);
}

namespace {

fs::path without_trailing_slash(fs::path p) {
    while (p.has_filename() == false && p.has_parent_path() && p != p.parent_path())
        p = p.parent_path();  // "site/" → "site"
    return p;
}

}  // namespace

fs::path legacy_index_path_for(const fs::path& site_dir) {
    fs::path p = without_trailing_slash(site_dir);
    p += ".xapian";
    return p;
}

fs::path index_path_for(const fs::path& site_dir) {
    const fs::path site = without_trailing_slash(site_dir);
    const fs::path legacy = legacy_index_path_for(site);
    // The site's marker names the index built with it: "index: <site>.xapian.g-…".
    std::ifstream marker(site / kSiteMarkerFile);
    std::string line;
    const std::string key = "index: ";
    const std::string stem = legacy.filename().string() + ".g-";
    while (marker && std::getline(marker, line)) {
        if (line.compare(0, key.size(), key) != 0) continue;
        std::string name = line.substr(key.size());
        if (name.compare(0, stem.size(), stem) != 0 || name.find('/') != std::string::npos ||
            name.find("..") != std::string::npos)
            break;
        return site.parent_path() / name;
    }
    return legacy;
}

}  // namespace xasite::search
