// `xasite archive verify` (fixity: every checksum recomputed) and find_packages() (what the site
// build sees of each package: metadata plus a completeness check, no checksums).
// Verification never writes to the package: a fixity event would change a payload file and so
// the manifests; the result is printed (and the caller may log it elsewhere).
#include <algorithm>

#include "archive/archive.hpp"
#include "archive/bagit.hpp"
#include "archive/package.hpp"
#include "core/error.hpp"

namespace xasite::archive {

namespace fs = std::filesystem;

int run_verify(const fs::path& package_dir, std::ostream& out, std::ostream& err) {
    std::error_code ec;
    if (!fs::is_directory(package_dir, ec)) {
        err << "error: " << package_dir.string() << ": not a package directory\n";
        return 1;
    }
    BagReport rep;
    try {
        rep = check_bag(package_dir, true);
    } catch (const std::exception& e) {
        err << "error: " << package_dir.string() << ": " << e.what() << "\n";
        return 1;
    }
    if (rep.ok()) {
        // The metadata must also load (a valid bag whose records.jsonl is malformed is not a
        // usable package).
        try {
            PackageData data = load_package_data(package_dir);
            out << package_dir.string() << ": valid (" << rep.payload_files << " payload files, "
                << rep.payload_bytes << " bytes, " << rep.tag_files << " tag files; checksums: ";
            for (std::size_t i = 0; i < rep.algorithms.size(); ++i)
                out << (i ? ", " : "") << rep.algorithms[i];
            out << "; " << data.records.size() << " captures)\n";
            return 0;
        } catch (const std::exception& e) {
            err << package_dir.string()
                << ": the bag is valid but its metadata is not: " << e.what() << "\n";
            return 1;
        }
    }
    for (const auto& p : rep.problems)
        err << package_dir.string() << ": " << p << "\n";
    err << package_dir.string() << ": NOT valid (" << rep.problems.size() << " problem"
        << (rep.problems.size() == 1 ? "" : "s") << ")\n";
    return 1;
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
    for (const auto& dir : dirs) {
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
        out.push_back(std::move(info));
    }
    return out;
}

}  // namespace xasite::archive
