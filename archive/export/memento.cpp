// Memento (RFC 7089): dates, TimeMaps and the captures of a package by original URL. See
// archive_export.hpp.
#include <algorithm>
#include <cstdio>
#include <ctime>

#include "archive/export/archive_export.hpp"
#include "archive/package/package.hpp"
#include "core/error.hpp"

namespace xasite::archive {

namespace {

constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

std::optional<std::int64_t> from_fields(int y, int mo, int d, int h, int mi, int s) {
    if (y < 1900 || mo < 1 || mo > 12 || d < 1 || d > 31 || h < 0 || h > 23 || mi < 0 || mi > 59 ||
        s < 0 || s > 60)
        return std::nullopt;
    std::tm tm{};
    tm.tm_year = y - 1900;
    tm.tm_mon = mo - 1;
    tm.tm_mday = d;
    tm.tm_hour = h;
    tm.tm_min = mi;
    tm.tm_sec = s;
    return static_cast<std::int64_t>(timegm(&tm));
}

}  // namespace

std::optional<std::int64_t> parse_datetime(std::string_view text) {
    const std::string t(text);
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0, n = 0;
    if (std::sscanf(t.c_str(), "%4d-%2d-%2dT%2d:%2d:%2dZ%n", &y, &mo, &d, &h, &mi, &s, &n) == 6 &&
        static_cast<std::size_t>(n) == t.size())
        return from_fields(y, mo, d, h, mi, s);
    char day[4] = {}, mon[4] = {};
    if (std::sscanf(t.c_str(), "%3s, %2d %3s %4d %2d:%2d:%2d GMT%n", day, &d, mon, &y, &h, &mi, &s,
                    &n) == 7 &&
        static_cast<std::size_t>(n) == t.size()) {
        for (int m = 0; m < 12; ++m)
            if (std::string_view(mon) == kMonths[m]) return from_fields(y, m + 1, d, h, mi, s);
    }
    return std::nullopt;
}

std::string http_date(std::string_view iso) {
    auto t = parse_datetime(iso);
    if (!t) return {};
    std::time_t tt = static_cast<std::time_t>(*t);
    std::tm tm{};
    gmtime_r(&tt, &tm);
    char buf[40];
    std::snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d GMT", kDays[tm.tm_wday],
                  tm.tm_mday, kMonths[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min,
                  tm.tm_sec);
    return buf;
}

std::string timemap_link(std::string_view original, std::string_view timegate,
                         std::string_view self, std::vector<Memento> mementos) {
    std::stable_sort(mementos.begin(), mementos.end(),
                     [](const Memento& a, const Memento& b) { return a.datetime < b.datetime; });
    std::string out;
    out += "<" + std::string(original) + ">; rel=\"original\",\n";
    if (!timegate.empty()) out += "<" + std::string(timegate) + ">; rel=\"timegate\",\n";
    out += "<" + std::string(self) + ">; rel=\"self\"; type=\"application/link-format\"";
    if (!mementos.empty())
        out += "; from=\"" + http_date(mementos.front().datetime) + "\"; until=\"" +
               http_date(mementos.back().datetime) + "\"";
    for (std::size_t i = 0; i < mementos.size(); ++i) {
        std::string rel = "memento";
        if (mementos.size() == 1)
            rel = "first last memento";
        else if (i == 0)
            rel = "first memento";
        else if (i + 1 == mementos.size())
            rel = "last memento";
        out += ",\n<" + mementos[i].uri + ">; rel=\"" + rel + "\"; datetime=\"" +
               http_date(mementos[i].datetime) + "\"";
    }
    return out + "\n";
}

const Memento* nearest_memento(const std::vector<Memento>& mementos,
                               std::optional<std::int64_t> when) {
    const Memento* best = nullptr;
    std::int64_t best_distance = 0;
    for (const Memento& m : mementos) {
        auto t = parse_datetime(m.datetime);
        if (!t) continue;
        if (!when) {
            if (!best || m.datetime >= best->datetime) best = &m;
            continue;
        }
        std::int64_t distance = *t > *when ? *t - *when : *when - *t;
        if (!best || distance < best_distance ||
            (distance == best_distance && m.datetime > best->datetime)) {
            best = &m;
            best_distance = distance;
        }
    }
    return best;
}

CaptureIndex CaptureIndex::load(const std::filesystem::path& package_dir) {
    PackageData data = load_package_data(package_dir);
    Catalog catalog(data);
    CaptureIndex index;
    for (const Catalog::Entry& e : catalog.entries()) {
        const Catalog::Entry* shown = catalog.resolve(&e);
        if (!shown || shown->file.empty()) continue;
        const Record& r = catalog.records()[e.record];
        const Record& s = catalog.records()[shown->record];
        // The default view first, then the other days' versions (newest first).
        auto add = [&](const std::string& datetime, const std::string& file) {
            if (shown == &e) index.by_file_.emplace_back(file, index.captures_.size());
            index.by_key_.emplace_back(e.key, index.captures_.size());
            index.captures_.push_back({r.url, datetime, file});
        };
        add(shown->datetime.empty() ? (s.date.empty() ? r.date : s.date) : shown->datetime,
            shown->file);
        for (const Catalog::Version& v : shown->versions)
            add(v.datetime, v.file);
    }
    // Sorted by key (by file), then by the order added.
    std::sort(index.by_key_.begin(), index.by_key_.end());
    std::sort(index.by_file_.begin(), index.by_file_.end());
    for (const HostRule& h : data.hosts)
        if (h.case_insensitive) index.case_insensitive_hosts_.push_back(h.host);
    return index;
}

std::vector<const Capture*> CaptureIndex::find_all(std::string_view url_text) const {
    std::vector<const Capture*> out;
    auto u = parse_absolute_url(url_text);
    if (!u) return out;
    const std::string host = host_key(*u);
    const bool ci = std::find(case_insensitive_hosts_.begin(), case_insensitive_hosts_.end(),
                              host) != case_insensitive_hosts_.end();
    std::string key = canonical_key(*u, ci);
    auto lookup = [&](const std::string& k) {
        for (auto it =
                 std::lower_bound(by_key_.begin(), by_key_.end(), std::pair{k, std::size_t{0}});
             it != by_key_.end() && it->first == k; ++it)
            out.push_back(&captures_[it->second]);
        return !out.empty();
    };
    if (lookup(key)) return out;
    // The trailing slash and a missing one are the same page.
    if (!key.empty() && key.back() == '/') {
        lookup(key.substr(0, key.size() - 1));
        return out;
    }
    lookup(key + "/");
    return out;
}

const Capture* CaptureIndex::find(std::string_view url_text) const {
    auto all = find_all(url_text);
    return all.empty() ? nullptr : all.front();
}

std::vector<Memento> CaptureIndex::mementos(std::string_view url, std::string_view base) const {
    std::vector<Memento> out;
    for (const Capture* c : find_all(url))
        out.push_back({c->datetime, std::string(base) + encode_href_path(c->view_file)});
    return out;
}

const Capture* CaptureIndex::find_view_file(std::string_view view_file) const {
    auto it = std::lower_bound(by_file_.begin(), by_file_.end(),
                               std::pair{std::string(view_file), std::size_t{0}});
    if (it != by_file_.end() && it->first == view_file) return &captures_[it->second];
    return nullptr;
}

}  // namespace xasite::archive
