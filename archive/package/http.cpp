#include "archive/package/http.hpp"

#include <algorithm>
#include <cctype>
#include "core/ascii.hpp"

namespace xasite::archive {

namespace {

// Spaces trimmed around header lines and values.
constexpr std::string_view kHeaderSpace = " \t\r";

}  // namespace

HeadResult parse_response_head(std::string_view data, HttpHead& out) {
    out = HttpHead{};
    if (data.size() < 5)
        return data == std::string_view("HTTP/").substr(0, data.size()) ? HeadResult::incomplete
                                                                        : HeadResult::invalid;
    if (data.substr(0, 5) != "HTTP/") return HeadResult::invalid;
    std::size_t pos = 0;
    bool first = true;
    for (;;) {
        auto nl = data.find('\n', pos);
        if (nl == std::string_view::npos) return HeadResult::incomplete;
        std::string_view line = data.substr(pos, nl - pos);
        while (!line.empty() && line.back() == '\r')
            line.remove_suffix(1);
        pos = nl + 1;
        if (first) {
            first = false;
            auto sp = line.find(' ');
            out.version = std::string(line.substr(0, sp));
            if (sp == std::string_view::npos) return HeadResult::invalid;
            std::string_view rest = ascii::trim(line.substr(sp + 1), kHeaderSpace);
            std::size_t i = 0;
            int status = 0;
            while (i < rest.size() && i < 3 && rest[i] >= '0' && rest[i] <= '9')
                status = status * 10 + (rest[i++] - '0');
            if (i != 3 || (i < rest.size() && rest[i] != ' ')) return HeadResult::invalid;
            out.status = status;
            out.reason = std::string(ascii::trim(rest.substr(i), kHeaderSpace));
            continue;
        }
        if (line.empty()) break;
        add_field_line(out.headers, line);
    }
    out.length = pos;
    return HeadResult::ok;
}

BodyDecoder::BodyDecoder(const HttpHead& head, Sink sink, InflateLimits limits)
    : sink_(std::move(sink)), limits_(limits) {
    std::string te = ascii::lower(head.header("Transfer-Encoding"));
    chunked_ = te.find("chunked") != std::string::npos;
    if (!chunked_ && head.status >= 200 && head.status != 204 && head.status != 304) {
        std::string_view cl = ascii::trim(head.header("Content-Length"), kHeaderSpace);
        if (!cl.empty() && cl.size() <= 18 &&
            std::all_of(cl.begin(), cl.end(), [](char c) { return c >= '0' && c <= '9'; }))
            declared_length_ = static_cast<std::int64_t>(std::stoull(std::string(cl)));
    }
    std::string ce = ascii::lower(ascii::trim(head.header("Content-Encoding"), kHeaderSpace));
    if (ce.empty() || ce == "identity" || ce == "none") {
        coding_ = Coding::identity;
    } else if (ce == "gzip" || ce == "x-gzip") {
        coding_ = Coding::gzip;
        inflater_ = std::make_unique<Inflater>(ZFormat::gzip_or_zlib);
    } else if (ce == "deflate") {
        coding_ = Coding::deflate;
        inflater_ = std::make_unique<Inflater>(ZFormat::zlib);
    } else {
        kept_encoding_ = ce;
        warnings_.push_back("Content-Encoding \"" + ce +
                            "\" cannot be decoded here; the payload is kept encoded");
    }
}

BodyDecoder::~BodyDecoder() = default;

void BodyDecoder::feed(std::string_view data) {
    raw_bytes_ += data.size();
    if (chunked_)
        dechunk(data);
    else
        decode(data);
}

void BodyDecoder::dechunk(std::string_view data) {
    std::size_t i = 0;
    while (i < data.size()) {
        switch (chunk_) {
            case Chunk::identity:
                decode(data.substr(i));
                return;
            case Chunk::done:
                return;  // bytes after the last chunk are ignored
            case Chunk::size:
            case Chunk::data_end:
            case Chunk::trailer: {
                char c = data[i++];
                if (!any_chunk_) replay_.push_back(c);
                if (c != '\n') {
                    line_.push_back(c);
                    if (line_.size() > 1024) {
                        // Not a chunk-size line: the body was stored without chunk framing.
                        if (!any_chunk_) {
                            not_chunked();
                        } else {
                            warnings_.push_back("chunked framing broken after " +
                                                std::to_string(entity_in_) +
                                                " bytes; the rest is kept as stored");
                            chunk_ = Chunk::identity;
                            decode(line_);
                        }
                        line_.clear();
                    }
                    break;
                }
                std::string_view line = ascii::trim(line_, kHeaderSpace);
                if (chunk_ == Chunk::data_end) {
                    line_.clear();
                    if (!line.empty()) {
                        warnings_.push_back("chunked framing broken after " +
                                            std::to_string(entity_in_) + " bytes");
                        chunk_ = Chunk::identity;
                        decode(std::string(line) + "\n");
                        break;
                    }
                    chunk_ = Chunk::size;
                    break;
                }
                if (chunk_ == Chunk::trailer) {
                    line_.clear();
                    if (line.empty()) chunk_ = Chunk::done;
                    break;
                }
                // A chunk-size line: hex digits, optional ";ext".
                std::string_view hex = line.substr(0, line.find(';'));
                hex = ascii::trim(hex, kHeaderSpace);
                bool ok = !hex.empty() && hex.size() <= 15 &&
                          std::all_of(hex.begin(), hex.end(), [](char h) {
                              return std::isxdigit(static_cast<unsigned char>(h));
                          });
                if (!ok) {
                    if (line.empty() && any_chunk_) {
                        line_.clear();
                        break;  // tolerate blank lines between chunks
                    }
                    if (!any_chunk_) {
                        not_chunked();
                    } else {
                        warnings_.push_back(
                            "invalid chunk size \"" + std::string(hex.substr(0, 16)) + "\" after " +
                            std::to_string(entity_in_) + " bytes; the rest is kept as stored");
                        chunk_ = Chunk::identity;
                        std::string rest = line_ + "\n";
                        line_.clear();
                        decode(rest);
                    }
                    break;
                }
                chunk_left_ = std::stoull(std::string(hex), nullptr, 16);
                line_.clear();
                any_chunk_ = true;
                replay_.clear();
                replay_.shrink_to_fit();
                chunk_ = chunk_left_ == 0 ? Chunk::trailer : Chunk::data;
                break;
            }
            case Chunk::data: {
                std::size_t k =
                    static_cast<std::size_t>(std::min<std::uint64_t>(chunk_left_, data.size() - i));
                entity_in_ += k;
                decode(data.substr(i, k));
                i += k;
                chunk_left_ -= k;
                if (chunk_left_ == 0) chunk_ = Chunk::data_end;
                break;
            }
        }
    }
}

void BodyDecoder::emit(std::string_view data) {
    if (data.empty() || truncated_) return;
    out_ += data.size();
    sink_(data);
}

void BodyDecoder::decode(std::string_view data) {
    if (data.empty() || truncated_) return;
    if (coding_ == Coding::identity || inflate_failed_) {
        emit(data);
        return;
    }
    if (inflate_ended_) return;  // bytes after the end of the compressed stream
    if (!produced_) pending_.append(data);
    std::string_view in = data;
    while (!in.empty()) {
        std::size_t consumed = 0;
        std::string_view slice = in.substr(0, std::min<std::size_t>(in.size(), 1 << 14));
        auto st = inflater_->feed(
            slice,
            [&](std::string_view out) {
                produced_ = true;
                emit(out);
            },
            consumed);
        in.remove_prefix(consumed);
        if (limits_.exceeded(inflater_->total_out(), inflater_->total_in())) {
            warnings_.push_back("decompression bomb: the body expands to over " +
                                std::to_string(inflater_->total_out()) + " bytes from " +
                                std::to_string(inflater_->total_in()) + "; stopped");
            truncated_ = bomb_ = true;
            return;
        }
        if (st == Inflater::Status::error) {
            if (!produced_ && coding_ == Coding::deflate && !deflate_tried_raw_) {
                // Many servers send raw deflate for "deflate": retry from the start.
                deflate_tried_raw_ = true;
                inflater_ = std::make_unique<Inflater>(ZFormat::raw);
                std::string again;
                again.swap(pending_);
                decode(again);
                return;
            }
            if (!produced_) {
                warnings_.push_back(
                    "Content-Encoding says compressed but the body is not; kept "
                    "as stored");
                inflate_failed_ = true;
                std::string again;
                again.swap(pending_);
                emit(again);
                return;
            }
            warnings_.push_back("compressed body corrupt after " + std::to_string(out_) +
                                " decoded bytes: " + inflater_->message() + "; the rest is lost");
            truncated_ = true;
            return;
        }
        if (st == Inflater::Status::end) {
            // Concatenated gzip members are allowed; anything else after the end is ignored.
            if (coding_ == Coding::gzip && looks_gzip(in)) {
                inflater_->reset();
                continue;
            }
            inflate_ended_ = true;
            pending_.clear();
            return;
        }
        if (consumed == 0) break;
    }
    if (produced_ && !pending_.empty()) {
        pending_.clear();
        pending_.shrink_to_fit();
    }
}

// The body was stored without chunk framing (some crawlers de-chunk but keep the header): replay
// what was held back as the entity.
void BodyDecoder::not_chunked() {
    warnings_.push_back("Transfer-Encoding: chunked but the body is not chunked; kept as stored");
    chunk_ = Chunk::identity;
    std::string r;
    r.swap(replay_);
    line_.clear();
    decode(r);
}

void BodyDecoder::finish() {
    if (declared_length_ >= 0 && raw_bytes_ < static_cast<std::uint64_t>(declared_length_)) {
        warnings_.push_back("body shorter than its HTTP Content-Length (" +
                            std::to_string(raw_bytes_) + " of " + std::to_string(declared_length_) +
                            " bytes: the capture is cut)");
        truncated_ = true;
    }
    if (chunked_ && chunk_ != Chunk::done && chunk_ != Chunk::identity) {
        if (!any_chunk_ && !replay_.empty()) {
            not_chunked();  // never saw a complete chunk-size line
        } else if (any_chunk_ && !(chunk_ == Chunk::size && line_.empty())) {
            warnings_.push_back("chunked body ends before its last chunk (" +
                                std::to_string(entity_in_) + " bytes kept)");
            truncated_ = true;
        } else if (any_chunk_) {
            warnings_.push_back("chunked body ends without its final zero-length chunk");
        }
    }
    if ((coding_ == Coding::gzip || coding_ == Coding::deflate) && !inflate_failed_ &&
        !inflate_ended_ && !truncated_) {
        if (!produced_ && !pending_.empty()) {
            warnings_.push_back(
                "Content-Encoding says compressed but the body is not; kept as stored");
            std::string again;
            again.swap(pending_);
            inflate_failed_ = true;
            emit(again);
        } else if (produced_) {
            warnings_.push_back("compressed body ends early (" + std::to_string(out_) +
                                " decoded bytes kept)");
            truncated_ = true;
        }
    }
}

}  // namespace xasite::archive
