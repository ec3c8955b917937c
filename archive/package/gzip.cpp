#include "archive/package/gzip.hpp"

#include <zlib.h>

#include <algorithm>
#include <cstring>

namespace xasite::archive {

namespace {
constexpr std::size_t kChunk = 1 << 16;
}

struct Inflater::Z {
    z_stream s{};
    bool ok = false;
    ~Z() {
        if (ok) inflateEnd(&s);
    }
};

Inflater::Inflater(ZFormat format) : z_(std::make_unique<Z>()) {
    int bits = format == ZFormat::gzip_or_zlib ? 15 + 32 : format == ZFormat::zlib ? 15 : -15;
    if (inflateInit2(&z_->s, bits) != Z_OK) throw std::runtime_error("inflateInit2 failed");
    z_->ok = true;
}

Inflater::~Inflater() = default;

void Inflater::reset() {
    inflateReset(&z_->s);
    message_.clear();
}

Inflater::Status Inflater::feed(std::string_view in,
                                const std::function<void(std::string_view)>& sink,
                                std::size_t& consumed) {
    z_stream& s = z_->s;
    s.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
    s.avail_in = static_cast<uInt>(in.size());
    char out[kChunk];
    Status status = Status::more;
    for (;;) {
        s.next_out = reinterpret_cast<Bytef*>(out);
        s.avail_out = sizeof out;
        uInt before_in = s.avail_in;
        int r = inflate(&s, Z_NO_FLUSH);
        std::size_t produced = sizeof out - s.avail_out;
        total_in_ += before_in - s.avail_in;
        total_out_ += produced;
        if (produced > 0) sink(std::string_view(out, produced));
        if (r == Z_STREAM_END) {
            status = Status::end;
            break;
        }
        if (r == Z_BUF_ERROR) {
            // No progress possible: more input is needed.
            break;
        }
        if (r != Z_OK) {
            message_ = s.msg ? s.msg : "invalid compressed data";
            status = Status::error;
            break;
        }
        if (s.avail_in == 0 && s.avail_out != 0) break;
    }
    consumed = in.size() - s.avail_in;
    return status;
}

bool inflate_all(std::string_view in, ZFormat format, std::uint64_t max_out, std::string& out,
                 std::string* error) {
    out.clear();
    Inflater inf(format);
    bool too_big = false;
    auto sink = [&](std::string_view chunk) {
        if (too_big) return;
        if (out.size() + chunk.size() > max_out) {
            too_big = true;
            return;
        }
        out.append(chunk);
    };
    for (;;) {
        std::size_t consumed = 0;
        // Feed in slices so a bomb stops early.
        std::string_view slice = in.substr(0, std::min<std::size_t>(in.size(), kChunk));
        auto st = inf.feed(slice, sink, consumed);
        in.remove_prefix(consumed);
        if (too_big) {
            if (error) *error = "expands beyond " + std::to_string(max_out) + " bytes";
            return false;
        }
        if (st == Inflater::Status::error) {
            if (error) *error = inf.message();
            return false;
        }
        if (st == Inflater::Status::end) {
            if (format == ZFormat::gzip_or_zlib && looks_gzip(in)) {
                inf.reset();
                continue;
            }
            return true;
        }
        if (in.empty()) {
            if (error) *error = "unexpected end of compressed data";
            return false;
        }
    }
}

std::string gzip_compress(std::string_view data, int level) {
    z_stream s{};
    if (deflateInit2(&s, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        throw std::runtime_error("deflateInit2 failed");
    std::string out;
    s.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    s.avail_in = static_cast<uInt>(data.size());
    char buf[kChunk];
    int r;
    do {
        s.next_out = reinterpret_cast<Bytef*>(buf);
        s.avail_out = sizeof buf;
        r = deflate(&s, Z_FINISH);
        out.append(buf, sizeof buf - s.avail_out);
    } while (r == Z_OK || r == Z_BUF_ERROR);
    deflateEnd(&s);
    return out;
}

DecompressedStream::DecompressedStream(Input& in) : in_(in) {}

DecompressedStream::~DecompressedStream() = default;

bool DecompressedStream::read_raw() {
    if (raw_eof_) return false;
    if (raw_pos_ > 0) {
        raw_base_ += raw_pos_;
        raw_.erase(0, raw_pos_);
        raw_pos_ = 0;
    }
    std::size_t old = raw_.size();
    raw_.resize(old + (1 << 18));
    std::size_t n = 0;
    try {
        n = in_.read(raw_.data() + old, 1 << 18);
    } catch (const std::exception& e) {
        raw_.resize(old);
        throw StreamError(StreamError::Kind::io, raw_base_ + old, e.what());
    }
    raw_.resize(old + n);
    if (n == 0) raw_eof_ = true;
    return n > 0;
}

std::uint64_t DecompressedStream::compressed_position() const {
    return raw_base_ + raw_pos_;
}

bool DecompressedStream::produce() {
    if (!started_) {
        started_ = true;
        while (raw_.size() - raw_pos_ < 2 && read_raw()) {
        }
        gzip_ = looks_gzip(std::string_view(raw_).substr(raw_pos_));
        if (gzip_) {
            inflater_ = std::make_unique<Inflater>(ZFormat::gzip_or_zlib);
            members_.push_back({0, 0});
        }
    }
    if (!gzip_) {
        if (raw_pos_ >= raw_.size() && !read_raw()) return false;
        buf_.append(raw_, raw_pos_, std::string::npos);
        raw_pos_ = raw_.size();
        return true;
    }
    for (;;) {
        if (member_done_) {
            while (raw_.size() - raw_pos_ < 2 && read_raw()) {
            }
            std::string_view rest = std::string_view(raw_).substr(raw_pos_);
            if (rest.empty()) return false;
            if (!looks_gzip(rest)) {
                // Trailing bytes that are not a gzip member (often zero padding): ignored.
                bool zeros = std::all_of(rest.begin(), rest.end(), [](char c) { return c == 0; });
                notes_.push_back("ignored " +
                                 std::string(zeros ? "zero padding" : "trailing bytes") +
                                 " after the last gzip member at offset " +
                                 std::to_string(compressed_position()));
                raw_pos_ = raw_.size();
                raw_eof_ = true;
                return false;
            }
            inflater_->reset();
            member_done_ = false;
            members_.push_back({base_ + buf_.size(), compressed_position()});
        }
        if (raw_pos_ >= raw_.size() && !read_raw()) {
            const Member& m = members_.empty() ? Member{} : members_.back();
            throw StreamError(StreamError::Kind::truncated, m.offset,
                              "truncated gzip data: the member starting at offset " +
                                  std::to_string(m.offset) + " is cut short at offset " +
                                  std::to_string(compressed_position()) + " (end of file)");
        }
        std::size_t before = buf_.size();
        std::size_t consumed = 0;
        // Bounded input slice: at most 16 MiB of output per call (deflate expands at most
        // 1032:1). Expansion is limited per record by the reader's caller (a bomb in one record
        // must not stop the records after it), not here.
        std::string_view slice = std::string_view(raw_).substr(
            raw_pos_, std::min<std::size_t>(raw_.size() - raw_pos_, 1 << 14));
        auto st = inflater_->feed(
            slice, [&](std::string_view c) { buf_.append(c); }, consumed);
        raw_pos_ += consumed;
        if (st == Inflater::Status::error) {
            const std::uint64_t bad = compressed_position();
            const Member m = members_.empty() ? Member{} : members_.back();
            std::string what = "corrupt gzip data at offset " + std::to_string(bad) +
                               " (member starting at " + std::to_string(m.offset) +
                               "): " + inflater_->message();
            // What this member decoded may be wrong; the next member header after its start is
            // where reading goes on (a bad sector or a broken copy loses one record, not the
            // rest of the file).
            const std::uint64_t out_end = base_ + buf_.size();
            auto next = seek_member(m.offset + 1);
            if (!next) throw StreamError(StreamError::Kind::corrupt, bad, what);
            damaged_.emplace_back(m.start, out_end);
            notes_.push_back(what + "; skipped to the next gzip member at offset " +
                             std::to_string(*next) + " (" + std::to_string(*next - m.offset) +
                             " bytes of the file from the damaged member's start)");
            member_done_ = true;
            if (buf_.size() > before) return true;
            continue;
        }
        if (st == Inflater::Status::end) member_done_ = true;
        if (buf_.size() > before) return true;
    }
}

std::optional<std::uint64_t> DecompressedStream::seek_member(std::uint64_t from) {
    std::size_t i =
        from > raw_base_
            ? static_cast<std::size_t>(std::min<std::uint64_t>(from - raw_base_, raw_.size()))
            : 0;
    for (;;) {
        // ID1 ID2, CM = 8 (deflate), no reserved FLG bits (RFC 1952 2.3.1).
        for (; i + 4 <= raw_.size(); ++i)
            if (static_cast<unsigned char>(raw_[i]) == 0x1f &&
                static_cast<unsigned char>(raw_[i + 1]) == 0x8b && raw_[i + 2] == 8 &&
                (static_cast<unsigned char>(raw_[i + 3]) & 0xe0) == 0) {
                raw_pos_ = i;
                return raw_base_ + i;
            }
        raw_pos_ = i;  // nothing before i starts a member; read_raw() drops it
        if (!read_raw()) {
            raw_pos_ = raw_.size();
            return std::nullopt;
        }
        i = 0;
    }
}

std::optional<std::uint64_t> DecompressedStream::damaged(std::uint64_t from,
                                                         std::uint64_t to) const {
    std::optional<std::uint64_t> first;
    for (const auto& [s, e] : damaged_)
        if (s < to && e > from) {
            std::uint64_t at = std::max(s, from);
            if (!first || at < *first) first = at;
        }
    return first;
}

std::size_t DecompressedStream::fill(std::size_t n) {
    if (pos_ > (1u << 20) && pos_ * 2 > buf_.size()) {
        buf_.erase(0, pos_);
        base_ += pos_;
        pos_ = 0;
    }
    while (buf_.size() - pos_ < n && !eof_) {
        // A decompression error is raised only once the bytes before it are used up: a
        // look-ahead (a WARC header scan asks for 4 KiB) must not lose the last good record.
        if (pending_) {
            if (buf_.size() > pos_) break;
            StreamError e = *pending_;
            pending_.reset();
            throw e;
        }
        try {
            if (!produce()) eof_ = true;
        } catch (const StreamError& e) {
            if (buf_.size() == pos_) throw;
            pending_ = e;
        }
    }
    return buf_.size() - pos_;
}

void DecompressedStream::consume(std::size_t n) {
    pos_ += std::min(n, buf_.size() - pos_);
    std::uint64_t p = position();
    while (members_.size() >= 2 && members_[1].start <= p)
        members_.pop_front();
}

DecompressedStream::Member DecompressedStream::member_at(std::uint64_t pos) const {
    if (!gzip_) return {pos, pos};
    Member best{};
    for (const auto& m : members_)
        if (m.start <= pos) best = m;
    return best;
}

std::optional<std::uint64_t> DecompressedStream::boundary_in(std::uint64_t from,
                                                             std::uint64_t to) const {
    if (!gzip_) return std::nullopt;
    for (const auto& m : members_)
        if (m.start > from && m.start <= to) return m.start;
    return std::nullopt;
}

}  // namespace xasite::archive
