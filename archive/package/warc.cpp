#include "archive/package/warc.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstring>
#include "core/ascii.hpp"
#include "core/date.hpp"

namespace xasite::archive {

namespace {

// Spaces trimmed around header lines and values.
constexpr std::string_view kHeaderSpace = " \t\r";

constexpr std::size_t kMaxHeader = 1 << 20;

bool starts_warc_version(std::string_view s) {
    return s.size() >= 6 && s.substr(0, 5) == "WARC/" && s[5] >= '0' && s[5] <= '9';
}

// An ARC header line begins with its URL: a scheme ("http:", "filedesc:", "dns:") at the start.
bool starts_arc_header(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size() && i < 16 && std::isalpha(static_cast<unsigned char>(s[i])))
        ++i;
    return i >= 3 && i < s.size() && s[i] == ':';
}

std::string printable(std::string_view s, std::size_t max = 24) {
    std::string out;
    for (char c : s.substr(0, max)) {
        unsigned char u = static_cast<unsigned char>(c);
        if (u >= 0x20 && u < 0x7f && c != '"' && c != '\\')
            out.push_back(c);
        else {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\x%02x", u);
            out += buf;
        }
    }
    return out;
}

}  // namespace

bool iequals(std::string_view a, std::string_view b) {
    return ascii::iequals(a, b);
}

std::string_view field_value(const HeaderFields& fields, std::string_view name) {
    for (const auto& [k, v] : fields)
        if (iequals(k, name)) return v;
    return {};
}

void add_field_line(HeaderFields& fields, std::string_view line) {
    if (line.empty()) return;
    if (line.front() == ' ' || line.front() == '\t') {  // folded continuation
        if (!fields.empty()) {
            fields.back().second += ' ';
            fields.back().second += ascii::trim(line, kHeaderSpace);
        }
        return;
    }
    auto colon = line.find(':');
    if (colon == std::string_view::npos) return;
    fields.emplace_back(std::string(ascii::trim(line.substr(0, colon), kHeaderSpace)),
                        std::string(ascii::trim(line.substr(colon + 1), kHeaderSpace)));
}

std::string WarcRecord::type() const {
    std::string t(ascii::trim(field("WARC-Type"), kHeaderSpace));
    for (auto& c : t)
        c = ascii::lower(c);
    return t;
}

std::string WarcRecord::target_uri() const {
    std::string_view v = ascii::trim(field("WARC-Target-URI"), kHeaderSpace);
    if (v.size() >= 2 && v.front() == '<' && v.back() == '>')
        v = ascii::trim(v.substr(1, v.size() - 2), kHeaderSpace);
    return std::string(v);
}

std::string WarcRecord::date() const {
    return std::string(ascii::trim(field("WARC-Date"), kHeaderSpace));
}

std::string WarcRecord::record_id() const {
    return std::string(ascii::trim(field("WARC-Record-ID"), kHeaderSpace));
}

bool parse_warc_date(std::string_view v, std::string& day, std::string& iso) {
    v = ascii::trim(v, kHeaderSpace);
    auto digits = [&](std::size_t at, std::size_t n) {
        if (at + n > v.size()) return false;
        for (std::size_t i = at; i < at + n; ++i)
            if (v[i] < '0' || v[i] > '9') return false;
        return true;
    };
    std::string y, mo, d, h = "00", mi = "00", s = "00";
    if (digits(0, 14) && (v.size() == 14 || !std::isdigit(static_cast<unsigned char>(v[14])))) {
        y = std::string(v.substr(0, 4));
        mo = std::string(v.substr(4, 2));
        d = std::string(v.substr(6, 2));
        h = std::string(v.substr(8, 2));
        mi = std::string(v.substr(10, 2));
        s = std::string(v.substr(12, 2));
    } else {
        if (!digits(0, 4) || v.size() < 10 || v[4] != '-' || !digits(5, 2) || v[7] != '-' ||
            !digits(8, 2))
            return false;
        y = std::string(v.substr(0, 4));
        mo = std::string(v.substr(5, 2));
        d = std::string(v.substr(8, 2));
        if (v.size() > 10) {
            if (v[10] != 'T' && v[10] != 't' && v[10] != ' ') return false;
            if (!digits(11, 2) || v.size() < 16 || v[13] != ':' || !digits(14, 2)) return false;
            h = std::string(v.substr(11, 2));
            mi = std::string(v.substr(14, 2));
            if (v.size() >= 19 && v[16] == ':' && digits(17, 2)) s = std::string(v.substr(17, 2));
        }
    }
    int month = std::stoi(mo), dd = std::stoi(d), hh = std::stoi(h), mm = std::stoi(mi),
        ss = std::stoi(s);
    if (!date::is_valid(std::stoi(y), month, dd) || hh > 23 || mm > 59 || ss > 60) return false;
    day = y + "-" + mo + "-" + d;
    iso = day + "T" + h + ":" + mi + ":" + s + "Z";
    return true;
}

WarcReader::WarcReader(Input& in, std::string name, InflateLimits limits)
    : stream_(in), limits_(limits), name_(std::move(name)) {}

std::uint64_t WarcReader::record_source_bytes() const {
    std::uint64_t now = stream_.compressed_position();
    return now > source_start_ ? now - source_start_ : 0;
}

std::string WarcReader::where(const WarcRecord& r) const {
    return name_ + ": record " + std::to_string(r.index) + " at offset " + std::to_string(r.offset);
}

std::string WarcReader::where_offset(std::uint64_t position) const {
    auto m = stream_.member_at(position);
    if (stream_.gzip())
        return name_ + ": at offset " + std::to_string(m.offset) + " (+" +
               std::to_string(position - m.start) + " bytes uncompressed)";
    return name_ + ": at offset " + std::to_string(position);
}

std::vector<std::string> WarcReader::take_warnings() {
    std::vector<std::string> out;
    out.swap(warnings_);
    for (auto& n : stream_.notes())
        out.push_back(name_ + ": " + n);
    stream_.notes().clear();
    return out;
}

void WarcReader::cut_damaged(std::uint64_t at) {
    truncated_ = true;
    warnings_.push_back(where(current_) + ": its gzip data is damaged (corrupt gzip data, noted " +
                        "for this file); the block is cut after " +
                        std::to_string(at > block_start_ ? at - block_start_ : 0) + " of " +
                        std::to_string(current_.content_length) +
                        " bytes and the record is not complete");
    block_end_ = at;
}

void WarcReader::stop(const StreamError& e) {
    dead_ = true;
    in_record_ = false;
    stopped_ = e.what();
}

std::size_t WarcReader::read(char* buf, std::size_t n) {
    if (!in_record_ || dead_) return 0;
    std::uint64_t cur = stream_.position();
    if (n == 0) return 0;
    if (cur >= block_end_) {
        // The block is read: decode a little past it (its separator and the next member's
        // start) so a damaged member whose CRC check comes after the block's last byte is seen
        // before the caller takes the record as complete.
        if (!truncated_ && stream_.gzip()) {
            stream_.fill(8);
            if (stream_.damaged(block_start_, block_end_)) cut_damaged(block_end_);
        }
        return 0;
    }
    std::uint64_t remaining = block_end_ - cur;
    std::size_t want = static_cast<std::size_t>(std::min<std::uint64_t>(n, remaining));
    std::size_t avail = stream_.fill(want);
    if (avail == 0) {
        truncated_ = true;
        warnings_.push_back(where(current_) + ": Content-Length " +
                            std::to_string(current_.content_length) +
                            " runs past the end of the file; the block is cut after " +
                            std::to_string(block_done_) + " bytes");
        block_end_ = cur;
        return 0;
    }
    std::size_t k = std::min(avail, want);
    if (auto d = stream_.damaged(cur, cur + k)) {
        // Bytes a corrupt gzip member decoded (DecompressedStream): the block ends before them.
        cut_damaged(std::max(*d, cur));
        k = static_cast<std::size_t>(block_end_ - cur);
        if (k == 0) return 0;
    }
    if (stream_.gzip()) {
        // A gzip member that starts inside the block and begins with a WARC version line means
        // the Content-Length is too long: the record ended with its member.
        if (auto b = stream_.boundary_in(cur == 0 ? 0 : cur - 1, cur + k - 1);
            b && *b > block_start_) {
            std::size_t rel = static_cast<std::size_t>(*b - cur);
            std::size_t have = stream_.fill(rel + 17);
            std::string_view next = stream_.available().substr(
                rel, std::min<std::size_t>(have - std::min(have, rel), 17));
            if (have >= rel + 6 &&
                (arc_ ? starts_arc_header(next) : starts_warc_version(next.substr(0, 6)))) {
                truncated_ = true;
                warnings_.push_back(where(current_) + ": Content-Length " +
                                    std::to_string(current_.content_length) +
                                    " is longer than the record: its gzip member ends after " +
                                    std::to_string(block_done_ + rel) +
                                    " bytes of block and the next record begins there");
                block_end_ = *b;
                k = rel;
                if (k == 0) return 0;
            }
        }
    }
    std::memcpy(buf, stream_.available().data(), k);
    stream_.consume(k);
    block_done_ += k;
    return k;
}

bool WarcReader::skip_separator() {
    // The block is followed by CRLF CRLF; tolerate LF LF, a single CRLF, or nothing.
    std::size_t avail = stream_.fill(4);
    std::string_view a = stream_.available().substr(0, std::min<std::size_t>(avail, 4));
    std::size_t k = 0;
    while (k < a.size() && (a[k] == '\r' || a[k] == '\n'))
        ++k;
    stream_.consume(k);
    return true;
}

bool WarcReader::resync() {
    char prev = '\n';
    for (;;) {
        std::size_t avail = stream_.fill(1 << 16);
        if (avail == 0) return false;
        std::string_view a = stream_.available();
        std::uint64_t base = stream_.position();
        for (std::size_t i = 0; i + 6 <= a.size(); ++i) {
            char before = i == 0 ? prev : a[i - 1];
            bool line_start = before == '\n' || stream_.member_at(base + i).start == base + i;
            if (line_start && (arc_ ? starts_arc_header(a.substr(i, 17))
                                    : a[i] == 'W' && starts_warc_version(a.substr(i, 6)))) {
                stream_.consume(i);
                return true;
            }
        }
        if (a.size() < 6) {
            // Fewer than six bytes left and no version line: the end.
            stream_.consume(a.size());
            if (stream_.at_end()) return false;
            continue;
        }
        std::size_t drop = a.size() - 5;
        prev = a[drop - 1];
        stream_.consume(drop);
    }
}

bool WarcReader::read_header(WarcRecord& rec, bool& bad) {
    bad = false;
    std::size_t scan = 0, search = 0;
    std::vector<std::string> lines;
    for (;;) {
        std::size_t avail = stream_.fill(search + 4096);
        std::string_view a = stream_.available();
        auto nl = a.find('\n', search);
        if (nl == std::string_view::npos) {
            if (avail < search + 4096 || avail > kMaxHeader) {
                bad = true;
                warnings_.push_back(where_offset(stream_.position()) +
                                    (avail > kMaxHeader ? ": WARC header longer than 1 MiB"
                                                        : ": WARC header cut short by the end of "
                                                          "the file"));
                stream_.consume(std::max<std::size_t>(1, std::min(avail, scan)));
                return false;
            }
            search = avail;
            continue;
        }
        std::string_view line = a.substr(scan, nl - scan);
        // CRLF, LF, and the CR CR LF some writers produced on Windows.
        while (!line.empty() && line.back() == '\r')
            line.remove_suffix(1);
        scan = search = nl + 1;
        if (line.empty()) break;
        lines.emplace_back(line);
        if (scan > kMaxHeader) {
            bad = true;
            warnings_.push_back(where_offset(stream_.position()) +
                                ": WARC header longer than 1 MiB");
            stream_.consume(scan);
            return false;
        }
    }
    rec.position = stream_.position();
    stream_.consume(scan);
    rec.version = std::string(ascii::trim(lines.front(), kHeaderSpace));
    for (std::size_t i = 1; i < lines.size(); ++i)
        add_field_line(rec.fields, lines[i]);
    return true;
}

// ARC (Internet Archive, 1996–2009; wget and Heritrix wrote it too): a record is one header
// line "URL IP-address Archive-date Content-type Archive-length" (version 1; version 2 adds
// result code, checksum, location, offset and file name before the length), the block, a LF.
// The first record (filedesc://) describes the file; its block's first line gives the version.
// The line becomes WARC fields, so the rest of the reader (and ingest) is the same.
bool WarcReader::read_arc_header(WarcRecord& rec) {
    std::size_t avail = stream_.fill(64 * 1024);
    std::string_view a = stream_.available().substr(0, avail);
    auto nl = a.find('\n');
    if (nl == std::string_view::npos) {
        warnings_.push_back(where_offset(stream_.position()) +
                            ": ARC header line without its end; skipped to the next record");
        stream_.consume(std::max<std::size_t>(1, avail));
        return false;
    }
    std::string line(ascii::trim(a.substr(0, nl), kHeaderSpace));
    stream_.consume(nl + 1);
    std::vector<std::string> f;
    for (std::size_t i = 0; i < line.size();) {
        auto sp = line.find(' ', i);
        if (sp == std::string::npos) sp = line.size();
        if (sp > i) f.push_back(line.substr(i, sp - i));
        i = sp + 1;
    }
    std::size_t per = arc_version_ == 2 ? 10 : 5;
    if (f.size() < per) {
        if (f.size() < 5) {
            warnings_.push_back(where_offset(stream_.position()) + ": ARC header line \"" +
                                printable(line, 60) + "\" has " + std::to_string(f.size()) +
                                " fields, not " + std::to_string(per) +
                                "; skipped to the next record");
            return false;
        }
        per = 5;
    }
    std::size_t b = f.size() - per;  // the URL's last field (a URL written with spaces)
    std::string url = f[0];
    for (std::size_t i = 1; i <= b; ++i)
        url += "%20" + f[i];
    const std::string& date = f[b + 2];
    const std::string& type = f[b + 3];
    const std::string& length = f.back();
    bool filedesc = url.rfind("filedesc:", 0) == 0;
    rec.version = arc_version_ == 2 ? "ARC/2" : "ARC/1";
    rec.fields = {{"WARC-Type", filedesc ? "warcinfo" : "response"},
                  {"WARC-Date", date},
                  {"Content-Length", length},
                  {"WARC-IP-Address", f[b + 1]},
                  {"Content-Type", type}};
    if (!filedesc) rec.fields.emplace_back("WARC-Target-URI", url);
    if (filedesc) {
        // The version: the first word of the block ("1 0 Alexa Internet").
        std::size_t have = stream_.fill(64);
        std::string_view blk = stream_.available().substr(0, have);
        if (!blk.empty() && blk[0] == '2') arc_version_ = 2;
    }
    return true;
}

bool WarcReader::next(WarcRecord& record) {
    if (dead_) return false;
    try {
        bool after_block = false;
        std::uint64_t prev_length = 0;
        std::size_t prev_index = 0;
        std::uint64_t prev_offset = 0;
        if (in_record_) {
            char scratch[1 << 14];
            while (read(scratch, sizeof scratch) > 0) {
            }
            in_record_ = false;
            after_block = !truncated_;
            prev_length = current_.content_length;
            prev_index = current_.index;
            prev_offset = current_.offset;
            skip_separator();
        }
        for (;;) {
            // Blank lines between records are tolerated.
            for (;;) {
                std::size_t avail = stream_.fill(1);
                if (avail == 0) return false;
                char c = stream_.available()[0];
                if (c == '\r' || c == '\n')
                    stream_.consume(1);
                else
                    break;
            }
            stream_.fill(17);
            std::string_view a = stream_.available();
            if (count_ == 0 && stream_.position() < 16 && a.substr(0, 11) == "filedesc://")
                arc_ = true;
            if (arc_ ? !starts_arc_header(a.substr(0, std::min<std::size_t>(a.size(), 17)))
                     : !starts_warc_version(a.substr(0, std::min<std::size_t>(a.size(), 6)))) {
                if (count_ == 0 && stream_.position() < 16)
                    throw NotWarcError(name_ + ": not a WARC file (it begins with \"" +
                                       printable(a) + "\", not a WARC/1.x version line)");
                std::string msg = where_offset(stream_.position());
                if (after_block)
                    msg = name_ + ": record " + std::to_string(prev_index) + " at offset " +
                          std::to_string(prev_offset) + ": Content-Length " +
                          std::to_string(prev_length) +
                          " does not end at the record separator (found \"" + printable(a, 16) +
                          "\")";
                else
                    msg += ": expected a WARC record, found \"" + printable(a, 16) + "\"";
                msg += "; skipped to the next record";
                if (!resync()) {
                    warnings_.push_back(msg + " (none found before the end of the file)");
                    return false;
                }
                warnings_.push_back(msg + " at " +
                                    where_offset(stream_.position()).substr(name_.size() + 2));
                after_block = false;
                continue;
            }
            WarcRecord rec;
            bool bad = false;
            std::uint64_t start = stream_.position();
            std::uint64_t header_source = stream_.compressed_position();
            if (arc_ ? !read_arc_header(rec) : !read_header(rec, bad)) {
                if (!resync()) return false;
                continue;
            }
            rec.index = ++count_;
            auto m = stream_.member_at(start);
            rec.offset = stream_.gzip() ? m.offset : start;
            rec.member_start = !stream_.gzip() || m.start == start;
            rec.position = start;
            // Where the record starts in the file: its gzip member's offset when it starts one
            // (Annex D), else how far the decompressor had read when its header was found.
            source_start_ = rec.member_start ? rec.offset : header_source;
            std::string_view cl = ascii::trim(rec.field("Content-Length"), kHeaderSpace);
            bool ok =
                !cl.empty() && cl.size() <= 18 &&
                std::all_of(cl.begin(), cl.end(), [](char c) { return c >= '0' && c <= '9'; });
            if (!ok) {
                warnings_.push_back(where(rec) + ": missing or invalid Content-Length \"" +
                                    printable(cl) + "\"; skipped to the next record");
                if (!resync()) return false;
                continue;
            }
            rec.content_length = std::stoull(std::string(cl));
            current_ = rec;
            record = std::move(rec);
            in_record_ = true;
            truncated_ = false;
            block_start_ = stream_.position();
            block_end_ = block_start_ + record.content_length;
            block_done_ = 0;
            return true;
        }
    } catch (const StreamError& e) {
        stop(e);
        return false;
    }
}

}  // namespace xasite::archive
