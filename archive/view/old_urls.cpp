// OldUrlIndex (archive_view.hpp): the redirect tables the views wrote, read back for `xasite
// serve`. Each view in the folder given to load() (site/luu-tru/) has <slug>/chuyen-huong/
// index.json naming its hosts (case rule, CSV file) and its landing page; every CSV row is
// "old path?query,archive path".
#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>

#include <nlohmann/json.hpp>

#include "archive/package/url.hpp"
#include "archive/view/archive_view.hpp"
#include "core/ascii.hpp"
#include "core/error.hpp"

namespace xasite::archive {

namespace fs = std::filesystem;

namespace {

std::string read_all(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    if (!in) throw InputError(p.string(), "cannot read");
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// RFC 4180 rows (quoted fields, doubled quotes).
std::vector<std::vector<std::string>> parse_csv(std::string_view s) {
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> row;
    std::string field;
    bool quoted = false, any = false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        char c = s[i];
        if (quoted) {
            if (c == '"') {
                if (i + 1 < s.size() && s[i + 1] == '"') {
                    field.push_back('"');
                    ++i;
                } else {
                    quoted = false;
                }
            } else {
                field.push_back(c);
            }
            continue;
        }
        if (c == '"') {
            quoted = true;
            any = true;
        } else if (c == ',') {
            row.push_back(std::move(field));
            field.clear();
            any = true;
        } else if (c == '\n' || c == '\r') {
            if (c == '\r' && i + 1 < s.size() && s[i + 1] == '\n') ++i;
            if (any || !field.empty()) {
                row.push_back(std::move(field));
                rows.push_back(std::move(row));
            }
            row.clear();
            field.clear();
            any = false;
        } else {
            field.push_back(c);
            any = true;
        }
    }
    if (any || !field.empty()) {
        row.push_back(std::move(field));
        rows.push_back(std::move(row));
    }
    return rows;
}

const char* const kIndexNames[] = {"default.aspx", "index.html", "index.htm",   "index.php",
                                   "default.asp",  "index.asp",  "default.htm", "index.jsp"};

}  // namespace

OldUrlIndex OldUrlIndex::load(const fs::path& archives_dir) {
    OldUrlIndex idx;
    const fs::path& root = archives_dir;
    std::error_code ec;
    if (!fs::is_directory(root, ec)) return idx;
    std::vector<fs::path> metas;
    for (const auto& d : fs::directory_iterator(root, ec)) {
        fs::path m = d.path() / "chuyen-huong" / "index.json";
        if (fs::is_regular_file(m, ec)) metas.push_back(m);
    }
    std::sort(metas.begin(), metas.end());
    struct View {
        fs::path meta;
        std::string unit, landing;
        nlohmann::json hosts;
    };
    std::vector<View> views;
    for (const auto& m : metas) {
        nlohmann::json meta;
        try {
            meta = nlohmann::json::parse(read_all(m));
        } catch (const nlohmann::json::exception& e) {
            throw InputError(m.string(), std::string("malformed: ") + e.what());
        }
        if (!meta.is_object() || !meta.contains("hosts") || !meta["hosts"].is_array())
            throw InputError(m.string(), "expected an object with \"hosts\"");
        std::string unit = meta.contains("unit") && meta["unit"].is_string()
                               ? meta["unit"].get<std::string>()
                               : std::string();
        views.push_back({m, unit, meta.value("landing", std::string("/")), meta["hosts"]});
    }
    // Which view an old host redirects to: the one with the most captured addresses of that host
    // (the district whose site it was), the first in name order on a tie; two views claiming one
    // host get a warning naming both.
    std::map<std::string, std::pair<std::size_t, std::size_t>> owner;  // host → (view, urls)
    for (std::size_t v = 0; v < views.size(); ++v)
        for (const auto& h : views[v].hosts) {
            if (!h.is_object()) continue;
            auto hu = parse_absolute_url("http://" + h.value("host", std::string()) + "/");
            if (!hu) continue;
            std::string hk = host_key(*hu);
            std::size_t urls = h.value("urls", std::size_t{0});
            auto [it, fresh] = owner.emplace(hk, std::make_pair(v, urls));
            if (fresh) continue;
            const View& kept = views[it->second.first];
            bool replace = urls > it->second.second;
            const View& chosen = replace ? views[v] : kept;
            auto name = [](const View& w) {
                std::string n = w.meta.parent_path().parent_path().filename().string();
                return w.unit.empty() ? n : n + " (" + w.unit + ")";
            };
            idx.warnings_.push_back(
                "old host " + hk + " is claimed by two archives, " + name(kept) + " and " +
                name(views[v]) + "; it redirects to " + name(chosen) +
                " (the one with more captured addresses of it, the first by name on a tie)");
            if (replace) it->second = {v, urls};
        }
    for (std::size_t v = 0; v < views.size(); ++v) {
        const fs::path& m = views[v].meta;
        const std::string& landing = views[v].landing;
        for (const auto& h : views[v].hosts) {
            if (!h.is_object()) continue;
            std::string host = h.value("host", std::string());
            std::string csv = h.value("csv", std::string());
            bool ci = h.value("case_insensitive", false);
            if (host.empty() || csv.empty() || csv.find('/') != std::string::npos ||
                csv.find("..") != std::string::npos)
                throw InputError(m.string(), "a host without a name or CSV file");
            auto hu = parse_absolute_url("http://" + host + "/");
            if (!hu) throw InputError(m.string(), "not a host name: " + host);
            std::string hk = host_key(*hu);
            if (owner[hk].first != v) continue;  // another archive's (warned above)
            idx.landing_.emplace(hk, landing);
            idx.case_insensitive_[hk] = ci;
            fs::path file = m.parent_path() / csv;
            auto rows = parse_csv(read_all(file));
            for (std::size_t i = 0; i < rows.size(); ++i) {
                const auto& r = rows[i];
                if (i == 0 && !r.empty() && r[0] == "old_url") continue;  // header
                if (r.size() != 2 || r[0].empty() || r[0][0] != '/' || r[1].empty())
                    throw InputError(location(file, i + 1), "expected \"old path,archive path\"");
                auto u = parse_absolute_url("http://" + host + r[0]);
                if (!u) continue;
                u->has_fragment = false;
                idx.targets_.emplace(canonical_key(*u, ci), r[1]);
            }
        }
    }
    return idx;
}

std::optional<std::string> OldUrlIndex::find(std::string_view old_url) const {
    std::string s = clean_reference(old_url);
    auto u = parse_absolute_url(s);
    if (!u || !u->is_http()) u = parse_absolute_url("http://" + s);
    if (!u || !u->is_http()) return std::nullopt;
    u->has_fragment = false;
    u->fragment.clear();
    std::string hk = host_key(*u);
    auto land = landing_.find(hk);
    if (land == landing_.end()) return std::nullopt;
    auto ci_it = case_insensitive_.find(hk);
    bool ci = ci_it != case_insensitive_.end() && ci_it->second;
    auto look = [&](const Url& v) -> const std::string* {
        auto it = targets_.find(canonical_key(v, ci));
        return it == targets_.end() ? nullptr : &it->second;
    };
    if (const std::string* t = look(*u)) return *t;
    // Directory index names and the trailing slash are interchangeable on most servers.
    std::string path = u->path.empty() ? "/" : u->path;
    auto slash = path.rfind('/');
    std::string last = path.substr(slash + 1);
    std::string last_lower = last;
    ascii::lower_in_place(last_lower);
    Url v = *u;
    if (last.empty()) {
        if (path.size() > 1) {  // "/tin-tuc/" when "/tin-tuc" was captured
            v.path = path.substr(0, path.size() - 1);
            if (const std::string* t = look(v)) return *t;
        }
        for (const char* name : kIndexNames) {
            v.path = path + name;
            if (const std::string* t = look(v)) return *t;
            std::string cap = name;
            cap[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(cap[0])));
            v.path = path + cap;
            if (const std::string* t = look(v)) return *t;
        }
    } else {
        if (std::find(std::begin(kIndexNames), std::end(kIndexNames), last_lower) !=
            std::end(kIndexNames)) {
            v.path = path.substr(0, slash + 1);
            if (const std::string* t = look(v)) return *t;
        }
        v.path = path + "/";
        if (const std::string* t = look(v)) return *t;
    }
    return land->second;
}

}  // namespace xasite::archive
