#include "archive/package/digest.hpp"

#include <openssl/evp.h>

#include <array>
#include <stdexcept>

#include "archive/package/io.hpp"
#include "core/ascii.hpp"

namespace xasite::archive {

namespace {

const EVP_MD* md_of(DigestAlgorithm a) {
    switch (a) {
        case DigestAlgorithm::md5:
            return EVP_md5();
        case DigestAlgorithm::sha1:
            return EVP_sha1();
        case DigestAlgorithm::sha256:
            return EVP_sha256();
        case DigestAlgorithm::sha512:
            return EVP_sha512();
    }
    return EVP_sha256();
}

}  // namespace

struct Digest::Ctx {
    struct Free {
        void operator()(EVP_MD_CTX* c) const { EVP_MD_CTX_free(c); }
    };
    std::unique_ptr<EVP_MD_CTX, Free> ctx;
};

bool digest_algorithm_from_name(std::string_view name, DigestAlgorithm& out) {
    std::string n;
    for (char c : name)
        if (c != '-' && c != '_') n.push_back(ascii::lower(c));
    if (n == "md5")
        out = DigestAlgorithm::md5;
    else if (n == "sha1")
        out = DigestAlgorithm::sha1;
    else if (n == "sha256")
        out = DigestAlgorithm::sha256;
    else if (n == "sha512")
        out = DigestAlgorithm::sha512;
    else
        return false;
    return true;
}

const char* digest_name(DigestAlgorithm a) {
    switch (a) {
        case DigestAlgorithm::md5:
            return "md5";
        case DigestAlgorithm::sha1:
            return "sha1";
        case DigestAlgorithm::sha256:
            return "sha256";
        case DigestAlgorithm::sha512:
            return "sha512";
    }
    return "sha256";
}

Digest::Digest(DigestAlgorithm a) : alg_(a), ctx_(std::make_unique<Ctx>()) {
    ctx_->ctx.reset(EVP_MD_CTX_new());
    if (!ctx_->ctx) throw std::runtime_error("EVP_MD_CTX_new failed");
    reset();
}

Digest::~Digest() = default;
Digest::Digest(Digest&&) noexcept = default;
Digest& Digest::operator=(Digest&&) noexcept = default;

void Digest::reset() {
    if (EVP_DigestInit_ex(ctx_->ctx.get(), md_of(alg_), nullptr) != 1)
        throw std::runtime_error("EVP_DigestInit_ex failed");
}

void Digest::update(std::string_view data) {
    if (!data.empty() && EVP_DigestUpdate(ctx_->ctx.get(), data.data(), data.size()) != 1)
        throw std::runtime_error("EVP_DigestUpdate failed");
}

std::string Digest::finish() {
    std::array<unsigned char, EVP_MAX_MD_SIZE> md{};
    unsigned int len = 0;
    if (EVP_DigestFinal_ex(ctx_->ctx.get(), md.data(), &len) != 1)
        throw std::runtime_error("EVP_DigestFinal_ex failed");
    reset();
    return std::string(reinterpret_cast<const char*>(md.data()), len);
}

std::string Digest::to_hex(std::string_view raw) {
    static const char* hex = "0123456789abcdef";
    std::string out;
    out.reserve(raw.size() * 2);
    for (unsigned char c : raw) {
        out.push_back(hex[c >> 4]);
        out.push_back(hex[c & 15]);
    }
    return out;
}

std::string Digest::to_base32(std::string_view raw) {
    static const char* alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    std::string out;
    std::uint32_t buffer = 0;
    int bits = 0;
    for (unsigned char c : raw) {
        buffer = (buffer << 8) | c;
        bits += 8;
        while (bits >= 5) {
            out.push_back(alphabet[(buffer >> (bits - 5)) & 31]);
            bits -= 5;
        }
    }
    if (bits > 0) out.push_back(alphabet[(buffer << (5 - bits)) & 31]);
    while (out.size() % 8 != 0)
        out.push_back('=');
    return out;
}

FileDigest digest_file(const std::filesystem::path& path) {
    FileInput in(path);
    BagDigest d;
    std::string buf(1 << 18, '\0');
    for (;;) {
        std::size_t n = in.read(buf.data(), buf.size());
        if (n == 0) break;
        d.update(std::string_view(buf.data(), n));
    }
    return d.finish();
}

std::string normalise_warc_digest(std::string_view value) {
    while (!value.empty() && (value.front() == ' ' || value.front() == '\t'))
        value.remove_prefix(1);
    while (!value.empty() && (value.back() == ' ' || value.back() == '\t'))
        value.remove_suffix(1);
    auto colon = value.find(':');
    if (colon == std::string_view::npos || colon == 0 || colon + 1 >= value.size()) return "";
    std::string out;
    for (char c : value.substr(0, colon))
        if (c != '-') out.push_back(ascii::lower(c));
    out.push_back(':');
    for (char c : value.substr(colon + 1))
        out.push_back((c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c);
    return out;
}

bool warc_digest_matches(std::string_view recorded, std::string_view raw_sha1,
                         std::string_view raw_sha256, bool& known) {
    known = false;
    std::string norm = normalise_warc_digest(recorded);
    if (norm.empty()) return false;
    auto colon = norm.find(':');
    std::string alg = norm.substr(0, colon);
    std::string value = norm.substr(colon + 1);
    while (!value.empty() && value.back() == '=')
        value.pop_back();
    std::string_view raw;
    if (alg == "sha1")
        raw = raw_sha1;
    else if (alg == "sha256")
        raw = raw_sha256;
    else
        return false;
    auto upper = [](std::string s) {
        for (auto& c : s)
            if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
        return s;
    };
    std::string b32 = Digest::to_base32(raw);
    while (!b32.empty() && b32.back() == '=')
        b32.pop_back();
    std::string hex = upper(Digest::to_hex(raw));
    if (value.size() == b32.size() || value.size() == hex.size()) {
        known = true;
        return value == b32 || value == hex;
    }
    return false;
}

}  // namespace xasite::archive
