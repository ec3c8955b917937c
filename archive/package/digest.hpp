// Message digests (OpenSSL EVP): SHA-256/SHA-512 for BagIt manifests, SHA-1/MD5 for WARC digests
// and old bags. Streaming; RAII over EVP_MD_CTX.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

namespace xasite::archive {

enum class DigestAlgorithm { md5, sha1, sha256, sha512 };

// "md5" | "sha1" | "sha256" | "sha512" (also "sha-256", any case); false when unknown.
bool digest_algorithm_from_name(std::string_view name, DigestAlgorithm& out);
const char* digest_name(DigestAlgorithm a);

class Digest {
  public:
    explicit Digest(DigestAlgorithm a);
    ~Digest();
    Digest(Digest&&) noexcept;
    Digest& operator=(Digest&&) noexcept;
    Digest(const Digest&) = delete;
    Digest& operator=(const Digest&) = delete;
    void update(std::string_view data);
    // The raw digest bytes; the object can then be reused after reset().
    std::string finish();
    std::string finish_hex() { return to_hex(finish()); }
    void reset();

    static std::string to_hex(std::string_view raw);
    static std::string to_base32(std::string_view raw);  // RFC 4648, no padding stripped

  private:
    struct Ctx;
    DigestAlgorithm alg_;
    std::unique_ptr<Ctx> ctx_;
};

// SHA-256 and SHA-512 of the same bytes, with the length: one pass for both BagIt manifests.
struct FileDigest {
    std::string sha256, sha512;  // lower-case hex
    std::uint64_t size = 0;
};

class BagDigest {
  public:
    BagDigest() : a_(DigestAlgorithm::sha256), b_(DigestAlgorithm::sha512) {}
    void update(std::string_view data) {
        a_.update(data);
        b_.update(data);
        size_ += data.size();
    }
    FileDigest finish() { return {a_.finish_hex(), b_.finish_hex(), size_}; }

  private:
    Digest a_, b_;
    std::uint64_t size_ = 0;
};

// Streams a file through both digests. Throws InputError naming the file.
FileDigest digest_file(const std::filesystem::path& path);

// Normalises a recorded WARC digest ("sha1:ABC…", "sha256:…") for comparisons: algorithm in
// lower case, value in upper case. "" for a value without an algorithm prefix.
std::string normalise_warc_digest(std::string_view value);

// Checks a recorded WARC digest against the raw digest of the same bytes. Returns nullopt-like
// semantics through `known`: false when the algorithm or encoding is not understood.
bool warc_digest_matches(std::string_view recorded, std::string_view raw_sha1,
                         std::string_view raw_sha256, bool& known);

}  // namespace xasite::archive
