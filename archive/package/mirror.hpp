// Mirror uploads (tar, tar.gz/bz2/xz, zip, 7z of a wget or httrack mirror) read with libarchive,
// member by member, streaming. Member names are checked (absolute paths, "../", links pointing
// outside are refused with a warning) and decoded (non-UTF-8 names, from Windows zips, read as
// Windows-1258). wget's file naming is undone to recover each page's URL: the host folder, "@" or
// "?" for the query, the ".html" that -E added, and gzip bodies saved as "*.html.gz".
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace xasite::archive {

struct MirrorMember {
    std::size_t index = 0;      // 1-based
    std::string name;           // UTF-8 (decoded when the archive stored another encoding)
    std::string raw_name;       // as stored (bytes)
    bool name_decoded = false;  // name was not UTF-8 and was read as Windows-1258
    enum class Type { file, directory, symlink, hardlink, other } type = Type::file;
    std::string link_target;
    std::int64_t size = -1;  // declared, -1 when unknown
    std::int64_t mtime = 0;
};

class MirrorReader {
  public:
    // Throws InputError naming the file when libarchive cannot open it as an archive.
    MirrorReader(const std::filesystem::path& file, std::string display_name);
    ~MirrorReader();
    MirrorReader(const MirrorReader&) = delete;
    MirrorReader& operator=(const MirrorReader&) = delete;

    // Next member; false at the end. Throws InputError ("name: member N: …") on a damaged archive.
    bool next(MirrorMember& m);
    // Data of the current member; 0 at its end. Throws InputError on a damaged member.
    std::size_t read(char* buf, std::size_t n);
    // Compressed bytes read from the file so far.
    std::int64_t bytes_read() const;
    std::string format_name() const;

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// Checks a member path: "" when safe, else why not ("absolute path", "../ leaves the archive").
std::string unsafe_member_path(std::string_view name);
// Whether a symbolic link target, from the member's folder, stays inside the archive.
bool link_stays_inside(std::string_view member, std::string_view target);

// The URL of a wget/httrack mirror file. `host` is the site when the archive has no host
// folders ("" otherwise). Returns the URL and the alias URLs (the literal file name), and whether
// the body must be gunzipped (a gzip-encoded page saved as is).
struct MirrorUrl {
    std::string url;
    std::vector<std::string> aliases;
    bool gunzip = false;
};
std::optional<MirrorUrl> mirror_url(std::string_view member_path, std::string_view host,
                                    bool gzip_content);
// Whether a first path component names a host ("eakar.daklak.gov.vn", "127.0.0.1+8080").
bool looks_like_host_folder(std::string_view component);

}  // namespace xasite::archive
