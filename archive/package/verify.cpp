// `xasite archive verify` (fixity: every checksum recomputed) and find_packages()/read_package()
// (what the site build sees of each package: its fixity check — completeness, tag manifests, every
// payload SHA-256, with a cache of unchanged files kept outside the package — then its metadata).
// Verification never writes to the package: a fixity event would change a payload file and so
// the manifests; the result is reported (the command prints it; the caller may log it elsewhere).
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <sstream>

#include "archive/package/archive_package.hpp"
#include "archive/package/bagit.hpp"
#include "archive/package/digest.hpp"
#include "archive/package/io.hpp"
#include "archive/package/package.hpp"
#include "core/error.hpp"
#include "core/files.hpp"

namespace xasite::archive {

namespace fs = std::filesystem;

VerifyReport verify_package(const fs::path& package_dir) {
    VerifyReport report;
    std::error_code ec;
    if (!fs::is_directory(package_dir, ec)) {
        report.status = VerifyReport::Status::not_a_package;
        return report;
    }
    BagReport rep;
    try {
        rep = check_bag(package_dir, true);
    } catch (const std::exception& e) {
        report.status = VerifyReport::Status::unreadable;
        report.error = e.what();
        return report;
    }
    if (rep.ok()) {
        // The metadata must also load (a valid bag whose records.jsonl is malformed is not a
        // usable package).
        try {
            PackageData data = load_package_data(package_dir);
            report.status = VerifyReport::Status::valid;
            report.payload_files = rep.payload_files;
            report.payload_bytes = rep.payload_bytes;
            report.tag_files = rep.tag_files;
            report.algorithms = rep.algorithms;
            report.captures = data.records.size();
        } catch (const std::exception& e) {
            report.status = VerifyReport::Status::bad_metadata;
            report.error = e.what();
        }
        return report;
    }
    report.status = VerifyReport::Status::invalid;
    report.problems = rep.problems;
    return report;
}

std::vector<PackageInfo> find_packages(const fs::path& content_dir) {
    std::vector<PackageInfo> out;
    fs::path archives = content_dir / "archives";
    std::error_code ec;
    if (!fs::is_directory(archives, ec)) return out;
    std::vector<fs::path> dirs;
    for (const auto& e : fs::directory_iterator(archives, ec)) {
        std::string name = e.path().filename().string();
        // Staging and previous-state folders of a running or interrupted ingest start with '.'.
        if (name.empty() || name.front() == '.' || !e.is_directory()) continue;
        dirs.push_back(e.path());
    }
    std::sort(dirs.begin(), dirs.end());
    for (const auto& dir : dirs)
        out.push_back(read_package(dir));
    return out;
}

namespace {

// One payload file's state when its SHA-256 was last computed and matched.
struct CachedFile {
    std::string sha256;
    std::uint64_t dev = 0, ino = 0, size = 0;
    std::int64_t mtime_ns = 0, ctime_ns = 0;
    std::string verified;  // ISO time of that hash
};

constexpr const char* kCacheMagic = "xasite-fixity-cache 1";

std::int64_t ns(const struct timespec& t) {
    return static_cast<std::int64_t>(t.tv_sec) * 1000000000 + t.tv_nsec;
}

CachedFile state_of(const struct stat& st) {
    CachedFile c;
    c.dev = st.st_dev;
    c.ino = st.st_ino;
    c.size = static_cast<std::uint64_t>(st.st_size);
    c.mtime_ns = ns(st.st_mtim);
    c.ctime_ns = ns(st.st_ctim);
    return c;
}

bool same_state(const CachedFile& a, const CachedFile& b) {
    return a.dev == b.dev && a.ino == b.ino && a.size == b.size && a.mtime_ns == b.mtime_ns &&
           a.ctime_ns == b.ctime_ns;
}

// The cache: a header naming the package, then one line per verified file:
// sha256 TAB dev TAB ino TAB size TAB mtime_ns TAB ctime_ns TAB verified TAB path (encoded).
// A cache of another package, or one that cannot be read, is ignored (every file is hashed).
std::map<std::string, CachedFile> read_cache(const fs::path& file, const std::string& package) {
    std::map<std::string, CachedFile> out;
    std::error_code ec;
    if (file.empty() || !fs::is_regular_file(file, ec)) return out;
    std::string text;
    try {
        text = read_small_file(file, std::size_t{1} << 30);
    } catch (const std::exception&) {
        return out;
    }
    std::istringstream in(text);
    std::string line;
    if (!std::getline(in, line) || line != std::string(kCacheMagic) + "\t" + package) return out;
    while (std::getline(in, line)) {
        std::vector<std::string> f;
        std::size_t pos = 0;
        for (int i = 0; i < 7; ++i) {
            auto tab = line.find('\t', pos);
            if (tab == std::string::npos) break;
            f.push_back(line.substr(pos, tab - pos));
            pos = tab + 1;
        }
        if (f.size() != 7) continue;
        try {
            CachedFile c;
            c.sha256 = f[0];
            c.dev = std::stoull(f[1]);
            c.ino = std::stoull(f[2]);
            c.size = std::stoull(f[3]);
            c.mtime_ns = std::stoll(f[4]);
            c.ctime_ns = std::stoll(f[5]);
            c.verified = f[6];
            out[decode_manifest_path(line.substr(pos))] = std::move(c);
        } catch (const std::exception&) {
            continue;
        }
    }
    return out;
}

void write_cache(const fs::path& file, const std::string& package,
                 const std::map<std::string, CachedFile>& entries) {
    std::string text = std::string(kCacheMagic) + "\t" + package + "\n";
    for (const auto& [p, c] : entries)
        text += c.sha256 + "\t" + std::to_string(c.dev) + "\t" + std::to_string(c.ino) + "\t" +
                std::to_string(c.size) + "\t" + std::to_string(c.mtime_ns) + "\t" +
                std::to_string(c.ctime_ns) + "\t" + c.verified + "\t" + encode_manifest_path(p) +
                "\n";
    if (file.has_parent_path()) fs::create_directories(file.parent_path());
    write_file_atomic(file, text);
}

// Hashes one payload file (never following a link, never blocking on a FIFO), returning its
// state as read; throws InputError naming it.
CachedFile hash_payload(const fs::path& path, std::uint64_t& bytes) {
    UniqueFd fd(::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC));
    if (fd.get() < 0)
        throw InputError(path.string(), std::string("cannot open: ") + std::strerror(errno));
    struct stat st {};
    if (::fstat(fd.get(), &st) != 0)
        throw InputError(path.string(), std::string("cannot stat: ") + std::strerror(errno));
    if (!S_ISREG(st.st_mode)) throw InputError(path.string(), "not a regular file");
    CachedFile c = state_of(st);
    Digest d(DigestAlgorithm::sha256);
    std::string buf(1 << 18, '\0');
    bytes = 0;
    for (;;) {
        ssize_t n = ::read(fd.get(), buf.data(), buf.size());
        if (n < 0 && errno == EINTR) continue;
        if (n < 0)
            throw InputError(path.string(), std::string("read error: ") + std::strerror(errno));
        if (n == 0) break;
        bytes += static_cast<std::uint64_t>(n);
        d.update(std::string_view(buf.data(), static_cast<std::size_t>(n)));
    }
    c.sha256 = d.finish_hex();
    return c;
}

}  // namespace

FixityCheck check_package_fixity(const fs::path& dir, const FixityOptions& options) {
    FixityCheck f;
    f.checked = true;
    f.checked_at = now_iso();
    // Completeness, Payload-Oxum, special files and the tag manifests (required, recomputed).
    BagReport rep;
    try {
        rep = check_bag(dir, false);
    } catch (const std::exception& e) {
        f.problems.push_back(std::string("unreadable: ") + e.what());
        return f;
    }
    f.problems = rep.problems;
    Manifest manifest;
    try {
        manifest = read_payload_manifest(dir);
    } catch (const std::exception& e) {
        f.problems.push_back(e.what());
        return f;
    }
    std::error_code ec;
    const std::string package = fs::absolute(dir, ec).lexically_normal().string();
    const auto cache = read_cache(options.cache_file, package);
    std::map<std::string, CachedFile> next;
    for (const auto& [p, d] : manifest) {
        if (d.sha256.empty()) {
            f.problems.push_back("missing: " + p + " in manifest-sha256.txt");
            continue;
        }
        const fs::path file = dir / p;
        struct stat st {};
        if (::lstat(file.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) continue;  // check_bag said
        ++f.files;
        f.bytes += static_cast<std::uint64_t>(st.st_size);
        CachedFile now = state_of(st);
        if (auto it = cache.find(p);
            it != cache.end() && it->second.sha256 == d.sha256 && same_state(it->second, now)) {
            ++f.cached;
            next[p] = it->second;
            continue;
        }
        CachedFile got;
        std::uint64_t bytes = 0;
        try {
            got = hash_payload(file, bytes);
        } catch (const std::exception& e) {
            f.problems.push_back(std::string("unreadable: ") + e.what());
            continue;
        }
        ++f.hashed;
        f.bytes_hashed += bytes;
        if (got.sha256 != d.sha256) {
            f.problems.push_back("damaged: " + p + " (sha256 expected " + d.sha256 + ", found " +
                                 got.sha256 + ")");
            continue;
        }
        got.verified = f.checked_at;
        next[p] = std::move(got);
    }
    f.ok = f.problems.empty();
    if (f.ok) {
        f.verified_since = f.checked_at;
        for (const auto& [p, c] : next)
            f.verified_since = std::min(f.verified_since, c.verified);
    }
    if (!options.cache_file.empty() && f.hashed > 0) {
        try {
            write_cache(options.cache_file, package, next);
        } catch (const std::exception& e) {
            f.notes.push_back(options.cache_file.string() + ": the fixity cache was not written (" +
                              e.what() + ")");
        }
    }
    return f;
}

PackageInfo read_package(const fs::path& dir) {
    return read_package(dir, FixityOptions{});
}

PackageInfo read_package(const fs::path& dir, const FixityOptions& options) {
    PackageInfo info;
    info.dir = dir;
    info.fixity_check = check_package_fixity(dir, options);
    const auto& fc = info.fixity_check;
    if (fc.ok) {
        info.fixity = "valid";
    } else {
        info.fixity = fc.problems.front();
        if (fc.problems.size() > 1)
            info.fixity += " (and " + std::to_string(fc.problems.size() - 1) + " more)";
        // Nothing of an unverified package is shown: only the folder name says whose it is.
        info.unit.code = dir.filename().string();
        return info;
    }
    for (const auto& [k, v] : read_bag_info(dir / "bag-info.txt"))
        if (k == "Xasite-Demonstration") info.demonstration = v.empty() ? "yes" : v;
    PackageData data;
    try {
        data = load_package_data(dir);
    } catch (const InputError&) {
        throw;
    } catch (const std::exception& e) {
        throw InputError(dir.string(), e.what());
    }
    info.unit = data.unit;
    if (auto it = data.capture.find("captured"); it != data.capture.end() && it->is_string())
        info.captured = it->get<std::string>();
    if (auto it = data.capture.find("sources"); it != data.capture.end() && it->is_array())
        for (const auto& s : *it)
            if (s.is_object() && s.contains("name") && s["name"].is_string())
                info.sources.push_back(s["name"].get<std::string>());
    Catalog cat(data);
    info.hosts = cat.hosts();
    info.pages = cat.pages();
    info.files = cat.pages() + cat.files();
    info.redirects = cat.redirects();
    if (const auto* home = cat.home()) info.home = home->file;
    return info;
}

}  // namespace xasite::archive
