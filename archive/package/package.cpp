#include "archive/package/package.hpp"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <ctime>
#include <limits>
#include <random>
#include <set>

#include "archive/package/digest.hpp"
#include "archive/package/io.hpp"
#include "archive/package/mime.hpp"
#include "core/ascii.hpp"
#include "core/error.hpp"
#include "core/files.hpp"
#include "core/version.hpp"

namespace xasite::archive {

namespace fs = std::filesystem;
using nlohmann::json;

std::string xasite_version() {
    return version_line();
}

std::string iso_time(std::int64_t t) {
    std::time_t tt = static_cast<std::time_t>(t);
    std::tm tm{};
    gmtime_r(&tt, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

std::string now_iso() {
    return iso_time(std::chrono::duration_cast<std::chrono::seconds>(
                        std::chrono::system_clock::now().time_since_epoch())
                        .count());
}

std::string random_uuid() {
    std::random_device rd;
    unsigned char b[16];
    for (auto& x : b)
        x = static_cast<unsigned char>(rd() & 0xff);
    b[6] = static_cast<unsigned char>((b[6] & 0x0f) | 0x40);
    b[8] = static_cast<unsigned char>((b[8] & 0x3f) | 0x80);
    static const char* hex = "0123456789abcdef";
    std::string s = "urn:uuid:";
    for (int i = 0; i < 16; ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10) s.push_back('-');
        s.push_back(hex[b[i] >> 4]);
        s.push_back(hex[b[i] & 15]);
    }
    return s;
}

json record_to_json(const Record& r) {
    json j;
    j["kind"] = r.kind;
    j["url"] = r.url;
    if (!r.aliases.empty()) j["aliases"] = r.aliases;
    j["date"] = r.date;
    j["status"] = r.status;
    j["mime"] = r.mime;
    if (!r.charset.empty()) j["charset"] = r.charset;
    if (!r.location.empty()) j["location"] = r.location;
    if (!r.payload.empty()) j["payload"] = r.payload;
    if (!r.sha256.empty()) j["sha256"] = r.sha256;
    j["bytes"] = r.bytes;
    j["source"] = r.source;
    j["offset"] = r.offset;
    if (!r.member.empty()) j["member"] = r.member;
    if (!r.record_id.empty()) j["record_id"] = r.record_id;
    if (!r.payload_digest.empty()) j["payload_digest"] = r.payload_digest;
    if (!r.refers_to.empty()) j["refers_to"] = r.refers_to;
    if (!r.refers_to_uri.empty()) j["refers_to_uri"] = r.refers_to_uri;
    if (!r.refers_to_date.empty()) j["refers_to_date"] = r.refers_to_date;
    if (!r.revisit_of.empty()) j["revisit_of"] = r.revisit_of;
    if (!r.server.empty()) j["server"] = r.server;
    if (!r.headers.empty()) {
        json h = json::array();
        for (const auto& [k, v] : r.headers)
            h.push_back(json::array({k, v}));
        j["headers"] = h;
    }
    if (!r.kept_encoding.empty()) j["kept_encoding"] = r.kept_encoding;
    if (r.truncated) j["truncated"] = true;
    if (!r.notes.empty()) j["notes"] = r.notes;
    return j;
}

namespace {

std::string str(const json& j, const char* k) {
    auto it = j.find(k);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

Record record_from_json(const json& j) {
    if (!j.is_object()) throw std::runtime_error("not a JSON object");
    Record r;
    r.kind = str(j, "kind");
    r.url = str(j, "url");
    if (auto it = j.find("aliases"); it != j.end() && it->is_array())
        for (const auto& a : *it)
            if (a.is_string()) r.aliases.push_back(a.get<std::string>());
    r.date = str(j, "date");
    if (auto it = j.find("status"); it != j.end() && it->is_number_integer())
        r.status = it->get<int>();
    r.mime = str(j, "mime");
    r.charset = str(j, "charset");
    r.location = str(j, "location");
    r.payload = str(j, "payload");
    r.sha256 = str(j, "sha256");
    if (auto it = j.find("bytes"); it != j.end() && it->is_number_unsigned())
        r.bytes = it->get<std::uint64_t>();
    r.source = str(j, "source");
    if (auto it = j.find("offset"); it != j.end() && it->is_number_unsigned())
        r.offset = it->get<std::uint64_t>();
    r.member = str(j, "member");
    r.record_id = str(j, "record_id");
    r.payload_digest = str(j, "payload_digest");
    r.refers_to = str(j, "refers_to");
    r.refers_to_uri = str(j, "refers_to_uri");
    r.refers_to_date = str(j, "refers_to_date");
    r.revisit_of = str(j, "revisit_of");
    r.server = str(j, "server");
    if (auto it = j.find("headers"); it != j.end() && it->is_array())
        for (const auto& h : *it)
            if (h.is_array() && h.size() == 2 && h[0].is_string() && h[1].is_string())
                r.headers.emplace_back(h[0].get<std::string>(), h[1].get<std::string>());
    r.kept_encoding = str(j, "kept_encoding");
    if (auto it = j.find("truncated"); it != j.end() && it->is_boolean())
        r.truncated = it->get<bool>();
    if (auto it = j.find("notes"); it != j.end() && it->is_array())
        for (const auto& a : *it)
            if (a.is_string()) r.notes.push_back(a.get<std::string>());
    if (r.url.empty()) throw std::runtime_error("record without \"url\"");
    if (!r.payload.empty() &&
        (r.payload.rfind("data/records/", 0) != 0 || r.payload.find("..") != std::string::npos))
        throw std::runtime_error("payload path outside data/records/: " + r.payload);
    return r;
}

json unit_to_json(const UnitInfo& u) {
    json s = json::array();
    for (const auto& x : u.successors)
        s.push_back({{"code", x.code}, {"name", x.name}, {"partial", x.partial}});
    return {{"code", u.code},
            {"name", u.name},
            {"type", u.type},
            {"level", u.level},
            {"district", u.district.empty() ? u.name : u.district},
            {"district_code", u.district_code.empty() ? u.code : u.district_code},
            {"province", u.province},
            {"dissolved", u.dissolved},
            {"legal_basis", u.legal_basis},
            {"successors", s}};
}

UnitInfo unit_from_json(const json& j) {
    if (!j.is_object()) throw std::runtime_error("not a JSON object");
    UnitInfo u;
    u.code = str(j, "code");
    u.name = str(j, "name");
    u.type = str(j, "type");
    u.province = str(j, "province");
    u.level = j.contains("level") ? str(j, "level") : "district";
    u.district = str(j, "district");
    u.district_code = str(j, "district_code");
    u.dissolved = str(j, "dissolved");
    u.legal_basis = str(j, "legal_basis");
    if (auto it = j.find("successors"); it != j.end() && it->is_array())
        for (const auto& s : *it) {
            UnitInfo::Successor x;
            x.code = str(s, "code");
            x.name = str(s, "name");
            if (auto p = s.find("partial"); p != s.end() && p->is_boolean())
                x.partial = p->get<bool>();
            u.successors.push_back(x);
        }
    if (u.code.empty()) throw std::runtime_error("missing \"code\"");
    return u;
}

void add_host_rule(std::map<std::string, HostRule>& rules, const Record& r) {
    auto u = parse_absolute_url(r.url);
    if (!u || !u->is_http()) return;
    auto& h = rules[host_key(*u)];
    h.host = host_key(*u);
    ++h.records;
    std::string s = r.server;
    ascii::lower_in_place(s);
    if (s.find("iis") != std::string::npos || s.find("asp.net") != std::string::npos ||
        looks_case_insensitive_path(u->path))
        h.case_insensitive = true;
}

std::vector<HostRule> host_rules(const std::vector<Record>& records) {
    std::map<std::string, HostRule> m;
    for (const auto& r : records)
        add_host_rule(m, r);
    std::vector<HostRule> out;
    for (auto& [k, v] : m)
        out.push_back(v);
    return out;
}

void for_each_record(const fs::path& rec, const std::function<void(Record&&)>& fn) {
    FileInput in(rec);
    std::string carry;
    std::string buf(1 << 16, '\0');
    std::size_t line = 0;
    auto take = [&](std::string_view l) {
        ++line;
        if (l.empty()) return;
        Record r;
        try {
            r = record_from_json(json::parse(l));
        } catch (const std::exception& e) {
            throw InputError(location(rec, line), std::string("malformed record: ") + e.what());
        }
        fn(std::move(r));
    };
    for (;;) {
        std::size_t n = in.read(buf.data(), buf.size());
        if (n == 0) break;
        carry.append(buf.data(), n);
        std::size_t pos = 0;
        for (;;) {
            auto nl = carry.find('\n', pos);
            if (nl == std::string::npos) break;
            take(std::string_view(carry).substr(pos, nl - pos));
            pos = nl + 1;
        }
        carry.erase(0, pos);
    }
    if (!carry.empty()) take(carry);
}

PackageData load_package_metadata(const fs::path& dir) {
    PackageData d;
    d.dir = dir;
    fs::path meta = dir / "data" / "metadata";
    try {
        d.unit = unit_from_json(read_json_file(meta / "unit.json"));
    } catch (const InputError&) {
        throw;
    } catch (const std::exception& e) {
        throw InputError((meta / "unit.json").string(), e.what());
    }
    d.capture = read_json_file(meta / "capture.json");
    if (!d.capture.is_object())
        throw InputError((meta / "capture.json").string(), "not a JSON object");
    return d;
}

PackageData load_package_data(const fs::path& dir) {
    PackageData d = load_package_metadata(dir);
    fs::path meta = dir / "data" / "metadata";
    for_each_record(meta / "records.jsonl", [&](Record&& r) { d.records.push_back(std::move(r)); });
    // Host rules as recorded at ingest; else derived.
    if (auto it = d.capture.find("hosts"); it != d.capture.end() && it->is_array()) {
        for (const auto& h : *it) {
            HostRule r;
            r.host = str(h, "host");
            if (auto ci = h.find("case_insensitive"); ci != h.end() && ci->is_boolean())
                r.case_insensitive = ci->get<bool>();
            if (auto n = h.find("records"); n != h.end() && n->is_number_unsigned())
                r.records = n->get<std::size_t>();
            if (!r.host.empty()) d.hosts.push_back(r);
        }
    }
    if (d.hosts.empty()) d.hosts = host_rules(d.records);
    return d;
}

std::string read_record_payload(const fs::path& dir, const Record& r) {
    if (r.payload.empty()) return {};
    const fs::path file = dir / r.payload;
    // The recorded digest, else the file's name when it is one (ingest names payloads by their
    // SHA-256; a payload with neither is covered by the manifest check alone).
    std::string expected = r.sha256;
    const std::string name = fs::path(r.payload).filename().string();
    const bool named_by_digest =
        name.size() == 64 && name.find_first_not_of("0123456789abcdef") == std::string::npos;
    if (expected.empty() && named_by_digest) expected = name;
    // The bytes returned are the bytes hashed.
    std::string out = read_small_file(file, std::numeric_limits<std::size_t>::max());
    Digest d(DigestAlgorithm::sha256);
    d.update(out);
    std::string got = d.finish_hex();
    if ((!expected.empty() && got != expected) || (named_by_digest && got != name))
        throw InputError(file.string(), "SHA-256 " + got + " is not the recorded " + expected +
                                            ": the payload changed after the fixity check");
    return out;
}

// ---- Catalog ----

int Catalog::rank(const Record& r) {
    if (r.kind == "revisit" && r.revisit_of.empty()) return 0;  // unresolved
    bool usable = !r.payload.empty() || r.bytes == 0;
    // A mirror file knows neither its headers nor its redirects: any usable WARC capture of the
    // same URL (with its HTTP headers, or a redirect) wins over it, whatever the dates.
    if (r.kind == "file") return usable ? 1 : 0;
    if (r.status >= 200 && r.status < 300) return usable ? (r.payload.empty() ? 2 : 4) : 0;
    if (r.status >= 300 && r.status < 400 && !r.location.empty()) return 3;
    return 0;
}

Catalog::Kind Catalog::classify(const Record& r) {
    int rk = rank(r);
    if (rk >= 1 && r.status < 300) {
        if (!r.kept_encoding.empty()) return Kind::file;
        MimeKind mk = mime_kind(r.mime);
        if (mk == MimeKind::html) return Kind::page;
        if (mk == MimeKind::script) return Kind::unusable;  // scripts never reach the view
        return Kind::file;
    }
    return rk == 3 ? Kind::redirect : Kind::unusable;
}

CaptureCounter::CaptureCounter(const std::vector<HostRule>& hosts) {
    for (const auto& h : hosts)
        if (h.case_insensitive) case_insensitive_.insert(h.host);
}

void CaptureCounter::add(const Record& r) {
    auto u = parse_absolute_url(r.url);
    if (!u || !u->is_http()) return;
    std::string key = canonical_key(*u, case_insensitive_.count(host_key(*u)) > 0);
    Best b{Catalog::rank(r), r.date, Catalog::classify(r)};
    auto it = best_.find(key);
    if (it == best_.end())
        best_.emplace(std::move(key), std::move(b));
    else if (b.rank > it->second.rank || (b.rank == it->second.rank && b.date >= it->second.date))
        it->second = std::move(b);
}

void CaptureCounter::counts(std::size_t& pages, std::size_t& files, std::size_t& redirects) const {
    pages = files = redirects = 0;
    for (const auto& [k, b] : best_) {
        if (b.kind == Catalog::Kind::page)
            ++pages;
        else if (b.kind == Catalog::Kind::file)
            ++files;
        else if (b.kind == Catalog::Kind::redirect)
            ++redirects;
    }
}

// ---- Capture days ----

namespace {

bool is_iso_day(std::string_view d) {
    if (d.size() < 10 || d[4] != '-' || d[7] != '-') return false;
    for (std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u})
        if (!std::isdigit(static_cast<unsigned char>(d[i]))) return false;
    return true;
}

// "YYYY-MM-DDThh:mm:ssZ" exactly.
bool is_iso_datetime(std::string_view d) {
    if (d.size() != 20 || !is_iso_day(d) || d[10] != 'T' || d[13] != ':' || d[16] != ':' ||
        d[19] != 'Z')
        return false;
    for (std::size_t i : {11u, 12u, 14u, 15u, 17u, 18u})
        if (!std::isdigit(static_cast<unsigned char>(d[i]))) return false;
    return true;
}

}  // namespace

CaptureDays::CaptureDays(const json& capture) {
    if (!capture.is_object()) return;
    if (auto c = capture.find("captured");
        c != capture.end() && c->is_string() && is_iso_day(c->get<std::string>()))
        fallback_ = c->get<std::string>().substr(0, 10);
    auto sources = capture.find("sources");
    if (sources == capture.end() || !sources->is_array()) return;
    for (const auto& s : *sources) {
        if (!s.is_object()) continue;
        auto path = s.find("path");
        auto day = s.find("captured");
        if (path == s.end() || day == s.end() || !path->is_string() || !day->is_string()) continue;
        const std::string d = day->get<std::string>();
        if (is_iso_day(d)) sources_[path->get<std::string>()] = d.substr(0, 10);
    }
}

std::string CaptureDays::day(const Record& r) const {
    if (auto it = sources_.find(r.source); it != sources_.end()) return it->second;
    if (r.kind != "file" && is_iso_day(r.date)) return r.date.substr(0, 10);
    return fallback_;
}

std::string CaptureDays::datetime(const Record& r) const {
    if (r.kind != "file" && is_iso_datetime(r.date)) return r.date;
    const std::string d = day(r);
    return d.empty() ? std::string() : d + "T00:00:00Z";
}

std::string capture_timestamp(std::string_view datetime) {
    if (!is_iso_datetime(datetime)) return {};
    std::string out;
    for (char c : datetime)
        if (std::isdigit(static_cast<unsigned char>(c))) out.push_back(c);
    return out;
}

bool safe_view_file(std::string_view f) {
    constexpr std::size_t kMaxSegment = 150, kMaxTotal = 512, kMaxDepth = 24;
    if (f.empty() || f.size() > kMaxTotal || f.front() == '/' ||
        f.find("..") != std::string_view::npos)
        return false;
    std::size_t depth = 0, seg = 0;
    for (char c : f) {
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F || c == '\\') return false;
        if (c == '/') {
            if (seg == 0) return false;
            if (++depth > kMaxDepth) return false;
            seg = 0;
        } else if (++seg > kMaxSegment) {
            return false;
        }
    }
    return seg > 0 && f.substr(f.rfind('/') + 1) != ".";
}

namespace {

// A file of the view for `file` that is safe and bounded: `file` itself when it is
// (safe_view_file); otherwise "<top>/<folder>/~/u~<hash>~<hash><extension>" where <top> is the
// first segment of `file` ("trang", or "trang/<timestamp>" for a version: `tops` segments) and
// <folder> its next one when that is a plausible host ("_" else), the two hashes of `salt`.
std::string bounded_view_file(const std::string& file, std::string_view salt, std::size_t tops) {
    if (file.empty() || safe_view_file(file)) return file;
    std::string_view v = file;
    std::string top;
    std::size_t pos = 0;
    for (std::size_t i = 0; i < tops; ++i) {
        auto slash = v.find('/', pos);
        if (slash == std::string_view::npos) break;
        pos = slash + 1;
    }
    top = std::string(v.substr(0, pos));
    if (top.empty() || !safe_view_file(top + "x")) top = "trang/";
    std::string host = "_";
    std::string_view h = v.substr(pos, v.find('/', pos) - pos);
    if (!h.empty() && h.size() <= 100 && h.find("..") == std::string_view::npos &&
        h.find('\\') == std::string_view::npos && h.find('/') == std::string_view::npos &&
        std::none_of(h.begin(), h.end(),
                     [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7F; }))
        host = std::string(h);
    std::string ext;
    std::string_view last = v.substr(v.rfind('/') + 1);
    if (auto dot = last.rfind('.'); dot != std::string_view::npos && last.size() - dot <= 6) {
        ext = std::string(last.substr(dot));
        if (ext.size() < 2 || !std::all_of(ext.begin() + 1, ext.end(), [](char c) {
                return std::isalnum(static_cast<unsigned char>(c));
            }))
            ext.clear();
    }
    // Two hashes of the salt (64 bits of SHA-1) name the file.
    return disambiguate_file(disambiguate_file(top + host + "/~/u" + ext, salt),
                             "view:" + std::string(salt));
}

std::string media_type_of(Catalog::Kind kind, const Record& r) {
    std::string m = kind == Catalog::Kind::page || kind == Catalog::Kind::redirect
                        ? "text/html"
                        : (r.kept_encoding.empty() ? r.mime : "application/octet-stream");
    return m.empty() ? "application/octet-stream" : m;
}

// Which of two captures of one URL is shown: the better rank, then the later capture day, then
// the later record.
bool better(const Record& b, const std::string& b_day, const Record& a, const std::string& a_day) {
    int ra = Catalog::rank(a), rb = Catalog::rank(b);
    if (rb != ra) return rb > ra;
    if (b_day != a_day) return b_day > a_day;
    return b.date >= a.date;
}

// Files: deterministic, collision-free (in order; directory/file clashes get a suffix).
void settle_files(std::vector<std::string*>& files, const std::vector<std::string>& salts) {
    std::set<std::string> dirs;
    for (const std::string* f : files)
        for (auto p = f->find('/'); p != std::string::npos; p = f->find('/', p + 1))
            dirs.insert(f->substr(0, p));
    std::set<std::string> used;
    for (std::size_t i = 0; i < files.size(); ++i) {
        std::string& f = *files[i];
        if (dirs.count(f) || used.count(f)) f = disambiguate_file(f, salts[i]);
        used.insert(f);
    }
}

}  // namespace

Catalog::Catalog(const PackageData& data) : records_(&data.records), capture_days_(data.capture) {
    for (const auto& h : data.hosts)
        hosts_[h.host] = h;
    const auto& recs = data.records;
    std::vector<std::string> day(recs.size());
    for (std::size_t i = 0; i < recs.size(); ++i)
        day[i] = capture_days_.day(recs[i]);
    // Best record per key, and per key and capture day.
    std::map<std::string, std::size_t> best;
    std::map<std::string, std::map<std::string, std::size_t>> best_of_day;
    std::vector<std::pair<std::string, std::size_t>> alias_keys;
    std::set<std::string> days;
    for (std::size_t i = 0; i < recs.size(); ++i) {
        auto u = parse_absolute_url(recs[i].url);
        if (!u || !u->is_http()) continue;
        std::string key = canonical_key(*u, case_insensitive(*u));
        if (rank(recs[i]) > 0 && !day[i].empty()) days.insert(day[i]);
        auto [it, fresh] = best.try_emplace(key, i);
        if (!fresh && better(recs[i], day[i], recs[it->second], day[it->second])) it->second = i;
        auto [dt, dfresh] = best_of_day[key].try_emplace(day[i], i);
        if (!dfresh && better(recs[i], day[i], recs[dt->second], day[dt->second])) dt->second = i;
        for (const auto& al : recs[i].aliases)
            if (auto au = parse_absolute_url(al); au && au->is_http())
                alias_keys.emplace_back(canonical_key(*au, case_insensitive(*au)), i);
    }
    days_.assign(days.rbegin(), days.rend());
    for (auto& [key, i] : best) {
        const Record& r = recs[i];
        Entry e;
        e.record = i;
        e.key = key;
        e.kind = classify(r);
        e.media_type = media_type_of(e.kind, r);
        e.day = day[i];
        e.datetime = capture_days_.datetime(r);
        entries_.push_back(std::move(e));
    }
    {
        std::vector<std::string*> files;
        std::vector<std::string> salts;
        for (auto& e : entries_) {
            if (e.kind == Kind::unusable) continue;
            e.file = "trang/" + key_to_file(e.key, e.media_type);
            files.push_back(&e.file);
            salts.push_back(e.key);
        }
        settle_files(files, salts);
    }
    for (auto& e : entries_) {
        if (e.file.empty()) continue;
        e.file = bounded_view_file(e.file, e.key, 1);
        if (e.kind == Kind::page)
            ++pages_;
        else if (e.kind == Kind::file)
            ++files_;
        else if (e.kind == Kind::redirect)
            ++redirects_;
    }
    // The other days' versions of the pages and files, when they differ from what is shown.
    {
        std::vector<std::string*> files;
        std::vector<std::string> salts;
        for (auto& e : entries_) {
            if (e.kind != Kind::page && e.kind != Kind::file) continue;
            const auto& per_day = best_of_day[e.key];
            if (per_day.size() < 2) continue;
            const Record& shown = recs[e.record];
            for (auto it = per_day.rbegin(); it != per_day.rend(); ++it) {
                const auto& [d, i] = *it;
                if (i == e.record || d == e.day || d.empty()) continue;
                const Record& r = recs[i];
                Version v;
                v.record = i;
                v.kind = classify(r);
                if (v.kind != Kind::page && v.kind != Kind::file) continue;
                v.media_type = media_type_of(v.kind, r);
                if (v.kind == e.kind && v.media_type == e.media_type && r.sha256 == shown.sha256 &&
                    r.bytes == shown.bytes && r.kept_encoding == shown.kept_encoding)
                    continue;  // the same bytes: nothing to show beside the entry
                v.day = d;
                v.datetime = capture_days_.datetime(r);
                const std::string ts = capture_timestamp(v.datetime);
                if (ts.empty()) continue;
                // The entry's path under the capture's folder ("trang/<ts>/<host>/…"); another
                // type than the entry's gets its own name for it.
                v.file = "trang/" + ts + "/" +
                         (v.media_type == e.media_type ? e.file.substr(6)
                                                       : key_to_file(e.key, v.media_type));
                e.versions.push_back(std::move(v));
            }
            for (auto& v : e.versions) {
                files.push_back(&v.file);
                salts.push_back(v.datetime + " " + e.key);
            }
        }
        settle_files(files, salts);
        for (auto& e : entries_)
            for (auto& v : e.versions) {
                v.file = bounded_view_file(v.file, v.datetime + " " + e.key, 2);
                ++versions_;
            }
    }
    for (std::size_t i = 0; i < entries_.size(); ++i)
        by_key_[entries_[i].key] = i;
    for (const auto& [k, rec] : alias_keys) {
        if (by_key_.count(k)) continue;
        // Point the alias at the entry of its record's primary key.
        auto u = parse_absolute_url(recs[rec].url);
        if (!u) continue;
        auto it = by_key_.find(canonical_key(*u, case_insensitive(*u)));
        if (it != by_key_.end()) by_key_[k] = it->second;
    }
    // Home: "/" of the host with most pages, else the shortest page URL.
    auto hs = hosts();
    for (const auto& h : hs) {
        if (auto u = parse_absolute_url("http://" + h + "/")) {
            const Entry* e = resolve(find(*u));
            if (e && e->kind == Kind::page) {
                home_ = e;
                break;
            }
        }
    }
    if (!home_) {
        for (const auto& e : entries_)
            if (e.kind == Kind::page && (!home_ || e.key.size() < home_->key.size())) home_ = &e;
    }
}

bool Catalog::archived_host(const Url& u) const {
    return u.is_http() && hosts_.count(host_key(u)) > 0;
}

bool Catalog::case_insensitive(const Url& u) const {
    auto it = hosts_.find(host_key(u));
    return it != hosts_.end() && it->second.case_insensitive;
}

const Catalog::Entry* Catalog::lookup(const std::string& key) const {
    auto it = by_key_.find(key);
    return it == by_key_.end() ? nullptr : &entries_[it->second];
}

const Catalog::Entry* Catalog::find(const Url& u0) const {
    if (!archived_host(u0)) return nullptr;
    Url u = u0;
    u.has_fragment = false;
    bool ci = case_insensitive(u);
    if (const Entry* e = lookup(canonical_key(u, ci))) return e;
    // Directory index names and the trailing slash are interchangeable on most servers.
    static const char* indexes[] = {"default.aspx", "Default.aspx", "index.html", "index.htm",
                                    "index.php",    "default.asp",  "index.asp",  "default.htm",
                                    "index.jsp",    "Default.htm"};
    std::string path = u.path;
    if (!path.empty() && path.back() == '/') {
        for (const char* name : indexes) {
            Url v = u;
            v.path = path + name;
            if (const Entry* e = lookup(canonical_key(v, ci))) return e;
        }
    } else {
        auto slash = path.rfind('/');
        std::string last = path.substr(slash + 1);
        for (const char* name : indexes)
            if (last == name) {
                Url v = u;
                v.path = path.substr(0, slash + 1);
                if (const Entry* e = lookup(canonical_key(v, ci))) return e;
            }
        if (!u.has_query || u.query.empty()) {
            Url v = u;
            v.path = path + "/";
            if (const Entry* e = lookup(canonical_key(v, ci))) return e;
        }
    }
    return nullptr;
}

const Catalog::Entry* Catalog::find(std::string_view url) const {
    auto u = parse_absolute_url(url);
    return u ? find(*u) : nullptr;
}

const Catalog::Entry* Catalog::resolve(const Entry* e) const {
    for (int hops = 0; e && hops < 10; ++hops) {
        if (e->kind == Kind::page || e->kind == Kind::file) return e;
        if (e->kind != Kind::redirect) return nullptr;
        const Record& r = (*records_)[e->record];
        auto base = parse_absolute_url(r.url);
        if (!base) return nullptr;
        auto target = resolve_url(*base, r.location);
        if (!target) return nullptr;
        const Entry* next = find(*target);
        if (next == e) return nullptr;
        e = next;
    }
    return nullptr;
}

std::vector<std::string> Catalog::hosts() const {
    std::map<std::string, std::size_t> pages;
    for (const auto& [h, r] : hosts_)
        pages[h] = 0;
    for (const auto& e : entries_) {
        if (e.kind != Kind::page) continue;
        auto u = parse_absolute_url((*records_)[e.record].url);
        if (u) ++pages[host_key(*u)];
    }
    std::vector<std::string> out;
    for (const auto& [h, n] : pages)
        out.push_back(h);
    std::stable_sort(out.begin(), out.end(), [&](const std::string& a, const std::string& b) {
        return pages[a] > pages[b];
    });
    return out;
}

}  // namespace xasite::archive
