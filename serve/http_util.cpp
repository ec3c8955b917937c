#include "serve/http_util.hpp"

#include <zlib.h>

#include <algorithm>
#include <cstdio>
#include <stdexcept>

#include "archive/export/archive_export.hpp"
#include "core/ascii.hpp"

namespace xasite::serve::http {

namespace {

constexpr std::string_view trim_ows(std::string_view s) {
    return ascii::trim(s, " \t");
}

// Digits only, no overflow past 2^63.
std::optional<std::uint64_t> parse_u64(std::string_view s) {
    if (s.empty() || s.size() > 18) return std::nullopt;
    std::uint64_t v = 0;
    for (char c : s) {
        if (c < '0' || c > '9') return std::nullopt;
        v = v * 10 + static_cast<std::uint64_t>(c - '0');
    }
    return v;
}

constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

}  // namespace

RangePlan plan_ranges(std::string_view header, std::uint64_t size, std::size_t max_ranges) {
    RangePlan plan;
    header = trim_ows(header);
    auto eq = header.find('=');
    if (eq == std::string_view::npos || !ascii::iequals(trim_ows(header.substr(0, eq)), "bytes"))
        return plan;
    std::string_view specs = header.substr(eq + 1);
    std::vector<ByteRange> ranges;
    std::size_t count = 0;
    while (true) {
        auto comma = specs.find(',');
        std::string_view spec = trim_ows(specs.substr(0, comma));
        if (!spec.empty()) {  // empty list elements are allowed (RFC 9110 §5.6.1)
            if (++count > max_ranges) return RangePlan{};
            auto dash = spec.find('-');
            if (dash == std::string_view::npos) return RangePlan{};
            std::string_view a = spec.substr(0, dash), b = spec.substr(dash + 1);
            if (a.empty()) {  // suffix: the last b bytes
                auto n = parse_u64(b);
                if (!n) return RangePlan{};
                if (*n > 0 && size > 0) ranges.push_back({size - std::min(*n, size), size - 1});
            } else {
                auto first = parse_u64(a);
                std::optional<std::uint64_t> last;
                if (!b.empty()) last = parse_u64(b);
                if (!first || (!b.empty() && (!last || *last < *first))) return RangePlan{};
                if (*first < size)
                    ranges.push_back({*first, last ? std::min(*last, size - 1) : size - 1});
            }
        }
        if (comma == std::string_view::npos) break;
        specs.remove_prefix(comma + 1);
    }
    if (count == 0) return plan;
    if (ranges.empty()) {
        plan.kind = RangePlan::Kind::unsatisfiable;
        return plan;
    }
    if (ranges.size() > 1) {
        std::vector<ByteRange> sorted = ranges;
        std::sort(sorted.begin(), sorted.end(),
                  [](const ByteRange& x, const ByteRange& y) { return x.first < y.first; });
        std::uint64_t total = 0;
        for (std::size_t i = 0; i < sorted.size(); ++i) {
            if (i > 0 && sorted[i].first <= sorted[i - 1].last) return RangePlan{};
            total += sorted[i].length();
        }
        if (total > size) return RangePlan{};
    }
    plan.kind = RangePlan::Kind::partial;
    plan.ranges = std::move(ranges);
    return plan;
}

std::string http_date(std::time_t t) {
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[40];
    std::snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d GMT", kDays[tm.tm_wday % 7],
                  tm.tm_mday, kMonths[tm.tm_mon % 12], tm.tm_year + 1900, tm.tm_hour, tm.tm_min,
                  tm.tm_sec);
    return buf;
}

std::optional<std::time_t> parse_http_date(std::string_view text) {
    auto v = archive::parse_datetime(trim_ows(text));
    if (!v) return std::nullopt;
    return static_cast<std::time_t>(*v);
}

std::string etag(std::uint64_t size, std::int64_t mtime_ns, std::string_view variant) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "\"%llx-%llx", static_cast<unsigned long long>(size),
                  static_cast<unsigned long long>(mtime_ns));
    std::string tag = buf;
    if (!variant.empty()) tag.append("-").append(variant);
    tag += '"';
    return tag;
}

bool none_match_hits(std::string_view list, std::string_view tag) {
    auto opaque = [](std::string_view t) {
        t = trim_ows(t);
        if (t.size() > 2 && (t[0] == 'W' || t[0] == 'w') && t[1] == '/') t.remove_prefix(2);
        return t;
    };
    const std::string_view want = opaque(tag);
    while (true) {
        auto comma = list.find(',');
        std::string_view item = trim_ows(list.substr(0, comma));
        if (item == "*" || (!item.empty() && opaque(item) == want)) return true;
        if (comma == std::string_view::npos) return false;
        list.remove_prefix(comma + 1);
    }
}

bool accepts_coding(std::string_view accept, std::string_view coding) {
    bool star = false, named = false, named_zero = false;
    while (!accept.empty()) {
        auto comma = accept.find(',');
        std::string_view item = trim_ows(accept.substr(0, comma));
        auto semi = item.find(';');
        std::string_view name = trim_ows(item.substr(0, semi));
        bool zero = false;
        if (semi != std::string_view::npos) {
            std::string_view params = trim_ows(item.substr(semi + 1));
            if (params.size() >= 2 && (params[0] == 'q' || params[0] == 'Q') && params[1] == '=') {
                std::string_view q = trim_ows(params.substr(2));
                zero = !q.empty() && q.find_first_not_of("0.") == std::string_view::npos;
            }
        }
        if (ascii::iequals(name, coding)) {
            named = true;
            named_zero = zero;
        } else if (name == "*" && !zero) {
            star = true;
        }
        if (comma == std::string_view::npos) break;
        accept.remove_prefix(comma + 1);
    }
    return named ? !named_zero : star;
}

bool compressible(std::string_view type) {
    return type.rfind("text/", 0) == 0 || type.rfind("application/json", 0) == 0 ||
           type.rfind("application/xml", 0) == 0 || type.rfind("application/javascript", 0) == 0 ||
           type.rfind("image/svg+xml", 0) == 0 || type.rfind("application/link-format", 0) == 0;
}

std::string gzip(std::string_view data) {
    z_stream z{};
    if (deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        throw std::runtime_error("zlib: deflateInit2 failed");
    std::string out(deflateBound(&z, static_cast<uLong>(data.size())), '\0');
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    z.avail_in = static_cast<uInt>(data.size());
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = static_cast<uInt>(out.size());
    int rc = deflate(&z, Z_FINISH);
    out.resize(z.total_out);
    deflateEnd(&z);
    if (rc != Z_STREAM_END) throw std::runtime_error("zlib: deflate did not finish");
    return out;
}

std::string log_escape(std::string_view field) {
    if (field.empty()) return "-";
    std::string out;
    out.reserve(field.size());
    for (unsigned char c : field) {
        if (c < 0x20 || c >= 0x7f || c == '"' || c == '\\') {
            char buf[5];
            std::snprintf(buf, sizeof buf, "\\x%02X", c);
            out += buf;
        } else {
            out += static_cast<char>(c);
        }
    }
    return out;
}

std::string log_time(std::time_t t) {
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[40];
    std::snprintf(buf, sizeof buf, "[%02d/%s/%04d:%02d:%02d:%02d +0000]", tm.tm_mday,
                  kMonths[tm.tm_mon % 12], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
    return buf;
}

}  // namespace xasite::serve::http
