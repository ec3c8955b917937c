// HTTP/1.x messages as stored in WARC response and revisit records: the status line and headers
// (folded and repeated headers, LF-only line ends, a missing reason phrase), and a streaming body
// decoder for Transfer-Encoding: chunked (falling back to identity when a crawler stored the body
// de-chunked but kept the header) and Content-Encoding gzip, x-gzip and deflate (zlib or raw).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "archive/package/gzip.hpp"
#include "archive/package/mime.hpp"
#include "archive/package/warc.hpp"

namespace xasite::archive {

struct HttpHead {
    std::string version;  // "HTTP/1.1"
    int status = 0;
    std::string reason;
    HeaderFields headers;
    std::size_t length = 0;  // bytes of the head, blank line included

    std::string_view header(std::string_view name) const { return field_value(headers, name); }
};

enum class HeadResult { ok, incomplete, invalid };

// Parses a response head at the start of `data`. `incomplete` when no blank line ends it within
// `data`; `invalid` when it does not start like an HTTP/1.x (or HTTP/0.9-less) status line.
HeadResult parse_response_head(std::string_view data, HttpHead& out);

// Decodes an HTTP body fed in pieces and passes the entity to `sink`.
class BodyDecoder {
  public:
    using Sink = std::function<void(std::string_view)>;
    BodyDecoder(const HttpHead& head, Sink sink, InflateLimits limits);
    ~BodyDecoder();
    void feed(std::string_view data);
    void finish();
    // Notes about the body ("chunked framing invalid at byte 1234: kept as is", …).
    const std::vector<std::string>& warnings() const { return warnings_; }
    // A content coding left in place because it cannot be decoded ("br"), else "".
    const std::string& kept_encoding() const { return kept_encoding_; }
    bool truncated() const { return truncated_; }
    // The content coding expanded beyond the limits: what was decoded is a prefix, not the body.
    bool bomb() const { return bomb_; }
    std::uint64_t raw_bytes() const { return raw_bytes_; }

  private:
    void dechunk(std::string_view data);
    void not_chunked();
    void decode(std::string_view data);
    void emit(std::string_view data);

    Sink sink_;
    InflateLimits limits_;
    std::vector<std::string> warnings_;
    std::string kept_encoding_;
    bool truncated_ = false, bomb_ = false;
    std::int64_t declared_length_ = -1;  // HTTP Content-Length (not chunked), -1 when absent
    std::uint64_t raw_bytes_ = 0, entity_in_ = 0, out_ = 0;

    // chunked
    bool chunked_ = false;
    enum class Chunk { size, data, data_end, trailer, done, identity } chunk_ = Chunk::size;
    std::string line_;
    std::uint64_t chunk_left_ = 0;
    bool any_chunk_ = false;
    std::string replay_;  // bytes kept until the first chunk line is known to be valid

    // content coding
    enum class Coding { identity, gzip, deflate } coding_ = Coding::identity;
    std::unique_ptr<Inflater> inflater_;
    bool inflate_failed_ = false, inflate_ended_ = false, deflate_tried_raw_ = false;
    std::string pending_;  // encoded bytes kept until the decoder produced output
    bool produced_ = false;
};

}  // namespace xasite::archive
