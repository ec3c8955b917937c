#include "search/index.hpp"

#include <nlohmann/json.hpp>

#include <mutex>
#include <optional>
#include <random>
#include <stdexcept>

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

    const Lexicon& active_lexicon() const { return lexicon ? *lexicon : Lexicon::builtin(); }
};

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

IndexWriter::~IndexWriter() {
    if (!impl_) return;
    Impl& im = *impl_;
    try {
        if (im.db) im.db->close();
    } catch (const Xapian::Error&) {
    }
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
    // Analysis is the expensive part and needs no lock.
    Xapian::Document xd = analyze(doc, im.active_lexicon());
    std::string id_term = "Q" + doc.id;
    std::lock_guard<std::mutex> lock(im.mutex);
    if (im.finished) throw std::logic_error("IndexWriter::add after finish()");
    try {
        im.db->replace_document(id_term, xd);
    } catch (const Xapian::Error& e) {
        throw std::runtime_error(im.scratch.string() + ": " + e.get_description());
    }
    ++im.count;
}

std::size_t IndexWriter::count() const {
    std::lock_guard<std::mutex> lock(impl_->mutex);
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
        im.db->compact(im.dir.string(), Xapian::DBCOMPACT_MULTIPASS);
        im.db->close();
        im.db.reset();
    } catch (const Xapian::Error& e) {
        std::error_code ec;
        fs::remove_all(im.dir, ec);
        throw std::runtime_error(im.dir.string() +
                                 ": cannot write the search index: " + e.get_description());
    }
    im.finished = true;
    std::error_code ec;
    fs::remove_all(im.scratch, ec);
}

fs::path index_path_for(const fs::path& site_dir) {
    fs::path p = site_dir;
    while (p.has_filename() == false && p.has_parent_path() && p != p.parent_path())
        p = p.parent_path();  // "site/" → "site"
    p += ".xapian";
    return p;
}

}  // namespace xasite::search
