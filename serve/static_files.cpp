#include "serve/static_files.hpp"

#include <map>
#include "core/ascii.hpp"

namespace xasite::serve {

namespace fs = std::filesystem;

std::string content_type_for(const fs::path& file) {
    static const std::map<std::string, std::string> types = {
        {".html", "text/html; charset=utf-8"},
        {".htm", "text/html; charset=utf-8"},
        {".css", "text/css; charset=utf-8"},
        {".js", "text/javascript; charset=utf-8"},
        {".json", "application/json"},
        {".xml", "application/xml; charset=utf-8"},
        {".txt", "text/plain; charset=utf-8"},
        {".csv", "text/csv; charset=utf-8"},
        {".svg", "image/svg+xml"},
        {".png", "image/png"},
        {".jpg", "image/jpeg"},
        {".jpeg", "image/jpeg"},
        {".gif", "image/gif"},
        {".webp", "image/webp"},
        {".ico", "image/x-icon"},
        {".pdf", "application/pdf"},
        {".woff2", "font/woff2"},
        {".woff", "font/woff"},
        {".doc", "application/msword"},
        {".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
        {".xls", "application/vnd.ms-excel"},
        {".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
        {".zip", "application/zip"},
        {".map", "application/json"},
        {".conf", "text/plain; charset=utf-8"},
    };
    std::string ext = file.extension().string();
    ascii::lower_in_place(ext);
    auto it = types.find(ext);
    return it == types.end() ? "application/octet-stream" : it->second;
}

namespace {

bool inside(const fs::path& root, const fs::path& p) {
    auto r = root.begin(), q = p.begin();
    for (; r != root.end(); ++r, ++q) {
        if (q == p.end() || *r != *q) return false;
    }
    return true;
}

// The 404 page of the site the path belongs to ("/xa-ea-kar/…" → site/xa-ea-kar/404.html), else
// the province's; never a file outside the site (a symlinked folder).
fs::path not_found_page(const fs::path& root, const std::string& clean) {
    auto slash = clean.find('/', 1);
    if (slash != std::string::npos) {
        std::error_code ec;
        fs::path candidate =
            fs::weakly_canonical(root / clean.substr(1, slash - 1) / "404.html", ec);
        if (!ec && inside(root, candidate) && fs::is_regular_file(candidate, ec)) return candidate;
    }
    return root / "404.html";
}

}  // namespace

StaticResult resolve_static(const fs::path& site_dir, std::string_view decoded_path,
                            const std::vector<std::string>& private_at_root) {
    StaticResult result;
    std::error_code ec;
    const fs::path root = fs::weakly_canonical(site_dir, ec);
    auto not_found = [&](const std::string& clean) {
        result.status = 404;
        result.file = not_found_page(root, clean);
        result.content_type = "text/html; charset=utf-8";
        return result;
    };
    if (decoded_path.empty() || decoded_path.front() != '/' || decoded_path.size() > 4096 ||
        decoded_path.find('\0') != std::string_view::npos ||
        decoded_path.find('\\') != std::string_view::npos) {
        result.status = 400;
        return result;
    }
    // Reject any "." or ".." segment and any dotfile (.xasite-site, .git…).
    std::string clean(decoded_path);
    for (std::size_t start = 1; start <= clean.size();) {
        std::size_t end = clean.find('/', start);
        if (end == std::string::npos) end = clean.size();
        std::string_view seg(clean.data() + start, end - start);
        if (!seg.empty() && seg.front() == '.')
            return (seg == "." || seg == "..") ? (result.status = 400, result) : not_found(clean);
        start = end + 1;
    }
    for (const std::string& name : private_at_root)
        if (clean.size() == name.size() + 1 && clean.compare(1, std::string::npos, name) == 0)
            return not_found(clean);
    // An empty segment ("//proc/1", "/a//b") is refused: appended to the root, "/proc/1" would
    // replace it, and a redirect to "//proc/1/" would name another host.
    if (clean.find("//") != std::string::npos) {
        result.status = 400;
        return result;
    }
    // Everything is decided on the canonical path, and only inside the root: what lies outside
    // (a symlink out of the site) answers like an absent path, so the status says nothing about
    // the filesystem around the site.
    fs::path real = fs::weakly_canonical(root / clean.substr(1), ec);
    if (ec || !inside(root, real)) return not_found(clean);
    if (fs::is_directory(real, ec)) {
        if (clean.back() != '/') {
            result.status = 301;
            result.location = clean + "/";
            return result;
        }
        real = fs::weakly_canonical(real / "index.html", ec);
        if (ec || !inside(root, real)) return not_found(clean);
    }
    if (!fs::is_regular_file(real, ec)) return not_found(clean);
    result.status = 200;
    result.file = real;
    result.content_type = content_type_for(real);
    return result;
}

}  // namespace xasite::serve
