// BagIt 1.0 (RFC 8493): writing the tag files of a bag (bagit.txt, bag-info.txt, payload and tag
// manifests in SHA-256 and SHA-512) and checking a bag: complete (every listed file present,
// every payload file listed in every manifest, nothing unexpected) and valid (every checksum
// recomputed). Manifest paths are percent-encoded as the RFC requires (%, CR, LF).
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "archive/package/digest.hpp"

namespace xasite::archive {

// "data/…" (slash-separated, relative to the bag) → digests and size.
using Manifest = std::map<std::string, FileDigest>;

std::string encode_manifest_path(std::string_view path);
std::string decode_manifest_path(std::string_view path);

// Writes the tag files for `payload` (which must list every file under data/). Existing tag files
// are unlinked first, never written through (they may be hard links into a previous version).
void write_bag_files(const std::filesystem::path& bag, const Manifest& payload,
                     const std::vector<std::pair<std::string, std::string>>& bag_info);

// Reads manifest-sha256.txt and manifest-sha512.txt (sizes are taken from the files on disk).
// Throws InputError naming the manifest and line when one is malformed or missing.
Manifest read_payload_manifest(const std::filesystem::path& bag);

struct BagReport {
    std::vector<std::string> problems;  // "damaged: data/x (sha256 …)", "missing: …", …
    std::size_t payload_files = 0, tag_files = 0;
    std::uint64_t payload_bytes = 0;
    std::vector<std::string> algorithms;  // of the payload manifests
    bool ok() const { return problems.empty(); }
};

// Checks a bag. With `checksums` false only completeness and sizes (Payload-Oxum) are checked,
// plus the tag manifests' checksums (they cover small files).
BagReport check_bag(const std::filesystem::path& bag, bool checksums);

// What a non-regular directory entry is, for messages ("a FIFO, not a regular file", …).
std::string special_file_kind(const std::filesystem::file_status& status);

// The fields of bag-info.txt (or any "Label: value" tag file), folded lines joined.
std::vector<std::pair<std::string, std::string>> read_bag_info(const std::filesystem::path& file);

}  // namespace xasite::archive
