// The project's own WARC record reader (ISO 28500: WARC/1.0 and 1.1, also 0.17/0.18), on zlib;
// it also reads ARC files (versions 1 and 2, plain or gzip), whose header lines it turns into
// WARC fields.
// libarchive's WARC reader fails on real crawler output (ARCHIVE.md §3), so this one: accepts
// wget's bracketed WARC-Target-URI, every record type, fractional WARC-Date, one gzip member per
// record or one for the whole file, any block size (streamed), a missing record separator; it
// reports each record's compressed offset, resynchronises after a Content-Length that lies, and
// keeps the records before a truncated or corrupt gzip member.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "archive/package/fields.hpp"
#include "archive/package/gzip.hpp"
#include "archive/package/io.hpp"

namespace xasite::archive {

bool iequals(std::string_view a, std::string_view b);
// Adds one "Name: value" line (WARC and HTTP heads); a line starting with a space or tab continues
// the previous value; a line without a colon is ignored.
void add_field_line(HeaderFields& fields, std::string_view line);

struct WarcRecord {
    std::size_t index = 0;       // 1-based, in file order
    std::uint64_t offset = 0;    // compressed offset of its gzip member (plain files: byte offset)
    std::uint64_t position = 0;  // offset of "WARC/" in the decompressed stream
    bool member_start = true;    // the record starts its gzip member (Annex D layout)
    std::string version;         // "WARC/1.1"
    HeaderFields fields;
    std::uint64_t content_length = 0;

    std::string_view field(std::string_view name) const { return field_value(fields, name); }
    std::string type() const;        // lower case: "response", "revisit", …
    std::string target_uri() const;  // WARC-Target-URI without <> and surrounding space
    std::string date() const;        // WARC-Date as written
    std::string record_id() const;   // WARC-Record-ID as written (with <>)
};

// Thrown when the file is not a WARC at all (first record missing its version line).
class NotWarcError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

class WarcReader {
  public:
    // `name` prefixes every warning ("eakar.warc.gz: record 12 at offset 3456: …").
    WarcReader(Input& in, std::string name, InflateLimits limits = {});

    // Advances to the next record (skipping the rest of the current block). Returns false at
    // the end of the file, or after reading stopped (see stopped()). Throws NotWarcError when
    // the first bytes are not a WARC record.
    bool next(WarcRecord& record);

    // Reads the current record's block. Returns 0 at its end. Stops early (block_truncated())
    // at the end of the file, or at a gzip member boundary followed by a new record when the
    // Content-Length is too long, or at data a corrupt gzip member decoded (the reader goes on
    // with the next member). Throws StreamError on truncated gzip data, or corrupt data with no
    // member after it: the current record is then incomplete, and next() returns false. The reader
    // does not judge expansion: the caller stops reading a block whose output is over_limit() and
    // next() skips the rest (decompressed and dropped, memory bounded), so the records after a bomb
    // are still read.
    std::size_t read(char* buf, std::size_t n);
    bool block_truncated() const { return truncated_; }
    // Bytes of the source file the current record has used so far (compressed bytes from its
    // gzip member's start; plain files: bytes from its header).
    std::uint64_t record_source_bytes() const;
    // Whether `out` bytes decoded from the current record (its block, or an entity decoded from
    // it, however nested the codings) exceed the expansion limit for its source bytes.
    bool over_limit(std::uint64_t out) const {
        return limits_.exceeded(out, record_source_bytes());
    }
    const InflateLimits& limits() const { return limits_; }
    std::uint64_t block_read() const { return block_done_; }

    // Warnings so far (taken: the vector is cleared).
    std::vector<std::string> take_warnings();
    // Set when reading stopped before the end of the file: why, and the offset.
    const std::optional<std::string>& stopped() const { return stopped_; }
    // Records the stop reason after a StreamError thrown by read() or next().
    void stop(const StreamError& e);
    bool gzip() const { return stream_.gzip(); }
    bool arc() const { return arc_; }
    std::size_t records() const { return count_; }
    const std::string& name() const { return name_; }

  private:
    std::string where(const WarcRecord& r) const;
    std::string where_offset(std::uint64_t position) const;
    bool skip_separator();
    bool resync();
    // Ends the current block at decompressed offset `at` (data a corrupt gzip member decoded).
    void cut_damaged(std::uint64_t at);
    bool read_header(WarcRecord& record, bool& bad);
    bool read_arc_header(WarcRecord& record);

    DecompressedStream stream_;
    InflateLimits limits_;
    std::uint64_t source_start_ = 0;
    std::string name_;
    std::size_t count_ = 0;
    WarcRecord current_;
    bool in_record_ = false;
    std::uint64_t block_start_ = 0, block_end_ = 0, block_done_ = 0;
    bool truncated_ = false;
    bool dead_ = false;
    bool arc_ = false;     // an ARC file (read_arc_header)
    int arc_version_ = 1;  // from its filedesc record
    std::optional<std::string> stopped_;
    std::vector<std::string> warnings_;
};

// Parses a WARC-Date ("2025-06-30T10:20:30Z", "…30.123Z", "2025-06-30") into "YYYY-MM-DD" and
// a normalised "YYYY-MM-DDThh:mm:ssZ"; false when malformed.
bool parse_warc_date(std::string_view value, std::string& day, std::string& iso);

}  // namespace xasite::archive
