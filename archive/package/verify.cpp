// `xasite archive verify` (fixity: every checksum recomputed) and find_packages() (what the site
// build sees of each package: metadata plus a completeness check, no checksums).
// Verification never writes to the package: a fixity event would change a payload file and so
// the manifests; the result is reported (the command prints it; the caller may log it elsewhere).
#include <algorithm>

#include "archive/package/archive_package.hpp"
#include "archive/package/bagit.hpp"
#include "archive/package/package.hpp"
#include "core/error.hpp"

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

PackageInfo read_package(const fs::path& dir) {
    PackageInfo info;
    info.dir = dir;
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
    BagReport rep = check_bag(dir, false);
    info.fixity = rep.ok() ? "valid" : rep.problems.front();
    if (rep.problems.size() > 1)
        info.fixity += " (and " + std::to_string(rep.problems.size() - 1) + " more)";
    Catalog cat(data);
    info.hosts = cat.hosts();
    info.pages = cat.pages();
    info.files = cat.pages() + cat.files();
    info.redirects = cat.redirects();
    if (const auto* home = cat.home()) info.home = home->file;
    return info;
}

}  // namespace xasite::archive
