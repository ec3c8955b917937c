#include "archive/package/bagit.hpp"

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

#include "archive/package/io.hpp"
#include "core/ascii.hpp"
#include "core/error.hpp"
#include "core/files.hpp"

namespace xasite::archive {

namespace fs = std::filesystem;

namespace {

constexpr std::size_t kTagLimit = 512u << 20;

std::string rel_string(const fs::path& p) {
    return p.generic_string();
}

struct ManifestFile {
    std::string name;  // "manifest-sha256.txt"
    DigestAlgorithm alg;
    std::vector<std::pair<std::string, std::string>> entries;  // path, checksum (lower case)
};

bool parse_manifest(const fs::path& file, const std::string& name, DigestAlgorithm alg,
                    ManifestFile& out, std::vector<std::string>& problems) {
    out.name = name;
    out.alg = alg;
    std::string text;
    try {
        text = read_small_file(file, kTagLimit);
    } catch (const std::exception& e) {
        problems.push_back(std::string("unreadable: ") + name + " (" + e.what() + ")");
        return false;
    }
    std::size_t line_no = 0, pos = 0;
    bool ok = true;
    while (pos < text.size()) {
        auto nl = text.find('\n', pos);
        std::string_view line(text.data() + pos,
                              (nl == std::string::npos ? text.size() : nl) - pos);
        pos = nl == std::string::npos ? text.size() : nl + 1;
        ++line_no;
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (line.empty()) continue;
        auto sp = line.find_first_of(" \t");
        if (sp == std::string_view::npos) {
            problems.push_back("malformed: " + name + ":" + std::to_string(line_no) + " (no path)");
            ok = false;
            continue;
        }
        std::string sum(line.substr(0, sp));
        std::string_view p = line.substr(sp);
        while (!p.empty() && (p.front() == ' ' || p.front() == '\t'))
            p.remove_prefix(1);
        if (!p.empty() && p.front() == '*') p.remove_prefix(1);  // binary-mode marker of sha*sum
        ascii::lower_in_place(sum);
        out.entries.emplace_back(decode_manifest_path(p), sum);
    }
    return ok;
}

}  // namespace

std::string special_file_kind(const fs::file_status& st) {
    switch (st.type()) {
        case fs::file_type::fifo:
            return "a FIFO, not a regular file";
        case fs::file_type::socket:
            return "a socket, not a regular file";
        case fs::file_type::block:
        case fs::file_type::character:
            return "a device, not a regular file";
        case fs::file_type::symlink:
            return "a symbolic link";
        default:
            return "not a regular file";
    }
}

namespace {

bool safe_relative(std::string_view p) {
    if (p.empty() || p.front() == '/') return false;
    std::size_t i = 0;
    while (i <= p.size()) {
        auto s = p.find('/', i);
        std::string_view seg =
            p.substr(i, s == std::string_view::npos ? std::string_view::npos : s - i);
        if (seg == ".." || seg == "." || seg.empty()) return false;
        if (s == std::string_view::npos) break;
        i = s + 1;
    }
    return true;
}

std::vector<std::string> hash_file(const fs::path& path, const std::vector<DigestAlgorithm>& algs,
                                   std::uint64_t& size) {
    std::vector<Digest> ds;
    for (auto a : algs)
        ds.emplace_back(a);
    FileInput in(path);
    std::string buf(1 << 18, '\0');
    size = 0;
    for (;;) {
        std::size_t n = in.read(buf.data(), buf.size());
        if (n == 0) break;
        size += n;
        for (auto& d : ds)
            d.update(std::string_view(buf.data(), n));
    }
    std::vector<std::string> out;
    for (auto& d : ds)
        out.push_back(d.finish_hex());
    return out;
}

}  // namespace

std::string encode_manifest_path(std::string_view path) {
    std::string out;
    for (char c : path) {
        if (c == '%')
            out += "%25";
        else if (c == '\r')
            out += "%0D";
        else if (c == '\n')
            out += "%0A";
        else
            out.push_back(c);
    }
    return out;
}

std::string decode_manifest_path(std::string_view path) {
    std::string out;
    for (std::size_t i = 0; i < path.size(); ++i) {
        if (path[i] == '%' && i + 2 < path.size()) {
            std::string_view h = path.substr(i + 1, 2);
            if (h == "25")
                out.push_back('%');
            else if (h == "0D" || h == "0d")
                out.push_back('\r');
            else if (h == "0A" || h == "0a")
                out.push_back('\n');
            else {
                out.push_back('%');
                continue;
            }
            i += 2;
            continue;
        }
        out.push_back(path[i]);
    }
    return out;
}

void write_bag_files(const fs::path& bag, const Manifest& payload,
                     const std::vector<std::pair<std::string, std::string>>& bag_info) {
    std::string m256, m512;
    std::uint64_t octets = 0;
    for (const auto& [p, d] : payload) {
        m256 += d.sha256 + "  " + encode_manifest_path(p) + "\n";
        m512 += d.sha512 + "  " + encode_manifest_path(p) + "\n";
        octets += d.size;
    }
    std::string bagit = "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n";
    std::string info;
    for (const auto& [k, v] : bag_info) {
        // Values are single lines; newlines become spaces.
        std::string val = v;
        for (auto& c : val)
            if (c == '\n' || c == '\r') c = ' ';
        info += k + ": " + val + "\n";
    }
    info += "Payload-Oxum: " + std::to_string(octets) + "." + std::to_string(payload.size()) + "\n";
    write_file_atomic(bag / "bagit.txt", bagit);
    write_file_atomic(bag / "bag-info.txt", info);
    write_file_atomic(bag / "manifest-sha256.txt", m256);
    write_file_atomic(bag / "manifest-sha512.txt", m512);
    std::string t256, t512;
    for (const char* name :
         {"bag-info.txt", "bagit.txt", "manifest-sha256.txt", "manifest-sha512.txt"}) {
        FileDigest d = digest_file(bag / name);
        t256 += d.sha256 + "  " + name + "\n";
        t512 += d.sha512 + "  " + name + "\n";
    }
    write_file_atomic(bag / "tagmanifest-sha256.txt", t256);
    write_file_atomic(bag / "tagmanifest-sha512.txt", t512);
}

Manifest read_payload_manifest(const fs::path& bag) {
    Manifest m;
    for (auto [name, alg] : {std::pair{"manifest-sha256.txt", DigestAlgorithm::sha256},
                             std::pair{"manifest-sha512.txt", DigestAlgorithm::sha512}}) {
        ManifestFile mf;
        std::vector<std::string> problems;
        if (!fs::exists(bag / name)) throw InputError((bag / name).string(), "missing");
        if (!parse_manifest(bag / name, name, alg, mf, problems))
            throw InputError((bag / name).string(),
                             problems.empty() ? "malformed" : problems.front());
        for (auto& [p, sum] : mf.entries) {
            auto& d = m[p];
            (alg == DigestAlgorithm::sha256 ? d.sha256 : d.sha512) = sum;
        }
    }
    for (auto& [p, d] : m) {
        std::error_code ec;
        auto sz = fs::file_size(bag / p, ec);
        d.size = ec ? 0 : sz;
    }
    return m;
}

std::vector<std::pair<std::string, std::string>> read_bag_info(const fs::path& file) {
    std::vector<std::pair<std::string, std::string>> out;
    std::string text = read_small_file(file, kTagLimit);
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.empty()) continue;
        if ((line.front() == ' ' || line.front() == '\t') && !out.empty()) {
            out.back().second += " " + line.substr(line.find_first_not_of(" \t"));
            continue;
        }
        auto colon = line.find(':');
        if (colon == std::string::npos) continue;
        std::string v = line.substr(colon + 1);
        v.erase(0, v.find_first_not_of(" \t") == std::string::npos ? v.size()
                                                                   : v.find_first_not_of(" \t"));
        out.emplace_back(line.substr(0, colon), v);
    }
    return out;
}

BagReport check_bag(const fs::path& bag, bool checksums) {
    BagReport r;
    auto problem = [&](std::string s) { r.problems.push_back(std::move(s)); };
    if (!fs::is_directory(bag)) {
        problem("not a directory: " + bag.string());
        return r;
    }
    // bagit.txt
    if (!fs::is_regular_file(bag / "bagit.txt")) {
        problem("missing: bagit.txt");
    } else {
        std::string t;
        try {
            t = read_small_file(bag / "bagit.txt", 1 << 16);
        } catch (const std::exception& e) {
            problem(std::string("unreadable: bagit.txt (") + e.what() + ")");
        }
        if (t.find("BagIt-Version:") == std::string::npos ||
            t.find("Tag-File-Character-Encoding:") == std::string::npos)
            problem(
                "malformed: bagit.txt (BagIt-Version and Tag-File-Character-Encoding required)");
    }
    if (!fs::is_directory(bag / "data")) problem("missing: data/ (the payload directory)");

    // Manifests and tag manifests present at the top.
    std::vector<ManifestFile> manifests, tagmanifests;
    std::set<std::string> top_files;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(bag, ec)) {
        std::string name = e.path().filename().string();
        if (e.is_symlink()) {
            problem("unexpected: " + name + " (symbolic link)");
            continue;
        }
        if (e.is_directory()) {
            if (name != "data") problem("unexpected: " + name + "/ (directory outside data/)");
            continue;
        }
        if (!e.is_regular_file()) {
            problem("unexpected: " + name + " (" + special_file_kind(e.symlink_status()) + ")");
            continue;
        }
        top_files.insert(name);
        for (const char* prefix : {"manifest-", "tagmanifest-"}) {
            std::string pre = prefix;
            if (name.rfind(pre, 0) == 0 && name.size() > pre.size() + 4 &&
                name.substr(name.size() - 4) == ".txt") {
                std::string alg_name = name.substr(pre.size(), name.size() - pre.size() - 4);
                DigestAlgorithm alg;
                if (!digest_algorithm_from_name(alg_name, alg)) {
                    problem("unsupported: " + name + " (algorithm " + alg_name + ")");
                    continue;
                }
                ManifestFile mf;
                parse_manifest(e.path(), name, alg, mf, r.problems);
                (pre == "manifest-" ? manifests : tagmanifests).push_back(std::move(mf));
            }
        }
    }
    std::sort(manifests.begin(), manifests.end(), [](auto& a, auto& b) { return a.name < b.name; });
    if (manifests.empty()) problem("missing: manifest-<algorithm>.txt (no payload manifest)");
    for (const auto& m : manifests)
        r.algorithms.push_back(digest_name(m.alg));

    // Files under data/.
    std::set<std::string> payload_files;
    if (fs::is_directory(bag / "data")) {
        for (auto it = fs::recursive_directory_iterator(bag / "data", ec);
             !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
            const auto& e = *it;
            // Lexically: fs::relative would follow a symbolic link and name its target instead.
            std::string rel = rel_string(e.path().lexically_relative(bag));
            if (e.is_symlink()) {
                problem("unexpected: " + rel + " (symbolic link in the payload)");
                continue;
            }
            if (e.is_regular_file())
                payload_files.insert(rel);
            else if (!e.is_directory())
                problem("unexpected: " + rel + " (" + special_file_kind(e.symlink_status()) +
                        " in the payload)");
        }
        if (ec) problem("unreadable: data/ (" + ec.message() + ")");
    }

    // Every payload file in every manifest; every entry present; then checksums.
    std::map<std::string, std::vector<std::pair<DigestAlgorithm, std::string>>> expected;
    for (const auto& m : manifests) {
        std::set<std::string> listed;
        for (const auto& [p, sum] : m.entries) {
            if (!safe_relative(p) || p.rfind("data/", 0) != 0) {
                problem("malformed: " + m.name + " lists \"" + p + "\" (not a path inside data/)");
                continue;
            }
            if (!listed.insert(p).second) {
                problem("malformed: " + m.name + " lists " + p + " twice");
                continue;
            }
            if (!payload_files.count(p)) {
                problem("missing: " + p + " (listed in " + m.name + ")");
                continue;
            }
            expected[p].emplace_back(m.alg, sum);
        }
        for (const auto& f : payload_files)
            if (!listed.count(f)) problem("unexpected: " + f + " (not in " + m.name + ")");
    }
    r.payload_files = payload_files.size();
    std::uint64_t octets = 0;
    for (const auto& f : payload_files) {
        auto sz = fs::file_size(bag / f, ec);
        if (!ec) octets += sz;
    }
    r.payload_bytes = octets;
    if (checksums) {
        for (const auto& [p, sums] : expected) {
            std::vector<DigestAlgorithm> algs;
            for (const auto& s : sums)
                algs.push_back(s.first);
            std::uint64_t size = 0;
            std::vector<std::string> got;
            try {
                got = hash_file(bag / p, algs, size);
            } catch (const std::exception& e) {
                problem("unreadable: " + p + " (" + e.what() + ")");
                continue;
            }
            for (std::size_t i = 0; i < sums.size(); ++i)
                if (got[i] != sums[i].second) {
                    problem("damaged: " + p + " (" + digest_name(sums[i].first) + " expected " +
                            sums[i].second + ", found " + got[i] + ")");
                    break;
                }
        }
    }
    // Payload-Oxum.
    if (fs::is_regular_file(bag / "bag-info.txt")) {
        try {
            for (const auto& [k, v] : read_bag_info(bag / "bag-info.txt")) {
                if (k != "Payload-Oxum") continue;
                auto dot = v.find('.');
                std::string want =
                    std::to_string(octets) + "." + std::to_string(payload_files.size());
                if (dot == std::string::npos || v != want)
                    problem("damaged: payload size (Payload-Oxum " + v +
                            " in bag-info.txt, found " + want + ")");
            }
        } catch (const std::exception& e) {
            problem(std::string("unreadable: bag-info.txt (") + e.what() + ")");
        }
    }
    // Tag manifests: entries exist and verify; tag files not listed are unexpected.
    std::map<std::string, std::set<std::string>> tag_listed;  // tag manifest → files it lists
    for (const auto& m : tagmanifests) {
        for (const auto& [p, sum] : m.entries) {
            if (!safe_relative(p) || p.rfind("data/", 0) == 0) {
                problem("malformed: " + m.name + " lists \"" + p + "\" (not a tag file)");
                continue;
            }
            tag_listed[m.name].insert(p);
            if (!top_files.count(p)) {
                problem("missing: " + p + " (listed in " + m.name + ")");
                continue;
            }
            std::uint64_t size = 0;
            auto got = hash_file(bag / p, {m.alg}, size);
            if (got[0] != sum)
                problem("damaged: " + p + " (" + digest_name(m.alg) + " expected " + sum +
                        ", found " + got[0] + ")");
        }
    }
    // A package made by xasite has a tag manifest for each payload manifest's algorithm: without
    // it, a change to bag-info.txt (or a removed tag manifest) would go unnoticed.
    for (const auto& m : manifests) {
        std::string want = std::string("tagmanifest-") + digest_name(m.alg) + ".txt";
        if (!top_files.count(want))
            problem("missing: " + want + " (the tag manifest of " + m.name +
                    "; without it changes to bag-info.txt and the manifests go unnoticed)");
    }
    for (const auto& f : top_files) {
        if (f.rfind("tagmanifest-", 0) == 0) continue;
        ++r.tag_files;
        for (const auto& m : tagmanifests)
            if (!tag_listed[m.name].count(f))
                problem("unexpected: " + f + " (not in " + m.name + ")");
    }
    return r;
}

}  // namespace xasite::archive
