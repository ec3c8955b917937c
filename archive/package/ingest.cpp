// `xasite archive ingest`: backups → a BagIt preservation package (see package.hpp for the layout).
// The new state of the package is built in a staging folder beside it (content/archives/.<code>.
// ingest-…): the previous package's files are hard-linked into it (never written through: every
// file that changes is unlinked and created anew), the sources are copied byte for byte and read
// from the copy, and the staging folder replaces the package in one atomic exchange. Any failure
// removes the staging folder and leaves the previous package as it was.
#include <fcntl.h>
#include <stdio.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <sstream>

#include "archive/package/archive_package.hpp"
#include "archive/package/bagit.hpp"
#include "archive/package/digest.hpp"
#include "archive/package/gzip.hpp"
#include "archive/package/http.hpp"
#include "archive/package/io.hpp"
#include "archive/package/mime.hpp"
#include "archive/package/mirror.hpp"
#include "archive/package/package.hpp"
#include "archive/package/url.hpp"
#include "archive/package/warc.hpp"
#include "core/ascii.hpp"
#include "core/error.hpp"
#include "core/files.hpp"
#include "core/text.hpp"

namespace xasite::archive {

namespace fs = std::filesystem;
using json = nlohmann::json;

namespace {

constexpr std::size_t kHeadLimit = 64 * 1024;
constexpr std::size_t kHeaderBytesKept = 8 * 1024;

// Payload files: written to a temporary file while hashed, then moved to data/records/<aa>/<sha>.
class PayloadStore {
  public:
    PayloadStore(fs::path bag, Manifest& manifest) : bag_(std::move(bag)), manifest_(manifest) {}

    class Writer {
      public:
        explicit Writer(const fs::path& tmp) : path(tmp), out(tmp) {}
        void write(std::string_view d) {
            if (d.empty()) return;
            out.write(d);
            digest.update(d);
            if (head.size() < 1024) head.append(d.substr(0, 1024 - head.size()));
            size += d.size();
        }
        fs::path path;
        FileOutput out;
        BagDigest digest;
        std::string head;
        std::uint64_t size = 0;
    };

    std::unique_ptr<Writer> begin() {
        fs::path tmp = bag_ / ".tmp";
        fs::create_directories(tmp);
        return std::make_unique<Writer>(tmp / ("p" + std::to_string(++counter_)));
    }

    // Returns the payload path ("" for an empty body) and fills `digest`.
    std::string commit(Writer& w, FileDigest& digest) {
        w.out.close();
        digest = w.digest.finish();
        if (w.size == 0) {
            std::error_code ec;
            fs::remove(w.path, ec);
            return "";
        }
        std::string relpath = "data/records/" + digest.sha256.substr(0, 2) + "/" + digest.sha256;
        if (manifest_.count(relpath)) {
            std::error_code ec;
            fs::remove(w.path, ec);  // same bytes stored already
            return relpath;
        }
        fs::path dst = bag_ / relpath;
        fs::create_directories(dst.parent_path());
        fs::rename(w.path, dst);
        manifest_[relpath] = digest;
        return relpath;
    }

    void abort(Writer& w) {
        try {
            w.out.close();
        } catch (const std::exception&) {
        }
        std::error_code ec;
        fs::remove(w.path, ec);
    }

  private:
    fs::path bag_;
    Manifest& manifest_;
    std::size_t counter_ = 0;
};

struct SourceResult {
    std::string name, rel, format;
    FileDigest digest;
    std::map<std::string, std::size_t> types;
    std::size_t kept = 0, payloads = 0, over_limit = 0;
    std::vector<std::string> warnings;
    std::string stopped;
    json warcinfo = json::object();
};

std::string limit_text(const InflateLimits& l) {
    return "the larger of " + std::to_string(l.floor) + " bytes and " + std::to_string(l.ratio) +
           " times its size in the file";
}

std::string printable_head(std::string_view s) {
    std::string out;
    for (char c : s.substr(0, 16)) {
        auto u = static_cast<unsigned char>(c);
        if (u >= 0x20 && u < 0x7f)
            out.push_back(c);
        else {
            char b[8];
            std::snprintf(b, sizeof b, "\\x%02x", u);
            out += b;
        }
    }
    return out;
}

std::string detect_format(const fs::path& p, std::string& head_out) {
    std::string head;
    {
        FileInput in(p);
        head.resize(4096);
        std::size_t got = 0;
        for (;;) {
            std::size_t n = in.read(head.data() + got, head.size() - got);
            if (n == 0) break;
            got += n;
            if (got == head.size()) break;
        }
        head.resize(got);
    }
    head_out = head;
    auto starts = [&](std::string_view s, std::string_view pre) {
        return s.substr(0, pre.size()) == pre;
    };
    auto ustar = [](std::string_view s) { return s.size() > 262 && s.substr(257, 5) == "ustar"; };
    if (looks_gzip(head)) {
        FileInput in(p);
        DecompressedStream ds(in);
        std::string inner;
        try {
            ds.fill(512);
            inner = std::string(ds.available().substr(0, 512));
        } catch (const StreamError&) {
            inner.clear();
        }
        head_out = inner;
        if (starts(inner, "WARC/")) return "warc.gz";
        if (starts(inner, "filedesc://")) return "arc.gz";
        if (ustar(inner)) return "tar.gz";
        return "gzip";
    }
    if (starts(head, "WARC/")) return "warc";
    if (starts(head, "filedesc://")) return "arc";
    if (starts(head, "PK\x03\x04") || starts(head, "PK\x05\x06")) return "zip";
    if (starts(head, std::string_view("7z\xBC\xAF\x27\x1C", 6))) return "7z";
    if (ustar(head)) return "tar";
    if (starts(head, "BZh")) return "tar.bz2";
    if (starts(head, std::string_view("\xFD"
                                      "7zXZ\0",
                                      6)))
        return "tar.xz";
    return "";
}

// WARC and ARC files hold records; the other sources (mirrors) members.
bool is_record_format(std::string_view format) {
    return format.rfind("warc", 0) == 0 || format.rfind("arc", 0) == 0;
}

bool warc_name(std::string_view n) {
    std::string l(n);
    ascii::lower_in_place(l);
    auto ends = [&](std::string_view s) {
        return l.size() >= s.size() && l.substr(l.size() - s.size()) == s;
    };
    return ends(".warc") || ends(".warc.gz") || ends(".arc") || ends(".arc.gz");
}

std::string safe_source_name(const fs::path& p) {
    std::string n = p.filename().string();
    if (!text::is_valid_utf8(n)) {
        std::string out;
        for (char c : n)
            out.push_back(static_cast<unsigned char>(c) < 0x80 ? c : '_');
        n = out;
    }
    n = text::nfc(n);
    for (auto& c : n)
        if (c == '/' || c == '\\' || static_cast<unsigned char>(c) < 0x20) c = '_';
    if (n.empty() || n.front() == '.') n = "_" + n;
    return n;
}

std::string numbered_name(const std::string& name, int k) {
    auto dot = name.find('.');
    if (dot == std::string::npos || dot == 0) return name + "-" + std::to_string(k);
    return name.substr(0, dot) + "-" + std::to_string(k) + name.substr(dot);
}

// The captures, spilled to a JSON-lines file in the staging folder as they are read, with a
// compact index (record ids, payload digests and URL keys → line offsets) for revisit
// resolution, so memory does not grow with what the records hold. finish() writes
// records.jsonl with the revisits resolved to their originals.
class RecordSpill {
  public:
    explicit RecordSpill(fs::path path) : path_(std::move(path)), out_(path_) {}

    void add(const Record& r) {
        std::uint64_t at = offset_;
        std::string line = record_to_json(r).dump() + "\n";
        buf_ += line;
        offset_ += line.size();
        if (buf_.size() > (1u << 20)) flush();
        ++count_;
        add_host_rule(hosts_, r);
        if (r.date.size() >= 10 && r.date.substr(0, 10) > latest_day_)
            latest_day_ = r.date.substr(0, 10);
        if (r.date.size() >= 10 && r.date.substr(0, 10) > source_latest_day_)
            source_latest_day_ = r.date.substr(0, 10);
        if (r.kind == "revisit") {
            if (r.revisit_of.empty()) revisits_.insert(at);
            return;
        }
        if (r.payload.empty() && r.bytes != 0) return;
        if (r.payload.empty() && !(r.status >= 200 && r.status < 300)) return;
        if (!r.record_id.empty()) by_id_.emplace(r.record_id, at);
        if (!r.payload_digest.empty()) by_digest_.emplace(r.payload_digest, at);
        std::string k = key_of(r.url);
        by_uri_date_.emplace(k + " " + r.date, at);
        auto it = by_uri_.find(k);
        if (it == by_uri_.end() || it->second.first <= r.date) by_uri_[k] = {r.date, at};
    }

    std::size_t size() const { return count_; }
    const std::string& latest_day() const { return latest_day_; }
    // The latest day of the records added since begin_source().
    void begin_source() { source_latest_day_.clear(); }
    const std::string& source_latest_day() const { return source_latest_day_; }
    std::vector<HostRule> hosts() const {
        std::vector<HostRule> out;
        for (const auto& [k, v] : hosts_)
            out.push_back(v);
        return out;
    }

    // Writes `dest` (records in order, revisits resolved) and returns the warnings about
    // revisits whose original is not in the package.
    std::vector<std::string> finish(const fs::path& dest, CaptureCounter& counter) {
        flush();
        out_.close();
        std::vector<std::string> warnings;
        std::ifstream in(path_, std::ios::binary), orig_in(path_, std::ios::binary);
        FileOutput out(dest);
        std::string line, chunk;
        std::uint64_t at = 0;
        auto original = [&](std::uint64_t off) {
            orig_in.clear();
            orig_in.seekg(static_cast<std::streamoff>(off));
            std::string l;
            std::getline(orig_in, l);
            return record_from_json(json::parse(l));
        };
        while (std::getline(in, line)) {
            std::uint64_t here = at;
            at += line.size() + 1;
            Record r = record_from_json(json::parse(line));
            if (revisits_.count(here)) {
                resolve(r, original, warnings);
                line = record_to_json(r).dump();
            }
            counter.add(r);
            chunk += line;
            chunk += '\n';
            if (chunk.size() > (1u << 20)) {
                out.write(chunk);
                chunk.clear();
            }
        }
        out.write(chunk);
        out.close();
        return warnings;
    }

  private:
    static std::string key_of(const std::string& url) {
        auto u = parse_absolute_url(url);
        return u ? canonical_key(*u, false) : url;
    }

    template <class Original>
    void resolve(Record& r, Original& original, std::vector<std::string>& warnings) {
        std::optional<std::uint64_t> off;
        auto find = [&](const std::map<std::string, std::uint64_t>& m, const std::string& k) {
            if (auto it = m.find(k); it != m.end()) off = it->second;
        };
        if (!r.refers_to.empty()) find(by_id_, r.refers_to);
        if (!off && !r.payload_digest.empty()) find(by_digest_, r.payload_digest);
        if (!off && !r.refers_to_uri.empty()) {
            std::string day, iso, k = key_of(r.refers_to_uri);
            if (parse_warc_date(r.refers_to_date, day, iso)) find(by_uri_date_, k + " " + iso);
            if (!off)
                if (auto it = by_uri_.find(k); it != by_uri_.end()) off = it->second.second;
        }
        if (!off) {
            warnings.push_back(r.source.substr(r.source.rfind('/') + 1) + ": record at offset " +
                               std::to_string(r.offset) + ": revisit of " + r.url +
                               ": original capture not found in the package; not archived");
            const std::string note = "revisit: original not found";
            if (std::find(r.notes.begin(), r.notes.end(), note) == r.notes.end())
                r.notes.push_back(note);
            return;
        }
        Record orig = original(*off);
        r.payload = orig.payload;
        r.sha256 = orig.sha256;
        r.bytes = orig.bytes;
        r.revisit_of = !orig.record_id.empty() ? orig.record_id : orig.url + " " + orig.date;
        if (r.status == 0 || r.status == 304) {
            r.status = orig.status;
            r.headers = orig.headers;
            r.location = orig.location;
        }
        if (r.mime.empty() || r.status == orig.status) r.mime = orig.mime;
        if (r.charset.empty()) r.charset = orig.charset;
        if (r.server.empty()) r.server = orig.server;
        r.kept_encoding = orig.kept_encoding;
        r.notes.erase(std::remove(r.notes.begin(), r.notes.end(), "revisit: original not found"),
                      r.notes.end());
    }

    void flush() {
        out_.write(buf_);
        buf_.clear();
    }

    fs::path path_;
    FileOutput out_;
    std::string buf_;
    std::uint64_t offset_ = 0;
    std::size_t count_ = 0;
    std::string latest_day_, source_latest_day_;
    std::map<std::string, HostRule> hosts_;
    std::set<std::uint64_t> revisits_;
    std::map<std::string, std::uint64_t> by_id_, by_digest_, by_uri_date_;
    std::map<std::string, std::pair<std::string, std::uint64_t>> by_uri_;
};

class Ingest {
  public:
    Ingest(const IngestOptions& o, IngestReport& report) : opt_(o), report_(report) {
        limits_.floor = o.bomb_floor_bytes;
        limits_.ratio = o.bomb_ratio;
    }

    void run();

  private:
    void event(const std::string& type, const std::string& object, const std::string& outcome,
               const std::string& detail, const std::vector<std::string>& notes = {}) {
        json e = {{"id", random_uuid()},       {"type", type},     {"date", now_},
                  {"agent", xasite_version()}, {"object", object}, {"outcome", outcome},
                  {"detail", detail}};
        if (!notes.empty()) e["notes"] = notes;
        events_.push_back(std::move(e));
    }

    void add_source(const fs::path& src);
    void read_warc(const fs::path& copy, SourceResult& sr);
    void read_warc_record(WarcReader& rd, const WarcRecord& rec, const std::string& type,
                          SourceResult& sr);
    void read_mirror(const fs::path& copy, SourceResult& sr);
    std::string mirror_charset(const Record& r) const;
    // Why a capture of `out` more bytes would pass the package's expansion limit, or "".
    std::string over_package_limit(std::uint64_t out) const {
        if (extracted_ + out <= package_limit_) return "";
        return "package expansion limit reached (" + std::to_string(package_limit_) +
               " bytes may be extracted from " + std::to_string(sources_bytes_) +
               " bytes of sources; " + std::to_string(extracted_) + " were)";
    }
    void resolve_revisits();
    void write_metadata();

    const IngestOptions& opt_;
    IngestReport& report_;
    InflateLimits limits_;
    // The package's expansion limit: bytes this ingest may extract in all (set in run()).
    std::uint64_t package_limit_ = 0, extracted_ = 0, sources_bytes_ = 0;
    fs::path pkg_, staging_;
    Manifest manifest_;
    std::unique_ptr<RecordSpill> records_;
    fs::path resolved_records_;  // records.jsonl, written by resolve_revisits()
    std::unique_ptr<CaptureCounter> counter_;
    json capture_ = json::object();
    json sources_ = json::array();
    std::vector<json> events_;
    std::string old_events_;
    UnitInfo unit_;
    std::string now_;
    std::unique_ptr<PayloadStore> store_;
    std::vector<std::string> warnings_;
    std::vector<SourceResult> results_;
};

void Ingest::read_warc_record(WarcReader& rd, const WarcRecord& rec, const std::string& type,
                              SourceResult& sr) {
    Record r;
    r.kind = type;
    r.url = rec.target_uri();
    r.record_id = rec.record_id();
    r.source = sr.rel;
    r.offset = rec.offset;
    std::string where = sr.name + ": record " + std::to_string(rec.index) + " at offset " +
                        std::to_string(rec.offset);
    std::string day, iso;
    if (parse_warc_date(rec.date(), day, iso))
        r.date = iso;
    else
        sr.warnings.push_back(where + ": invalid WARC-Date \"" + rec.date() + "\"");
    r.payload_digest = normalise_warc_digest(rec.field("WARC-Payload-Digest"));
    auto url = parse_absolute_url(r.url);
    if (!url || !url->is_http()) {
        if (r.url.empty())
            sr.warnings.push_back(where + ": " + type + " record without WARC-Target-URI; skipped");
        else if (!url)
            sr.warnings.push_back(where + ": WARC-Target-URI \"" + r.url +
                                  "\" is not a URL; skipped");
        return;  // dns:, ftp:, metadata: … are kept in the original only
    }
    std::string block_digest(rec.field("WARC-Block-Digest"));
    Digest sha1(DigestAlgorithm::sha1), sha256(DigestAlgorithm::sha256);
    bool digesting = !block_digest.empty();

    std::unique_ptr<PayloadStore::Writer> w;
    std::unique_ptr<BodyDecoder> dec;
    HttpHead head;
    bool head_done = type == "resource", raw = type == "resource";
    std::string headbuf;
    std::vector<std::string> notes;
    if (type != "revisit") w = store_->begin();
    // Every byte stored for the capture goes through here: the record's and the package's
    // expansion limits are checked before it is written, and an over-limit capture is not
    // extracted at all (its bytes stay in the original only).
    std::string over;
    auto sink = [&](std::string_view d) {
        if (!over.empty() || !w || d.empty()) return;
        std::uint64_t out = w->size + d.size();
        if (rd.over_limit(out))
            over = "decompression bomb: expands to over " + std::to_string(out) +
                   " bytes from its " + std::to_string(rd.record_source_bytes()) +
                   " bytes in the file (limit: " + limit_text(rd.limits()) + ")";
        else
            over = over_package_limit(out);
        if (over.empty()) w->write(d);
    };
    std::string buf(1 << 16, '\0');
    try {
        for (;;) {
            if (!over.empty() || (dec && dec->bomb())) break;
            std::size_t n = rd.read(buf.data(), buf.size());
            if (n == 0) break;
            std::string_view chunk(buf.data(), n);
            if (digesting) {
                sha1.update(chunk);
                sha256.update(chunk);
            }
            if (!head_done) {
                headbuf.append(chunk);
                auto res = parse_response_head(headbuf, head);
                if (res == HeadResult::incomplete && headbuf.size() < kHeadLimit) continue;
                head_done = true;
                if (res == HeadResult::ok) {
                    std::string body = headbuf.substr(head.length);
                    if (type == "response") {
                        dec = std::make_unique<BodyDecoder>(head, sink, limits_);
                        dec->feed(body);
                    }
                } else {
                    raw = true;
                    notes.push_back("the block is not an HTTP response; kept as is");
                    sink(headbuf);
                }
                headbuf.clear();
                continue;
            }
            if (dec)
                dec->feed(chunk);
            else if (raw)
                sink(chunk);
        }
        if (!head_done && !headbuf.empty()) {
            auto res = parse_response_head(headbuf + "\r\n\r\n", head);
            if (res == HeadResult::ok) {
                notes.push_back("HTTP head without its blank line (block cut short)");
                r.truncated = true;
            } else {
                raw = true;
                sink(headbuf);
                notes.push_back("the block is not an HTTP response; kept as is");
            }
        }
        if (dec) dec->finish();
    } catch (const StreamError& e) {
        rd.stop(e);
        if (w) store_->abort(*w);
        return;
    }
    if (over.empty() && dec && dec->bomb())
        over = dec->warnings().empty() ? "decompression bomb" : dec->warnings().back();
    if (!over.empty()) {
        if (w) store_->abort(*w);
        ++sr.over_limit;
        sr.warnings.push_back(where + " (" + r.url + "): " + over +
                              "; not extracted (its bytes are kept in the original only)");
        return;
    }
    if (rd.block_truncated()) {
        r.truncated = true;
        notes.push_back("block shorter than its Content-Length");
    }
    if (dec) {
        for (const auto& n : dec->warnings())
            notes.push_back(n);
        r.kept_encoding = dec->kept_encoding();
        if (dec->truncated()) r.truncated = true;
    }
    if (digesting && !r.truncated) {
        bool known = false;
        std::string s1 = sha1.finish(), s256 = sha256.finish();
        if (!warc_digest_matches(block_digest, s1, s256, known) && known)
            sr.warnings.push_back(where +
                                  ": WARC-Block-Digest does not match the block (damaged record)");
    }
    std::string recorded_type;
    if (type == "resource") {
        r.status = 200;
        recorded_type = media_type(rec.field("Content-Type"));
        r.charset = charset_param(rec.field("Content-Type"));
    } else if (head.status != 0) {
        r.status = head.status;
        recorded_type = media_type(head.header("Content-Type"));
        r.charset = charset_param(head.header("Content-Type"));
        std::size_t kept = 0;
        for (const auto& h : head.headers) {
            kept += h.first.size() + h.second.size();
            if (kept > kHeaderBytesKept) {
                notes.push_back("HTTP headers over 8 KiB: the rest are in the original only");
                break;
            }
            r.headers.push_back(h);
        }
        std::string server(head.header("Server"));
        std::string_view powered = head.header("X-Powered-By");
        if (!powered.empty()) server += (server.empty() ? "" : "; ") + std::string(powered);
        if (!head.header("X-AspNet-Version").empty()) server += "; ASP.NET";
        r.server = server;
        if (r.status >= 300 && r.status < 400) {
            std::string_view loc = head.header("Location");
            if (!loc.empty())
                if (auto target = resolve_url(*url, loc)) r.location = target->str();
        }
    }
    if (type == "revisit") {
        r.refers_to = std::string(rec.field("WARC-Refers-To"));
        r.refers_to_uri = std::string(rec.field("WARC-Refers-To-Target-URI"));
        if (r.refers_to_uri.size() >= 2 && r.refers_to_uri.front() == '<' &&
            r.refers_to_uri.back() == '>')
            r.refers_to_uri = r.refers_to_uri.substr(1, r.refers_to_uri.size() - 2);
        r.refers_to_date = std::string(rec.field("WARC-Refers-To-Date"));
        r.mime = recorded_type;
    } else if (w) {
        FileDigest d;
        r.payload = store_->commit(*w, d);
        r.sha256 = d.sha256;
        r.bytes = d.size;
        extracted_ += d.size;
        if (!r.payload.empty()) ++sr.payloads;
        r.mime = effective_media_type(recorded_type, w->head, url->path);
    }
    for (const auto& n : notes)
        sr.warnings.push_back(where + " (" + r.url + "): " + n);
    r.notes = std::move(notes);
    records_->add(r);
    ++sr.kept;
}

void Ingest::read_warc(const fs::path& copy, SourceResult& sr) {
    FileInput in(copy);
    WarcReader rd(in, sr.name, limits_);
    WarcRecord rec;
    std::size_t records = 0;
    for (;;) {
        bool more = false;
        try {
            more = rd.next(rec);
        } catch (const NotWarcError& e) {
            throw InputError("", e.what());
        }
        if (!more) break;
        ++records;
        std::string type = rec.type();
        ++sr.types[type.empty() ? "(no WARC-Type)" : type];
        if (type == "warcinfo") {
            std::string body;
            char buf[4096];
            try {
                for (;;) {
                    std::size_t n = rd.read(buf, sizeof buf);
                    if (n == 0) break;
                    if (body.size() < kHeadLimit) body.append(buf, n);
                }
            } catch (const StreamError& e) {
                rd.stop(e);
                break;
            }
            std::istringstream lines(body);
            std::string line;
            while (std::getline(lines, line) && sr.warcinfo.size() < 24) {
                if (!line.empty() && line.back() == '\r') line.pop_back();
                auto colon = line.find(':');
                if (colon == std::string::npos || colon == 0) continue;
                std::string k = line.substr(0, colon), v = line.substr(colon + 1);
                v.erase(0, std::min(v.find_first_not_of(' '), v.size()));
                if (text::is_valid_utf8(k) && text::is_valid_utf8(v) && !sr.warcinfo.contains(k))
                    sr.warcinfo[k] = v;
            }
        } else if (type == "response" || type == "resource" || type == "revisit") {
            read_warc_record(rd, rec, type, sr);
        } else if (type == "continuation") {
            sr.warnings.push_back(sr.name + ": record " + std::to_string(rec.index) +
                                  " at offset " + std::to_string(rec.offset) +
                                  ": segmented records (continuation) are kept in "
                                  "the original only");
        }
        for (auto& w : rd.take_warnings())
            sr.warnings.push_back(w);
    }
    for (auto& w : rd.take_warnings())
        sr.warnings.push_back(w);
    if (rd.stopped()) {
        sr.stopped = *rd.stopped();
        sr.warnings.push_back(sr.name + ": " + *rd.stopped() + "; kept the " +
                              std::to_string(sr.kept) + " captures read before it (" +
                              std::to_string(records > 0 ? records - 1 : 0) + " complete records)");
    }
    if (records == 0 && !rd.stopped())
        sr.warnings.push_back(sr.name + (rd.arc() ? ": no ARC records" : ": no WARC records"));
}

void Ingest::read_mirror(const fs::path& copy, SourceResult& sr) {
    // First pass: the names, to see whether the mirror has host folders (wget without -nH).
    bool host_mode = false;
    std::set<std::string> top_files;
    {
        MirrorReader list(copy, sr.name);
        MirrorMember m;
        while (list.next(m)) {
            if (!unsafe_member_path(m.name).empty()) continue;
            std::string n = m.name;
            std::replace(n.begin(), n.end(), '\\', '/');
            while (n.rfind("./", 0) == 0)
                n.erase(0, 2);
            auto slash = n.find('/');
            if (slash != std::string::npos && slash + 1 < n.size() &&
                looks_like_host_folder(n.substr(0, slash)))
                host_mode = true;
            if (slash == std::string::npos && m.type == MirrorMember::Type::file)
                top_files.insert(n);
        }
    }
    std::string base_host;
    if (!opt_.base_url.empty()) {
        auto b = parse_absolute_url(opt_.base_url);
        if (!b || !b->is_http())
            throw InputError("base URL", "not an http(s) URL: " + opt_.base_url);
        base_host = b->host + (b->port.empty() ? "" : ":" + b->port);
    }
    if (!host_mode && base_host.empty()) {
        base_host = "mirror.invalid";
        sr.warnings.push_back(
            sr.name +
            ": the mirror has no host folder and no base URL was given; its pages are "
            "filed under the host \"mirror.invalid\"");
    }
    std::int64_t source_size = static_cast<std::int64_t>(fs::file_size(copy));
    MirrorReader rd(copy, sr.name);
    MirrorMember m;
    std::string buf(1 << 16, '\0');
    for (;;) {
        if (!rd.next(m)) break;
        std::string where = sr.name + ": member " + std::to_string(m.index) + " \"" + m.name + "\"";
        ++sr.types[m.type == MirrorMember::Type::file        ? "file"
                   : m.type == MirrorMember::Type::directory ? "directory"
                                                             : "link/other"];
        if (m.name_decoded)
            sr.warnings.push_back(where + ": file name is not UTF-8 (bytes \"" +
                                  printable_head(m.raw_name) + "…\"); read as Windows-1258");
        if (std::string why = unsafe_member_path(m.name); !why.empty()) {
            sr.warnings.push_back(where + ": " + why + "; skipped");
            continue;
        }
        if (m.type == MirrorMember::Type::directory) continue;
        if (m.type == MirrorMember::Type::symlink || m.type == MirrorMember::Type::hardlink) {
            bool inside = m.type == MirrorMember::Type::hardlink
                              ? unsafe_member_path(m.link_target).empty()
                              : link_stays_inside(m.name, m.link_target);
            sr.warnings.push_back(
                where + ": " + (m.type == MirrorMember::Type::symlink ? "symbolic" : "hard") +
                " link to \"" + m.link_target + "\"" +
                (inside ? " (links are not followed)" : " points outside the archive") +
                "; skipped");
            continue;
        }
        if (m.type != MirrorMember::Type::file) {
            sr.warnings.push_back(where + ": not a regular file; skipped");
            continue;
        }
        std::string n = m.name;
        std::replace(n.begin(), n.end(), '\\', '/');
        while (n.rfind("./", 0) == 0)
            n.erase(0, 2);
        if (n.rfind("hts-cache/", 0) == 0 || n.find("/hts-cache/") != std::string::npos ||
            n.rfind("hts-", 0) == 0 || (host_mode && n.find('/') == std::string::npos))
            continue;  // httrack's own files and top-level index
        // Read the start to know whether the body is gzip.
        std::size_t first = rd.read(buf.data(), buf.size());
        std::string_view chunk(buf.data(), first);
        bool gz = looks_gzip(chunk);
        auto mu = mirror_url(n, host_mode ? "" : base_host, gz);
        if (!mu) {
            sr.warnings.push_back(where + ": outside any host folder; skipped");
            continue;
        }
        Record r;
        r.kind = "file";
        r.url = mu->url;
        r.aliases = mu->aliases;
        r.date = m.mtime > 0 ? iso_time(m.mtime) : "";
        r.status = 200;
        r.source = sr.rel;
        r.offset = m.index;
        r.member = m.name;
        auto w = store_->begin();
        bool bomb = false;
        if (mu->gunzip) {
            // Streamed: the decoded body goes to `w`, the stored bytes to `raw` (kept instead
            // when they turn out not to be gzip after all), so memory stays bounded.
            auto raw = store_->begin();
            Inflater inf(ZFormat::gzip_or_zlib);
            std::string error;
            bool ended = false;
            auto feed = [&](std::string_view d) {
                raw->write(d);
                while (!d.empty() && !ended && error.empty() && !bomb) {
                    std::size_t used = 0;
                    auto st = inf.feed(
                        d, [&](std::string_view o) { w->write(o); }, used);
                    d.remove_prefix(used);
                    if (st == Inflater::Status::error)
                        error = inf.message().empty() ? "corrupt gzip data" : inf.message();
                    else if (st == Inflater::Status::end)
                        ended = true;
                    else if (used == 0)
                        break;
                    if (limits_.exceeded(w->size, std::max<std::uint64_t>(inf.total_in(), 1)) ||
                        extracted_ + w->size > package_limit_)
                        bomb = true;
                }
            };
            feed(chunk);
            while (!bomb) {
                std::size_t k = rd.read(buf.data(), buf.size());
                if (k == 0) break;
                feed(std::string_view(buf.data(), k));
            }
            if (!bomb && ended && error.empty()) {
                store_->abort(*raw);
                r.notes.push_back("gzip body saved by the crawler; decompressed");
            } else if (!bomb) {
                store_->abort(*w);
                w = std::move(raw);
                r.notes.push_back("gzip body could not be decompressed (" +
                                  (error.empty() ? std::string("it ends early") : error) +
                                  "); kept as is");
            } else {
                store_->abort(*raw);
            }
        } else {
            w->write(chunk);
            for (;;) {
                // A member's size against the whole archive's: libarchive does not say what a
                // member occupies compressed, so this is the most a member can claim.
                if (limits_.exceeded(w->size, static_cast<std::uint64_t>(source_size))) {
                    bomb = true;
                    break;
                }
                if (extracted_ + w->size > package_limit_) break;
                std::size_t k = rd.read(buf.data(), buf.size());
                if (k == 0) break;
                w->write(std::string_view(buf.data(), k));
            }
        }
        std::string over;
        if (bomb)
            over = "decompression bomb (expands to over " + std::to_string(w->size) +
                   " bytes from a " + std::to_string(source_size) +
                   "-byte archive; limit: " + limit_text(limits_) + ")";
        else
            over = over_package_limit(w->size);
        if (!over.empty()) {
            store_->abort(*w);
            ++sr.over_limit;
            sr.warnings.push_back(where + ": " + over +
                                  "; not extracted (its bytes are kept in the original only)");
            continue;
        }
        FileDigest d;
        r.payload = store_->commit(*w, d);
        r.sha256 = d.sha256;
        r.bytes = d.size;
        extracted_ += d.size;
        if (!r.payload.empty()) ++sr.payloads;
        auto url = parse_absolute_url(r.url);
        r.mime = effective_media_type(media_type_for_path(url ? url->path : r.url), w->head,
                                      url ? url->path : "");
        r.charset = mirror_charset(r);
        for (const auto& note : r.notes)
            sr.warnings.push_back(where + ": " + note);
        records_->add(r);
        ++sr.kept;
    }
}

// A mirror keeps no HTTP header, so a page's <meta charset> is all the view would have, and it
// lies often enough (a CMS template saying iso-8859-1 over UTF-8 text). What the server would
// have said is read from the bytes instead: "utf-8" for a text page or stylesheet that is valid
// UTF-8 with non-ASCII text (legacy Vietnamese code pages practically never are), else nothing
// (the view then detects).
std::string Ingest::mirror_charset(const Record& r) const {
    constexpr std::uint64_t kMaxChecked = 16u << 20;
    MimeKind k = mime_kind(r.mime);
    if (r.payload.empty() || r.bytes > kMaxChecked || (k != MimeKind::html && k != MimeKind::css))
        return "";
    std::string bytes = read_small_file(staging_ / r.payload, kMaxChecked);
    bool ascii_only = std::all_of(bytes.begin(), bytes.end(),
                                  [](char c) { return static_cast<unsigned char>(c) < 0x80; });
    return !ascii_only && text::is_valid_utf8(bytes) ? "utf-8" : "";
}

void Ingest::resolve_revisits() {
    resolved_records_ = staging_ / ".tmp" / "records.jsonl";
    counter_ = std::make_unique<CaptureCounter>(records_->hosts());
    for (auto& w : records_->finish(resolved_records_, *counter_))
        warnings_.push_back(std::move(w));
}

void Ingest::add_source(const fs::path& src) {
    SourceResult sr;
    std::string name = safe_source_name(src);
    fs::path dir = staging_ / "data" / "original";
    fs::create_directories(dir);
    // Copy byte for byte (hashing on the way) to a temporary name, then decide the final one.
    fs::path tmp = staging_ / ".tmp" / "source";
    fs::create_directories(tmp.parent_path());
    {
        std::error_code ec;
        fs::remove(tmp, ec);
        FileInput in(src);
        FileOutput o(tmp);
        BagDigest d;
        std::string buf(1 << 20, '\0');
        for (;;) {
            std::size_t n = in.read(buf.data(), buf.size());
            if (n == 0) break;
            o.write(std::string_view(buf.data(), n));
            d.update(std::string_view(buf.data(), n));
        }
        o.close();
        sr.digest = d.finish();
    }
    for (const auto& [p, d] : manifest_) {
        if (p.rfind("data/original/", 0) == 0 && d.sha256 == sr.digest.sha256) {
            std::error_code ec;
            fs::remove(tmp, ec);
            warnings_.push_back(src.string() + ": same bytes as " + p +
                                " already in the package; not added again");
            return;
        }
    }
    std::string final_name = name;
    for (int k = 2; fs::exists(dir / final_name); ++k)
        final_name = numbered_name(name, k);
    fs::path copy = dir / final_name;
    fs::rename(tmp, copy);
    sr.name = final_name;
    sr.rel = "data/original/" + final_name;
    manifest_[sr.rel] = sr.digest;
    event("message digest calculation", sr.rel, "success",
          "sha256 " + sr.digest.sha256 + ", sha512 " + sr.digest.sha512 + ", " +
              std::to_string(sr.digest.size) + " bytes");
    event("replication", sr.rel, "success", "copied byte for byte from " + src.filename().string());

    std::string head;
    sr.format = detect_format(copy, head);
    if (sr.format.empty() || sr.format == "gzip") {
        std::string what =
            warc_name(src.filename().string())
                ? "not a WARC file (it begins with \"" + printable_head(head) + "\")"
                : "unknown format: not a WARC, tar, zip or 7z file (it begins with \"" +
                      printable_head(head) + "\")";
        throw InputError(src.string(), what);
    }
    event("format identification", sr.rel, "success", sr.format);
    std::size_t before = records_->size();
    records_->begin_source();
    try {
        if (sr.format == "warc" || sr.format == "warc.gz" || sr.format == "arc" ||
            sr.format == "arc.gz")
            read_warc(copy, sr);
        else
            read_mirror(copy, sr);
    } catch (const InputError& e) {
        throw InputError(src.string(), e.what());
    }
    std::vector<std::string> type_counts;
    std::size_t total = 0;
    for (const auto& [t, n] : sr.types) {
        type_counts.push_back(std::to_string(n) + " " + t);
        total += n;
    }
    std::string counts;
    for (std::size_t i = 0; i < type_counts.size(); ++i)
        counts += (i ? ", " : "") + type_counts[i];
    event("unpacking", sr.rel, sr.stopped.empty() ? "success" : "warning",
          std::to_string(total) + (is_record_format(sr.format) ? " records" : " members") + " (" +
              counts + "); " + std::to_string(records_->size() - before) + " captures kept, " +
              std::to_string(sr.payloads) + " payloads extracted to data/records/",
          sr.stopped.empty() ? std::vector<std::string>{} : std::vector<std::string>{sr.stopped});
    event("validation", sr.rel, sr.warnings.empty() ? "success" : "warning",
          std::to_string(sr.warnings.size()) + " warnings", sr.warnings);
    if (!sr.warcinfo.empty()) {
        std::string sw = sr.warcinfo.value("software", "");
        event("capture", sr.rel, "success",
              "warcinfo: " + (sw.empty() ? std::string("software not recorded") : sw));
    }
    json s = {{"name", sr.name},
              {"path", sr.rel},
              {"original_name", src.filename().string()},
              {"format", sr.format},
              {"bytes", sr.digest.size},
              {"sha256", sr.digest.sha256},
              {"sha512", sr.digest.sha512},
              {"ingested", now_},
              {"software", xasite_version()},
              {"captures", records_->size() - before},
              // The source's own capture date: the option, else its latest record date (a
              // later ingest never changes it).
              {"captured", !opt_.captured.empty()                   ? opt_.captured
                           : !records_->source_latest_day().empty() ? records_->source_latest_day()
                                                                    : now_.substr(0, 10)},
              {"captured_from", !opt_.captured.empty()                   ? "option"
                                : !records_->source_latest_day().empty() ? "records"
                                                                         : "ingest"},
              {"types", sr.types},
              {"warnings", sr.warnings}};
    if (!sr.stopped.empty()) s["stopped"] = sr.stopped;
    if (sr.over_limit > 0) s["over_limit"] = sr.over_limit;  // captures not extracted (Limits)
    if (!sr.warcinfo.empty()) s["warcinfo"] = sr.warcinfo;
    sources_.push_back(std::move(s));
    for (const auto& w : sr.warnings)
        warnings_.push_back(w);
    IngestReport::Source rs;
    rs.path = src.string();
    rs.format = sr.format;
    rs.entries = total;
    rs.types = sr.types;
    rs.captures = records_->size() - before;
    rs.warnings = sr.warnings.size();
    report_.sources.push_back(std::move(rs));
    results_.push_back(std::move(sr));
}

void Ingest::write_metadata() {
    fs::path meta = staging_ / "data" / "metadata";
    fs::create_directories(meta);
    auto put = [&](const std::string& name, const std::string& data) {
        // A new file replaces the entry (it may be a hard link into the previous package,
        // which must never change).
        write_file_atomic(meta / name, data);
        manifest_["data/metadata/" + name] = digest_file(meta / name);
    };
    put("unit.json", unit_to_json(unit_).dump(2) + "\n");
    put("capture.json", capture_.dump(2) + "\n");
    {
        fs::path p = meta / "records.jsonl";
        std::error_code ec;
        fs::remove(p, ec);  // may be a hard link into the previous package
        fs::rename(resolved_records_, p);
        manifest_["data/metadata/records.jsonl"] = digest_file(p);
    }
    std::string ev = old_events_;
    for (const auto& e : events_)
        ev += e.dump() + "\n";
    put("premis-events.jsonl", ev);
}

void Ingest::run() {
    now_ = now_iso();
    const std::string& code = opt_.unit_code;
    if (code.empty() || code.size() > 32 || !std::all_of(code.begin(), code.end(), [](char c) {
            return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_';
        }))
        throw InputError("--unit", "invalid unit code \"" + code + "\" (letters, digits, - and _)");
    if (opt_.sources.empty())
        throw InputError("", "no source given (WARC, ARC, tar, zip or 7z files)");
    if (!opt_.captured.empty()) {
        std::string day, iso;
        if (opt_.captured.size() != 10 || !parse_warc_date(opt_.captured, day, iso))
            throw InputError("--captured", "not a date YYYY-MM-DD: " + opt_.captured);
    }
    fs::path archives = opt_.content_dir / "archives";
    pkg_ = archives / code;
    for (const auto& s : opt_.sources) {
        std::error_code ec;
        if (!fs::exists(s, ec)) throw InputError(s.string(), "not found");
        if (!fs::is_regular_file(s, ec)) throw InputError(s.string(), "not a regular file");
        sources_bytes_ += fs::file_size(s);
        auto cs = fs::weakly_canonical(s, ec);
        auto cp = fs::weakly_canonical(pkg_, ec);
        auto mism = std::mismatch(cp.begin(), cp.end(), cs.begin(), cs.end());
        if (mism.first == cp.end()) throw InputError(s.string(), "is inside the package itself");
    }
    if (opt_.unit.code.empty() && !fs::exists(pkg_ / "data" / "metadata" / "unit.json"))
        throw InputError("--unit " + code,
                         "no unit metadata: IngestOptions::unit must be filled from the registry");
    if (!opt_.unit.code.empty() && opt_.unit.code != code)
        throw InputError("--unit " + code, "unit metadata is for \"" + opt_.unit.code + "\"");

    // The package's expansion limit: what this ingest may extract from its sources in all.
    package_limit_ =
        std::max(opt_.package_floor_bytes,
                 sources_bytes_ > UINT64_MAX / std::max<std::uint64_t>(opt_.package_ratio, 1)
                     ? UINT64_MAX
                     : sources_bytes_ * opt_.package_ratio);
    fs::create_directories(archives);
    // One ingest at a time per content tree: a second one would build on the same previous
    // state and its exchange would drop the first one's additions. The lock is on the folder
    // itself (no lock file is left behind) and ends with the process.
    UniqueFd lock(::open(archives.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (lock.get() < 0 || ::flock(lock.get(), LOCK_EX | LOCK_NB) != 0)
        throw InputError(archives.string(),
                         "another `xasite archive ingest` is running on this folder; try again "
                         "when it has finished");
    staging_ = archives / ("." + code + ".ingest-" + std::to_string(::getpid()) + "-" +
                           random_uuid().substr(9, 8));
    fs::create_directory(staging_);
    struct Cleanup {
        fs::path dir;
        bool keep = false;
        ~Cleanup() {
            if (!keep) remove_tree_quietly(dir);
        }
    } cleanup{staging_};
    store_ = std::make_unique<PayloadStore>(staging_, manifest_);
    fs::create_directories(staging_ / ".tmp");
    records_ = std::make_unique<RecordSpill>(staging_ / ".tmp" / "records.spill");

    bool extending = fs::exists(pkg_);
    if (extending) {
        BagReport rep = check_bag(pkg_, false);
        if (!rep.ok())
            throw InputError(pkg_.string(),
                             "the existing package is not complete (" + rep.problems.front() +
                                 "); run `xasite archive verify` and repair it first");
        manifest_ = read_payload_manifest(pkg_);
        for (auto it = fs::recursive_directory_iterator(pkg_);
             it != fs::recursive_directory_iterator(); ++it) {
            fs::path r = fs::relative(it->path(), pkg_);
            if (it->is_directory()) {
                fs::create_directories(staging_ / r);
                continue;
            }
            std::error_code ec;
            fs::create_hard_link(it->path(), staging_ / r, ec);
            if (ec) fs::copy_file(it->path(), staging_ / r);
        }
        // The previous captures are streamed into the spill.
        PackageData old = load_package_metadata(pkg_);
        unit_ = old.unit;
        capture_ = old.capture;
        fs::path meta = pkg_ / "data" / "metadata";
        for_each_record(meta / "records.jsonl", [&](Record&& r) { records_->add(r); });
        if (auto it = capture_.find("sources"); it != capture_.end() && it->is_array())
            sources_ = *it;
        // Packages made before sources[].captured: their sources share the package's date.
        for (auto& src : sources_)
            if (src.is_object() && !src.contains("captured") && capture_.contains("captured")) {
                src["captured"] = capture_["captured"];
                src["captured_from"] = "package";
            }
        fs::path ev = pkg_ / "data" / "metadata" / "premis-events.jsonl";
        if (fs::exists(ev)) old_events_ = read_small_file(ev, 256u << 20);
    }
    if (!opt_.unit.code.empty()) unit_ = opt_.unit;
    if (unit_.dissolved.empty()) unit_.dissolved = "2025-07-01";

    for (const auto& s : opt_.sources)
        add_source(s);
    if (results_.empty() && extending) {
        report_.warnings = warnings_;
        report_.nothing_new = true;
        report_.package = pkg_;
        return;
    }
    resolve_revisits();

    // The package's capture date, the date of the newest capture (the one its view shows): the
    // option when it is newer than the date the package has already (an older crawl added with
    // --captured does not move it back); else that date (a later ingest without the option adds
    // sources, it does not move the date: a mirror's file dates are often the old server's);
    // else the latest record date.
    std::string captured = opt_.captured, captured_from = "option";
    if (capture_.value("captured", "").size() == 10 &&
        (captured.empty() || capture_.value("captured", "") > captured)) {
        captured = capture_.value("captured", "");
        captured_from = capture_.value("captured_from", "records");
    }
    if (captured.empty()) {
        captured = records_->latest_day();
        captured_from = "records";
        if (captured.empty()) captured = now_.substr(0, 10);
    }
    auto rules = records_->hosts();
    json hosts = json::array();
    for (const auto& h : rules)
        hosts.push_back(
            {{"host", h.host}, {"case_insensitive", h.case_insensitive}, {"records", h.records}});
    capture_["format"] = kPackageFormat;
    capture_["unit"] = code;
    capture_["captured"] = captured;
    capture_["captured_from"] = captured_from;
    capture_["software"] =
        opt_.software.empty() || opt_.software == "xasite" ? xasite_version() : opt_.software;
    capture_["hosts"] = hosts;
    capture_["sources"] = sources_;
    capture_["records"] = records_->size();
    capture_["updated"] = now_;
    event("ingestion", "content/archives/" + code, warnings_.empty() ? "success" : "warning",
          std::to_string(results_.size()) + " source(s) added; " +
              std::to_string(records_->size()) + " captures in the package; captured " + captured,
          warnings_);
    write_metadata();
    remove_tree_quietly(staging_ / ".tmp");

    std::vector<std::pair<std::string, std::string>> info = {
        {"Source-Organization",
         unit_.name + (unit_.province.empty() ? "" : ", tỉnh " + unit_.province)},
        {"External-Identifier", "xasite-luu-tru-" + code},
        {"External-Description",
         "Bản lưu trữ trang thông tin điện tử của " + unit_.name +
             (unit_.province.empty() ? "" : " (tỉnh " + unit_.province + ")") +
             ", đơn vị hành chính kết thúc hoạt động từ " + unit_.dissolved + "."},
        {"Bagging-Date", now_.substr(0, 10)},
        {"Bag-Software-Agent", xasite_version()},
        {"Capture-Date", captured},
    };
    for (const auto& s : sources_)
        info.emplace_back("Internal-Sender-Identifier", s.value("name", ""));
    if (!opt_.demonstration.empty()) info.emplace_back("Xasite-Demonstration", opt_.demonstration);
    write_bag_files(staging_, manifest_, info);
    BagReport rep = check_bag(staging_, false);
    if (!rep.ok())
        throw std::runtime_error("the new package is not complete: " + rep.problems.front());

    // Swap the new state in.
    if (extending) {
        if (::renameat2(AT_FDCWD, staging_.c_str(), AT_FDCWD, pkg_.c_str(), RENAME_EXCHANGE) != 0) {
            fs::path old = archives / ("." + code + ".old-" + std::to_string(::getpid()));
            fs::rename(pkg_, old);
            try {
                fs::rename(staging_, pkg_);
            } catch (...) {
                fs::rename(old, pkg_);
                throw;
            }
            remove_tree_quietly(old);
        }
        // staging_ now holds the previous state: the Cleanup removes it.
    } else {
        fs::rename(staging_, pkg_);
        cleanup.keep = true;
    }

    report_.warnings = warnings_;
    report_.package = pkg_;
    report_.package_sources = sources_.size();
    report_.captures = records_->size();
    counter_->counts(report_.pages, report_.files, report_.redirects);
    report_.captured = captured;
    report_.payload_files = rep.payload_files;
    report_.payload_bytes = rep.payload_bytes;
}

}  // namespace

IngestReport ingest_package(const IngestOptions& options) {
    IngestReport report;
    try {
        Ingest in(options, report);
        in.run();
        report.ok = true;
    } catch (const std::exception& e) {
        report.error = e.what();
    }
    return report;
}

}  // namespace xasite::archive
