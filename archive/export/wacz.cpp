// WACZ 1.1.1 export (webrecorder/specs wacz/1.1.1): see archive_export.hpp.
#include <archive.h>
#include <archive_entry.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <map>
#include <memory>
#include <set>

#include <nlohmann/json.hpp>

#include "archive/export/archive_export.hpp"
#include "archive/package/digest.hpp"
#include "archive/package/gzip.hpp"
#include "archive/package/io.hpp"
#include "archive/package/mime.hpp"
#include "archive/package/package.hpp"
#include "archive/package/transcode.hpp"
#include "archive/package/warc.hpp"
#include "core/ascii.hpp"
#include "core/error.hpp"
#include "core/files.hpp"
#include "core/html_parse.hpp"
#include "core/text.hpp"

namespace xasite::archive {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

constexpr const char* kWaczVersion = "1.1.1";

std::string sha256_hex(std::string_view data) {
    Digest d(DigestAlgorithm::sha256);
    d.update(data);
    return d.finish_hex();
}

std::string sha1_base32(std::string_view data) {
    Digest d(DigestAlgorithm::sha1);
    d.update(data);
    return Digest::to_base32(d.finish());
}

std::string file_sha256(const fs::path& path, std::uint64_t& bytes) {
    FileInput in(path);
    Digest d(DigestAlgorithm::sha256);
    std::string buf(1 << 16, '\0');
    bytes = 0;
    while (std::size_t n = in.read(buf.data(), buf.size())) {
        d.update(std::string_view(buf.data(), n));
        bytes += n;
    }
    return d.finish_hex();
}

// A record id that is the same at every export of the same capture (a name-based UUID from the
// SHA-1 of what identifies the capture), so two exports of one package hold the same WARC.
std::string stable_record_id(std::string_view seed) {
    Digest d(DigestAlgorithm::sha1);
    d.update(seed);
    std::string h = Digest::to_hex(d.finish()).substr(0, 32);
    h[12] = '5';
    h[16] = "89ab"[(h[16] - '0') & 3];
    return "<urn:uuid:" + h.substr(0, 8) + "-" + h.substr(8, 4) + "-" + h.substr(12, 4) + "-" +
           h.substr(16, 4) + "-" + h.substr(20, 12) + ">";
}

// --- page text for pages.jsonl ---------------------------------------------------------------

std::string page_utf8(std::string_view bytes, const std::string& charset) {
    if (text::is_valid_utf8(bytes)) return text::nfc(bytes);
    std::string label = charset.empty() ? std::string("windows-1258") : charset;
    try {
        return text::nfc(icu_to_utf8(bytes, label.c_str()));
    } catch (const std::exception&) {
        return text::nfc(repair_utf8(bytes));
    }
}

void collect_text(const GumboNode* node, std::string& out) {
    if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_WHITESPACE ||
        node->type == GUMBO_NODE_CDATA) {
        out += node->v.text.text;
        out += ' ';
        return;
    }
    if (!html::is_element(node)) return;
    switch (html::tag_of(node)) {
        case GUMBO_TAG_SCRIPT:
        case GUMBO_TAG_STYLE:
        case GUMBO_TAG_TEMPLATE:
        case GUMBO_TAG_HEAD:
            return;
        default:
            break;
    }
    const GumboVector& children = node->v.element.children;
    for (unsigned i = 0; i < children.length; ++i)
        collect_text(static_cast<const GumboNode*>(children.data[i]), out);
}

const GumboNode* find_tag(const GumboNode* node, GumboTag tag) {
    if (!html::is_element(node)) return nullptr;
    if (html::tag_of(node) == tag) return node;
    const GumboVector& children = node->v.element.children;
    for (unsigned i = 0; i < children.length; ++i)
        if (auto* f = find_tag(static_cast<const GumboNode*>(children.data[i]), tag)) return f;
    return nullptr;
}

std::string squeeze(std::string_view s) {
    std::string out;
    bool space = false;
    for (char c : s) {
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
            space = !out.empty();
            continue;
        }
        if (space) out += ' ';
        space = false;
        out += c;
    }
    return out;
}

void page_title_text(std::string_view html_bytes, const std::string& charset, std::string& title,
                     std::string& text) {
    const std::string utf8 = page_utf8(html_bytes, charset);
    html::Document doc = html::parse(utf8);
    std::string t;
    if (const GumboNode* tn = find_tag(doc->root, GUMBO_TAG_TITLE)) {
        const GumboVector& c = tn->v.element.children;
        for (unsigned i = 0; i < c.length; ++i) {
            auto* n = static_cast<const GumboNode*>(c.data[i]);
            if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_WHITESPACE) t += n->v.text.text;
        }
    }
    title = squeeze(t);
    std::string body;
    collect_text(doc->root, body);
    text = squeeze(body);
}

// --- the WARC of a mirror --------------------------------------------------------------------

struct IndexEntry {
    std::string key, timestamp, line;
};

std::string cdxj_line(const std::string& url, const std::string& iso, const std::string& mime,
                      int status, const std::string& digest, std::uint64_t length,
                      std::uint64_t offset, const std::string& filename) {
    json j = json::object();
    // pywb/py-wacz key order: url, mime, status, digest, length, offset, filename.
    std::string out = surt_key(url) + " " + cdx_timestamp(iso) + " {";
    auto put = [&](const char* k, const json& v, bool first = false) {
        if (!first) out += ", ";
        out += json(k).dump() + ": " + v.dump();
    };
    put("url", url, true);
    if (!mime.empty()) put("mime", mime);
    if (status > 0) put("status", std::to_string(status));
    if (!digest.empty()) put("digest", digest);
    put("length", std::to_string(length));
    put("offset", std::to_string(offset));
    put("filename", filename);
    return out + "}";
}

std::string strip_digest_prefix(std::string_view d) {
    if (auto colon = d.find(':'); colon != std::string_view::npos) d.remove_prefix(colon + 1);
    return std::string(d);
}

std::string warc_record(const std::vector<std::pair<std::string, std::string>>& fields,
                        std::string_view block) {
    std::string r = "WARC/1.1\r\n";
    for (const auto& [k, v] : fields)
        r += k + ": " + v + "\r\n";
    r += "Content-Length: " + std::to_string(block.size()) + "\r\n\r\n";
    r.append(block);
    r += "\r\n\r\n";
    return r;
}

// Writes the mirror captures (kind "file") as WARC 1.1 resource records, one gzip member each.
void write_mirror_warc(const PackageData& data, const fs::path& path, const std::string& filename,
                       const ExportOptions& options, const std::string& created,
                       std::vector<IndexEntry>& index, ExportReport& report) {
    FileOutput out(path);
    std::uint64_t offset = 0;
    auto emit = [&](const std::string& record) {
        std::string gz = gzip_compress(record);
        out.write(gz);
        std::uint64_t at = offset;
        offset += gz.size();
        return std::pair{at, static_cast<std::uint64_t>(gz.size())};
    };
    std::string info = "software: " + options.software + "\r\nformat: WARC File Format 1.1\r\n" +
                       "conformsTo: http://iipc.github.io/warc-specifications/specifications/" +
                       "warc-format/warc-1.1/\r\ndescription: captures of the mirror " +
                       "backup(s) of " + data.unit.name + " (" + data.unit.code +
                       "), written from the preservation package\r\n";
    emit(warc_record({{"WARC-Type", "warcinfo"},
                      {"WARC-Record-ID", stable_record_id("warcinfo " + filename)},
                      {"WARC-Date", created},
                      {"WARC-Filename", filename},
                      {"Content-Type", "application/warc-fields"}},
                     info));
    for (const Record& r : data.records) {
        if (r.kind != "file") continue;
        std::string body;
        if (!r.payload.empty()) body = read_file(data.dir / r.payload);
        const std::string digest = "sha1:" + sha1_base32(body);
        std::string type = r.mime.empty() ? "application/octet-stream" : r.mime;
        if (!r.charset.empty()) type += "; charset=" + r.charset;
        auto [at, len] = emit(warc_record(
            {{"WARC-Type", "resource"},
             {"WARC-Record-ID", stable_record_id(r.url + " " + r.date + " " + r.sha256)},
             {"WARC-Date", r.date},
             {"WARC-Target-URI", r.url},
             {"WARC-Payload-Digest", digest},
             {"WARC-Block-Digest", digest},
             {"Content-Type", type}},
            body));
        index.push_back({surt_key(r.url), cdx_timestamp(r.date),
                         cdxj_line(r.url, r.date, r.mime, 200, strip_digest_prefix(digest), len, at,
                                   filename)});
    }
    out.close();
    report.wrote_warc = true;
}

// Indexes an original WARC of the package as warcio's and pywb's indexers do: every response,
// revisit, resource and metadata record (not warcinfo, request, or application/warc-fields),
// with the WARC's own URI, date and payload digest; status and media type of HTTP responses
// from the package's records. Length: the record's gzip member, or in an uncompressed file the
// record without the separator that follows it.
void index_original_warc(const PackageData& data, const std::string& source_path,
                         const std::string& filename, std::vector<IndexEntry>& index,
                         ExportReport& report) {
    std::map<std::uint64_t, const Record*> captures;
    for (const Record& r : data.records)
        if (r.source == source_path && r.kind != "file") captures.emplace(r.offset, &r);
    const fs::path path = data.dir / source_path;
    struct Seen {
        std::uint64_t offset;
        std::string type, uri, date, digest, content_type;
    };
    std::vector<Seen> seen;
    bool whole_member = false, gzip = false;
    {
        FileInput in(path);
        WarcReader reader(in, filename);
        WarcRecord rec;
        try {
            while (reader.next(rec)) {
                seen.push_back({rec.offset, rec.type(), rec.target_uri(), rec.date(),
                                std::string(rec.field("WARC-Payload-Digest")),
                                std::string(rec.field("Content-Type"))});
                if (!rec.member_start) whole_member = true;
            }
        } catch (const StreamError& e) {
            reader.stop(e);
        }
        gzip = reader.gzip();
        if (reader.stopped()) report.warnings.push_back(*reader.stopped());
    }
    if (whole_member)
        report.warnings.push_back(filename +
                                  ": one gzip member holds several records; replay tools "
                                  "cannot read its records by offset");
    const std::uint64_t size = fs::file_size(path);
    const std::string bytes = gzip ? std::string() : read_file(path);
    for (std::size_t i = 0; i < seen.size(); ++i) {
        const Seen& w = seen[i];
        const bool fields = media_type(w.content_type) == "application/warc-fields";
        if (w.type == "warcinfo" || w.type == "request" ||
            ((w.type == "metadata" || w.type == "resource") && fields) ||
            (w.type != "response" && w.type != "revisit" && w.type != "resource" &&
             w.type != "metadata"))
            continue;
        std::uint64_t end = i + 1 < seen.size() ? seen[i + 1].offset : size;
        if (!gzip)  // the record separator is not part of the record
            for (int k = 0;
                 k < 2 && end >= w.offset + 2 && bytes[end - 2] == '\r' && bytes[end - 1] == '\n';
                 ++k)
                end -= 2;
        std::string mime;
        int status = 0;
        auto it = captures.find(w.offset);
        if (w.type == "revisit") {
            mime = "warc/revisit";
        } else if (w.type == "response") {
            if (it != captures.end()) {
                std::string_view recorded = field_value(it->second->headers, "Content-Type");
                mime = recorded.empty() ? it->second->mime : media_type(recorded);
            }
        } else {
            mime = media_type(w.content_type);
        }
        if (it != captures.end()) status = it->second->status;
        index.push_back({surt_key(w.uri), cdx_timestamp(w.date),
                         cdxj_line(w.uri, w.date, mime, status, strip_digest_prefix(w.digest),
                                   end - w.offset, w.offset, filename)});
    }
}

// --- the ZIP ---------------------------------------------------------------------------------

struct ArchiveWriterDeleter {
    void operator()(struct archive* a) const { archive_write_free(a); }
};
struct EntryDeleter {
    void operator()(archive_entry* e) const { archive_entry_free(e); }
};

class ZipWriter {
  public:
    explicit ZipWriter(const fs::path& path) : a_(archive_write_new()) {
        if (!a_ || archive_write_set_format_zip(a_.get()) != ARCHIVE_OK ||
            archive_write_open_filename(a_.get(), path.c_str()) != ARCHIVE_OK)
            fail(path.string());
    }
    void add_file(const std::string& name, const fs::path& from, bool store) {
        start(name, fs::file_size(from), store);
        FileInput in(from);
        std::string buf(1 << 16, '\0');
        while (std::size_t n = in.read(buf.data(), buf.size()))
            write(buf.data(), n, name);
        finish_entry(name);
    }
    void add_data(const std::string& name, std::string_view data, bool store) {
        start(name, data.size(), store);
        write(data.data(), data.size(), name);
        finish_entry(name);
    }
    void close() {
        if (archive_write_close(a_.get()) != ARCHIVE_OK) fail("closing");
    }

  private:
    void start(const std::string& name, std::uint64_t size, bool store) {
        int rc = store ? archive_write_zip_set_compression_store(a_.get())
                       : archive_write_zip_set_compression_deflate(a_.get());
        if (rc != ARCHIVE_OK) fail(name);
        std::unique_ptr<archive_entry, EntryDeleter> e(archive_entry_new());
        archive_entry_set_pathname(e.get(), name.c_str());
        archive_entry_set_filetype(e.get(), AE_IFREG);
        archive_entry_set_perm(e.get(), 0644);
        archive_entry_set_size(e.get(), static_cast<la_int64_t>(size));
        archive_entry_set_mtime(e.get(), mtime_, 0);
        if (archive_write_header(a_.get(), e.get()) != ARCHIVE_OK) fail(name);
    }
    void write(const char* p, std::size_t n, const std::string& name) {
        if (archive_write_data(a_.get(), p, n) != static_cast<la_ssize_t>(n)) fail(name);
    }
    void finish_entry(const std::string& name) {
        if (archive_write_finish_entry(a_.get()) != ARCHIVE_OK) fail(name);
    }
    [[noreturn]] void fail(const std::string& what) {
        const char* msg = a_ ? archive_error_string(a_.get()) : nullptr;
        throw InputError(what, msg ? msg : "cannot write the zip");
    }
    std::unique_ptr<struct archive, ArchiveWriterDeleter> a_;
    std::time_t mtime_ = std::time(nullptr);
};

// Removes the staging files on every way out.
struct Staging {
    fs::path dir;
    ~Staging() { remove_tree_quietly(dir); }
};

json resource(const std::string& path, const std::string& sha256, std::uint64_t bytes) {
    return {{"name", fs::path(path).filename().string()},
            {"path", path},
            {"hash", "sha256:" + sha256},
            {"bytes", bytes}};
}

}  // namespace

std::string cdx_timestamp(std::string_view iso) {
    std::string out;
    for (char c : iso)
        if (c >= '0' && c <= '9') out += c;
    out.resize(14, '0');
    return out;
}

std::string surt_key(std::string_view url_text) {
    auto parsed = url::parse_absolute_url(url_text);
    if (!parsed || !parsed->is_http()) return std::string(url_text);  // as warcio: unchanged
    std::string host = ascii::lower(parsed->host);
    // warcio and pywb drop "www", "www2", … before reversing.
    if (host.rfind("www", 0) == 0) {
        std::size_t i = 3;
        while (i < host.size() && host[i] >= '0' && host[i] <= '9')
            ++i;
        if (i < host.size() && host[i] == '.') host.erase(0, i + 1);
    }
    std::vector<std::string_view> labels = text::split(host, '.');
    std::string key;
    for (auto it = labels.rbegin(); it != labels.rend(); ++it) {
        if (!key.empty()) key += ',';
        key.append(*it);
    }
    if (!parsed->port.empty()) key += ":" + parsed->port;
    key += ")";
    key += ascii::lower(parsed->path.empty() ? std::string("/") : parsed->path);
    if (parsed->has_query && !parsed->query.empty()) {
        // The "name=value" parts sorted as strings, as warcio's getSurt does.
        const std::string query = ascii::lower(parsed->query);
        std::vector<std::string_view> params = text::split(query, '&');
        std::sort(params.begin(), params.end());
        key += '?';
        for (std::size_t i = 0; i < params.size(); ++i) {
            if (i) key += '&';
            key.append(params[i]);
        }
    }
    return key;
}

ExportReport export_wacz(const fs::path& package_dir, const fs::path& output,
                         const ExportOptions& options) {
    ExportReport report;
    Staging staging{output.parent_path().empty()
                        ? fs::path(".wacz-export-" + std::to_string(::getpid()))
                        : output.parent_path() / (".wacz-export-" + std::to_string(::getpid()))};
    try {
        const PackageData data = load_package_data(package_dir);
        const std::string created = options.created.empty() ? now_iso() : options.created;
        fs::create_directories(staging.dir);

        std::vector<IndexEntry> index;
        std::vector<std::pair<std::string, fs::path>> warcs;  // name in the zip, file
        bool has_mirror_captures = false;
        for (const Record& r : data.records)
            if (r.kind == "file") has_mirror_captures = true;
        std::set<std::string> names;
        for (const json& s : data.capture.value("sources", json::array())) {
            const std::string format = s.value("format", "");
            if (format != "warc" && format != "warc.gz") continue;
            const std::string path = s.value("path", "");
            const std::string name = fs::path(path).filename().string();
            index_original_warc(data, path, name, index, report);
            warcs.emplace_back("archive/" + name, package_dir / path);
            names.insert(name);
        }
        if (has_mirror_captures) {
            std::string name = "xasite-" + data.unit.code + "-mirror.warc.gz";
            while (names.count(name))
                name = "x-" + name;
            const fs::path file = staging.dir / name;
            write_mirror_warc(data, file, name, options, created, index, report);
            warcs.emplace_back("archive/" + name, file);
        }
        if (warcs.empty()) throw InputError(package_dir.string(), "the package holds no capture");

        std::sort(index.begin(), index.end(),
                  [](const IndexEntry& a, const IndexEntry& b) { return a.line < b.line; });
        std::string cdxj;
        for (const auto& e : index)
            cdxj += e.line + "\n";
        report.index_lines = index.size();

        // Pages: the HTML captures with a 2xx status and a body, one per URL, in record order.
        Catalog catalog(data);
        std::string pages =
            json{{"format", "json-pages-1.0"},
                 {"id", "pages"},
                 {"title", data.unit.name.empty() ? data.unit.code : data.unit.name},
                 {"hasText", true}}
                .dump() +
            "\n";
        std::set<std::string> seen;
        for (const Record& r : data.records) {
            if (r.kind == "revisit" || r.status < 200 || r.status > 299 || r.payload.empty() ||
                r.mime != "text/html" || !seen.insert(r.url).second)
                continue;
            std::string title, text;
            page_title_text(read_file(data.dir / r.payload), r.charset, title, text);
            json line = {{"id", sha256_hex(r.url + " " + r.date).substr(0, 32)},
                         {"url", r.url},
                         {"ts", r.date},
                         {"title", title.empty() ? r.url : title},
                         {"text", text},
                         {"size", r.bytes}};
            pages += line.dump(-1, ' ', false, json::error_handler_t::replace) + "\n";
            ++report.pages;
        }

        // datapackage.json: every file with its SHA-256 and size.
        json resources = json::array();
        for (const auto& [name, file] : warcs) {
            std::uint64_t bytes = 0;
            std::string h = file_sha256(file, bytes);
            resources.push_back(resource(name, h, bytes));
            report.warcs.push_back(name);
        }
        resources.push_back(resource("indexes/index.cdxj", sha256_hex(cdxj), cdxj.size()));
        resources.push_back(resource("pages/pages.jsonl", sha256_hex(pages), pages.size()));
        json dp = {
            {"profile", "data-package"},
            {"wacz_version", kWaczVersion},
            {"title", data.unit.name.empty() ? data.unit.code : data.unit.name},
            {"description", "Trang lưu trữ của " + data.unit.name + " (mã " + data.unit.code +
                                "), bản lưu " + data.capture.value("captured", "") +
                                "; xuất từ gói lưu trữ xasite-luu-tru-" + data.unit.code + "."},
            {"created", created},
            {"modified", created},
            {"software", options.software},
            {"resources", resources}};
        if (const Catalog::Entry* home = catalog.home()) {
            const Record& r = catalog.records()[home->record];
            dp["mainPageUrl"] = r.url;
            dp["mainPageDate"] = r.date;
        }
        const std::string dp_text = dp.dump(2) + "\n";
        const json digest = {{"path", "datapackage.json"},
                             {"hash", "sha256:" + sha256_hex(dp_text)}};

        const fs::path tmp = staging.dir / "out.wacz";
        {
            ZipWriter zip(tmp);
            for (const auto& [name, file] : warcs)
                zip.add_file(name, file, true);
            zip.add_data("indexes/index.cdxj", cdxj, false);
            zip.add_data("pages/pages.jsonl", pages, false);
            zip.add_data("datapackage.json", dp_text, false);
            zip.add_data("datapackage-digest.json", digest.dump(2) + "\n", false);
            zip.close();
        }
        fs::rename(tmp, output);
        report.ok = true;
    } catch (const std::exception& e) {
        report.ok = false;
        report.error = e.what();
    }
    return report;
}

}  // namespace xasite::archive
