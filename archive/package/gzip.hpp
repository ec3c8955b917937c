// zlib streams with RAII: a streaming inflater (gzip, zlib or raw deflate) for HTTP content
// encodings and mirror members, and the decompressed view of a WARC file that knows where each
// gzip member starts (WARC Annex D: one member per record), so records can be addressed by their
// compressed offset and a lying Content-Length can be caught at a member boundary.
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "archive/package/io.hpp"

namespace xasite::archive {

// Decompression-bomb guard: decompression stops once the output exceeds `floor` bytes AND
// `ratio` times the compressed bytes read so far.
struct InflateLimits {
    std::uint64_t floor = 256ull << 20;
    std::uint64_t ratio = 200;
    bool exceeded(std::uint64_t out, std::uint64_t in) const {
        return out > floor && out / (in == 0 ? 1 : in) >= ratio;
    }
};

// A decompression error with the compressed offset where it happened.
class StreamError : public std::runtime_error {
  public:
    enum class Kind { truncated, corrupt, bomb, io };
    StreamError(Kind kind, std::uint64_t offset, const std::string& what)
        : std::runtime_error(what), kind_(kind), offset_(offset) {}
    Kind kind() const { return kind_; }
    std::uint64_t offset() const { return offset_; }

  private:
    Kind kind_;
    std::uint64_t offset_;
};

inline bool looks_gzip(std::string_view data) {
    return data.size() >= 2 && static_cast<unsigned char>(data[0]) == 0x1f &&
           static_cast<unsigned char>(data[1]) == 0x8b;
}

enum class ZFormat {
    gzip_or_zlib,  // header auto-detected (HTTP "gzip"/"x-gzip")
    zlib,          // HTTP "deflate" as specified
    raw,           // HTTP "deflate" as some servers send it
};

class Inflater {
  public:
    enum class Status { more, end, error };
    explicit Inflater(ZFormat format);
    ~Inflater();
    Inflater(const Inflater&) = delete;
    Inflater& operator=(const Inflater&) = delete;

    // Inflates `in`, passing output to `sink` in chunks. `consumed` is set to the input bytes
    // used (less than in.size() only when the stream ended). On error, message() says why.
    Status feed(std::string_view in, const std::function<void(std::string_view)>& sink,
                std::size_t& consumed);
    void reset();  // start a new member
    std::uint64_t total_in() const { return total_in_; }
    std::uint64_t total_out() const { return total_out_; }
    const std::string& message() const { return message_; }

  private:
    struct Z;
    std::unique_ptr<Z> z_;
    std::uint64_t total_in_ = 0, total_out_ = 0;
    std::string message_;
};

// Decompresses a whole (small) buffer, stopping with an error beyond `max_out` bytes.
// Returns false on corrupt or truncated input (out then holds what was decoded).
bool inflate_all(std::string_view in, ZFormat format, std::uint64_t max_out, std::string& out,
                 std::string* error = nullptr);

// Compresses (gzip, one member) — used by tests, fixtures and the bench.
std::string gzip_compress(std::string_view data, int level = 6);

// The decompressed bytes of a WARC file (plain or gzip with any number of members), buffered
// with look-ahead (bounded: memory does not grow with the expansion). Throws StreamError on
// truncated gzip data, and on corrupt gzip data with no gzip member after it. Corrupt data inside
// a member (damaged deflate codes, a wrong CRC or length) loses that member only: the stream notes
// it, marks what the member decoded as damaged (damaged()) and goes on with the next member
// header found after the member's start. It does not judge expansion: a bomb is one record's
// affair (WarcReader::record_source_bytes() against what the record expands to), so the records
// after it are still read.
class DecompressedStream {
  public:
    explicit DecompressedStream(Input& in);
    ~DecompressedStream();
    DecompressedStream(const DecompressedStream&) = delete;
    DecompressedStream& operator=(const DecompressedStream&) = delete;

    bool gzip() const { return gzip_; }
    // Makes at least n bytes available from the current position (fewer only at the end) and
    // returns how many are available.
    std::size_t fill(std::size_t n);
    std::string_view available() const { return std::string_view(buf_).substr(pos_); }
    void consume(std::size_t n);
    std::uint64_t position() const { return base_ + pos_; }  // decompressed offset
    bool at_end() { return fill(1) == 0; }

    // gzip members seen so far: decompressed offset where each starts, and its compressed offset.
    struct Member {
        std::uint64_t start = 0, offset = 0;
    };
    // The member containing decompressed offset `pos` (plain files: {pos, pos}).
    Member member_at(std::uint64_t pos) const;
    // The first member start in (from, to], if one is known.
    std::optional<std::uint64_t> boundary_in(std::uint64_t from, std::uint64_t to) const;
    // The first decompressed offset in [from, to) that a corrupt member decoded (its bytes may be
    // wrong), or nullopt.
    std::optional<std::uint64_t> damaged(std::uint64_t from, std::uint64_t to) const;
    // Compressed bytes consumed so far (file bytes for plain files).
    std::uint64_t compressed_position() const;
    // Non-fatal notes (trailing garbage after the last member).
    std::vector<std::string>& notes() { return notes_; }

  private:
    bool produce();  // adds bytes to buf_; false at the end
    bool read_raw();
    // Moves raw_pos_ to the next gzip member header at or after file offset `from`; its offset,
    // or nullopt (at the end of the file).
    std::optional<std::uint64_t> seek_member(std::uint64_t from);

    Input& in_;
    bool gzip_ = false, started_ = false, eof_ = false, member_done_ = false;
    std::string raw_;
    std::size_t raw_pos_ = 0;
    std::uint64_t raw_base_ = 0;  // file offset of raw_[0]
    bool raw_eof_ = false;
    std::string buf_;
    std::size_t pos_ = 0;
    std::uint64_t base_ = 0;  // decompressed offset of buf_[0]
    std::unique_ptr<Inflater> inflater_;
    std::deque<Member> members_;
    // Decompressed ranges [first, second) decoded by corrupt members.
    std::vector<std::pair<std::uint64_t, std::uint64_t>> damaged_;
    std::vector<std::string> notes_;
    std::optional<StreamError> pending_;  // raised by fill() once the bytes before it are used
};

}  // namespace xasite::archive
