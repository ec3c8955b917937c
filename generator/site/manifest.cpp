#include "generator/site/manifest.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <functional>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "archive/package/digest.hpp"
#include "core/files.hpp"

namespace xasite::site {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

constexpr int kFormat = 1;

std::string hex64(std::uint64_t v) {
    static const char* digits = "0123456789abcdef";
    std::string s(16, '0');
    for (int i = 15; i >= 0; --i, v >>= 4)
        s[static_cast<std::size_t>(i)] = digits[v & 15];
    return s;
}

std::string sha256_of_file(const fs::path& path) {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) throw std::runtime_error(path.string() + ": cannot read: " + std::strerror(errno));
    archive::Digest digest(archive::DigestAlgorithm::sha256);
    std::string buffer(1 << 16, '\0');
    for (;;) {
        ssize_t n = ::read(fd, buffer.data(), buffer.size());
        if (n < 0) {
            if (errno == EINTR) continue;
            int e = errno;
            ::close(fd);
            throw std::runtime_error(path.string() + ": cannot read: " + std::strerror(e));
        }
        if (n == 0) break;
        digest.update(std::string_view(buffer.data(), static_cast<std::size_t>(n)));
    }
    ::close(fd);
    return digest.finish_hex();
}

// "units/<code>/…" → code; "" for anything else and for a commune's unit.json (its contacts are
// listed by every commune).
std::string commune_of(const std::string& path) {
    static const std::string prefix = "units/";
    if (path.compare(0, prefix.size(), prefix) != 0) return {};
    auto slash = path.find('/', prefix.size());
    if (slash == std::string::npos) return {};  // a file directly in units/ (the registry)
    std::string rest = path.substr(slash + 1);
    if (rest == "unit.json") return {};
    return path.substr(prefix.size(), slash - prefix.size());
}

}  // namespace

std::uint64_t output_hash(std::string_view bytes) {
    return static_cast<std::uint64_t>(std::hash<std::string_view>{}(bytes));
}

std::optional<BuildManifest> read_manifest(const fs::path& site_dir) {
    std::error_code ec;
    const fs::path file = site_dir / kManifestFile;
    if (!fs::is_regular_file(file, ec)) return std::nullopt;
    try {
        json j = json::parse(read_file(file));
        if (j.value("format", 0) != kFormat) return std::nullopt;
        BuildManifest m;
        m.tool = j.at("tool").get<std::string>();
        m.date_env = j.at("date_env").get<std::string>();
        m.build_date = j.at("build_date").get<std::string>();
        m.units = j.at("units").get<std::vector<std::string>>();
        m.search_index = j.at("search_index").get<bool>();
        m.drafts = j.value("drafts", false);
        m.nginx = j.value("nginx", "");
        for (const auto& [path, s] : j.at("inputs").items()) {
            InputStamp st;
            st.size = s.at(0).get<std::uint64_t>();
            st.mtime_ns = s.at(1).get<std::int64_t>();
            st.inode = s.at(2).get<std::uint64_t>();
            st.sha256 = s.at(3).get<std::string>();
            m.inputs.emplace(path, std::move(st));
        }
        return m;
    } catch (const std::exception&) {
        return std::nullopt;  // damaged or from another version: a cold build follows
    }
}

std::string manifest_json(const BuildManifest& m) {
    json inputs = json::object();
    for (const auto& [path, s] : m.inputs)
        inputs[path] = json::array({s.size, s.mtime_ns, s.inode, s.sha256});
    json j = {{"format", kFormat},          {"tool", m.tool},   {"date_env", m.date_env},
              {"build_date", m.build_date}, {"units", m.units}, {"search_index", m.search_index},
              {"drafts", m.drafts},         {"nginx", m.nginx}, {"inputs", std::move(inputs)}};
    return j.dump(1, ' ', false, json::error_handler_t::replace) + "\n";
}

OutputStamps read_outputs(const fs::path& site_dir) {
    OutputStamps out;
    std::error_code ec;
    const fs::path file = site_dir / kOutputsFile;
    if (!fs::is_regular_file(file, ec)) return out;
    std::string text = read_file(file);
    out.reserve(text.size() / 60);
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::size_t end = text.find('\n', pos);
        if (end == std::string::npos) end = text.size();
        std::string_view line(text.data() + pos, end - pos);
        pos = end + 1;
        auto t1 = line.find('\t');
        auto t2 = t1 == std::string_view::npos ? t1 : line.find('\t', t1 + 1);
        if (t2 == std::string_view::npos) return {};  // damaged: trust nothing
        OutputStamp s;
        try {
            s.hash = std::stoull(std::string(line.substr(0, t1)), nullptr, 16);
            s.size = std::stoull(std::string(line.substr(t1 + 1, t2 - t1 - 1)));
        } catch (const std::exception&) {
            return {};
        }
        out.emplace(std::string(line.substr(t2 + 1)), s);
    }
    return out;
}

std::string outputs_text(const OutputStamps& outputs) {
    std::vector<const std::pair<const std::string, OutputStamp>*> sorted;
    sorted.reserve(outputs.size());
    for (const auto& e : outputs)
        sorted.push_back(&e);
    std::sort(sorted.begin(), sorted.end(), [](auto* a, auto* b) { return a->first < b->first; });
    std::string text;
    text.reserve(outputs.size() * 64);
    for (const auto* e : sorted) {
        text += hex64(e->second.hash);
        text += '\t';
        text += std::to_string(e->second.size);
        text += '\t';
        text += e->first;
        text += '\n';
    }
    return text;
}

InputStamps scan_inputs(const fs::path& content_dir, const InputStamps& previous) {
    InputStamps now;
    std::error_code ec;
    // Linked folders are not followed (their targets are inside the tree, so scanned there, and
    // a link to an ancestor would never end); a version-control folder (the editor keeps content/
    // in git) is no input.
    fs::recursive_directory_iterator it(content_dir, fs::directory_options::none, ec), end;
    if (ec) throw std::runtime_error(content_dir.string() + ": cannot read: " + ec.message());
    for (; it != end; it.increment(ec)) {
        if (ec) throw std::runtime_error(content_dir.string() + ": cannot read: " + ec.message());
        const std::string name = it->path().filename().string();
        if ((name == ".git" || name == ".hg" || name == ".svn") && it->is_directory(ec) &&
            !it->is_symlink(ec)) {
            it.disable_recursion_pending();
            continue;
        }
        struct stat st {};
        if (::stat(it->path().c_str(), &st) != 0 || !S_ISREG(st.st_mode)) continue;
        std::string rel = it->path().lexically_relative(content_dir).generic_string();
        InputStamp s;
        s.size = static_cast<std::uint64_t>(st.st_size);
        s.mtime_ns =
            static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1'000'000'000LL + st.st_mtim.tv_nsec;
        s.inode = static_cast<std::uint64_t>(st.st_ino);
        auto before = previous.find(rel);
        if (before != previous.end() && before->second.size == s.size &&
            before->second.mtime_ns == s.mtime_ns && before->second.inode == s.inode)
            s.sha256 = before->second.sha256;
        else
            s.sha256 = sha256_of_file(it->path());
        now.emplace(std::move(rel), std::move(s));
    }
    return now;
}

std::string tool_identity() {
    std::error_code ec;
    fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    struct stat st {};
    if (ec || ::stat(exe.c_str(), &st) != 0) return "unknown";
    return exe.string() + " " + std::to_string(st.st_size) + " " +
           std::to_string(st.st_mtim.tv_sec) + "." + std::to_string(st.st_mtim.tv_nsec);
}

ChangePlan plan_changes(const BuildManifest& previous, const BuildManifest& now) {
    ChangePlan plan;
    if (previous.tool != now.tool) {
        plan.reason = "xasite itself changed (its theme is built in)";
        return plan;
    }
    if (previous.date_env != now.date_env) {
        plan.reason = "SOURCE_DATE_EPOCH changed";
        return plan;
    }
    if (previous.units != now.units || previous.search_index != now.search_index ||
        previous.drafts != now.drafts || previous.nginx != now.nginx) {
        plan.reason = "the build's options changed";
        return plan;
    }
    auto a = previous.inputs.begin(), b = now.inputs.begin();
    while (a != previous.inputs.end() || b != now.inputs.end()) {
        if (b == now.inputs.end() || (a != previous.inputs.end() && a->first < b->first)) {
            plan.changed.push_back(a->first);  // removed
            ++a;
        } else if (a == previous.inputs.end() || b->first < a->first) {
            plan.changed.push_back(b->first);  // added
            ++b;
        } else {
            if (a->second.sha256 != b->second.sha256 || a->second.size != b->second.size)
                plan.changed.push_back(a->first);
            ++a;
            ++b;
        }
    }
    if (plan.changed.empty()) {
        plan.scope = ChangePlan::Scope::nothing;
        return plan;
    }
    plan.scope = ChangePlan::Scope::units;
    for (const auto& path : plan.changed) {
        std::string code = commune_of(path);
        if (code.empty()) {
            plan.scope = ChangePlan::Scope::everything;
            plan.units.clear();
            plan.reason = path + " changed";
            return plan;
        }
        plan.units.insert(code);
    }
    return plan;
}

}  // namespace xasite::site
