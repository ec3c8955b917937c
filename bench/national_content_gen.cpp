// national_content_gen CONTENT OUT N: a synthetic country of N province content trees made from one
// real tree (the national dry run, bench/national.sh).
//
// OUT/p01 is CONTENT as it is. OUT/p02 … OUT/pNN are copies whose every unit code (new province,
// new units, old provinces, old districts, old communes) gets the prefix "9NN", so the codes stay
// digits and are unique across the country, and whose site.json names its own province code and
// host (https://tinh-NN.example.gov.vn/). The names of the units are kept: the predecessor texts
// name them, and real provinces share commune names too. Archive packages are kept only in p01:
// a preservation package is never altered, and its unit code would not match a renamed district.
// Files that are not rewritten are hard links to CONTENT (no disk cost), copies when that fails.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>

#include <nlohmann/json.hpp>

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

std::string two_digits(int n) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "%02d", n);
    return buf;
}

json read_json(const fs::path& p) {
    std::ifstream in(p);
    if (!in) throw std::runtime_error(p.string() + ": cannot read");
    return json::parse(in);
}

void write_json(const fs::path& p, const json& j) {
    std::ofstream out(p);
    out << j.dump(2) << "\n";
    if (!out) throw std::runtime_error(p.string() + ": cannot write");
}

// Every "code", "province_code" and "district_code" string of the registry, prefixed.
void prefix_codes(json& j, const std::string& prefix) {
    if (j.is_object()) {
        for (auto& [key, value] : j.items()) {
            if ((key == "code" || key == "province_code" || key == "district_code") &&
                value.is_string())
                value = prefix + value.get<std::string>();
            else if (key != "bando")  // the map service's own ids are not unit codes
                prefix_codes(value, prefix);
        }
    } else if (j.is_array()) {
        for (auto& v : j)
            prefix_codes(v, prefix);
    }
}

void link_tree(const fs::path& from, const fs::path& to, bool with_archives) {
    for (auto it = fs::recursive_directory_iterator(from); it != fs::recursive_directory_iterator();
         ++it) {
        const fs::path rel = it->path().lexically_relative(from);
        if (!with_archives && *rel.begin() == "archives" && rel != "archives") {
            it.disable_recursion_pending();
            continue;
        }
        const fs::path dest = to / rel;
        if (it->is_directory()) {
            fs::create_directories(dest);
        } else if (it->is_regular_file()) {
            std::error_code ec;
            fs::create_hard_link(it->path(), dest, ec);
            if (ec) fs::copy_file(it->path(), dest);
        }
    }
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 4) {
        std::cerr << "usage: national_content_gen CONTENT OUT N  (N provinces, 1–99)\n";
        return 2;
    }
    const fs::path content = argv[1], out = argv[2];
    const int n = std::atoi(argv[3]);
    if (n < 1 || n > 99 || !fs::is_regular_file(content / "site.json")) {
        std::cerr
            << "national_content_gen: need a content tree with site.json and N from 1 to 99\n";
        return 2;
    }
    try {
        if (fs::exists(out)) {
            std::cerr << "national_content_gen: " << out.string() << " exists; remove it first\n";
            return 2;
        }
        for (int i = 1; i <= n; ++i) {
            const fs::path tree = out / ("p" + two_digits(i));
            fs::create_directories(tree);
            link_tree(content, tree, i == 1);
            if (i == 1) continue;
            const std::string prefix = "9" + two_digits(i);
            json site = read_json(content / "site.json");
            const std::string registry_rel = site.value("registry", "units/daklak-units.json");
            site["province"]["code"] = prefix + site["province"]["code"].get<std::string>();
            site["base_url"] = "https://tinh-" + two_digits(i) + ".example.gov.vn/";
            fs::remove(tree / "site.json");
            write_json(tree / "site.json", site);
            json registry = read_json(content / registry_rel);
            prefix_codes(registry, prefix);
            fs::remove(tree / registry_rel);
            write_json(tree / registry_rel, registry);
        }
    } catch (const std::exception& e) {
        std::cerr << "national_content_gen: " << e.what() << "\n";
        return 1;
    }
    std::cout << "wrote " << n << " province content trees under " << out.string() << "\n";
    return 0;
}
