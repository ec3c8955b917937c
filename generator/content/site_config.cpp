#include "generator/content/site_config.hpp"

#include <regex>

#include "core/error.hpp"
#include "core/files.hpp"

namespace xasite::content {

namespace {

bool is_iso_date(const std::string& s) {
    static const std::regex re(R"(\d{4}-\d{2}-\d{2})");
    return std::regex_match(s, re);
}

class Reader {
  public:
    Reader(const nlohmann::json& j, const std::filesystem::path& path) : j_(j), path_(path) {}

    std::string str(const char* key, bool required, const std::string& fallback = "") const {
        auto it = j_.find(key);
        if (it == j_.end() || it->is_null()) {
            if (required)
                throw InputError(path_.string(),
                                 std::string("missing required key \"") + key + "\"");
            return fallback;
        }
        if (!it->is_string())
            throw InputError(path_.string(), std::string("key \"") + key + "\" must be a string");
        return it->get<std::string>();
    }
    std::string date(const char* key, bool required) const {
        std::string v = str(key, required);
        if (!v.empty() && !is_iso_date(v))
            throw InputError(path_.string(), std::string("key \"") + key +
                                                 "\" must be a date YYYY-MM-DD, got \"" + v + "\"");
        return v;
    }
    int integer(const char* key, int fallback) const {
        auto it = j_.find(key);
        if (it == j_.end() || it->is_null()) return fallback;
        if (!it->is_number_integer() || it->get<long long>() < 0 || it->get<long long>() > 100000)
            throw InputError(path_.string(), std::string("key \"") + key +
                                                 "\" must be a small non-negative integer");
        return it->get<int>();
    }
    std::vector<std::string> strings(const char* key) const {
        std::vector<std::string> out;
        auto it = j_.find(key);
        if (it == j_.end() || it->is_null()) return out;
        if (!it->is_array())
            throw InputError(path_.string(),
                             std::string("key \"") + key + "\" must be a list of strings");
        for (const auto& v : *it) {
            if (!v.is_string())
                throw InputError(path_.string(),
                                 std::string("key \"") + key + "\" must be a list of strings");
            out.push_back(v.get<std::string>());
        }
        return out;
    }
    std::vector<Reader> objects(const char* key) const {
        std::vector<Reader> out;
        auto it = j_.find(key);
        if (it == j_.end() || it->is_null()) return out;
        if (!it->is_array())
            throw InputError(path_.string(), std::string("key \"") + key + "\" must be a list");
        for (std::size_t i = 0; i < it->size(); ++i) {
            if (!(*it)[i].is_object())
                throw InputError(path_.string(), std::string("key \"") + key + "[" +
                                                     std::to_string(i) + "]\" must be an object");
            out.emplace_back((*it)[i],
                             path_.string() + " (" + key + "[" + std::to_string(i) + "])");
        }
        return out;
    }
    Reader object(const char* key) const {
        auto it = j_.find(key);
        if (it == j_.end() || it->is_null()) return Reader(empty(), path_);
        if (!it->is_object())
            throw InputError(path_.string(), std::string("key \"") + key + "\" must be an object");
        return Reader(*it, path_.string() + " (" + key + ")");
    }

  private:
    static const nlohmann::json& empty() {
        static const nlohmann::json e = nlohmann::json::object();
        return e;
    }
    const nlohmann::json& j_;
    std::filesystem::path path_;
};

}  // namespace

std::string fill_pattern(std::string pattern, const std::string& key, const std::string& value) {
    const std::string token = "{" + key + "}";
    std::size_t pos = 0;
    while ((pos = pattern.find(token, pos)) != std::string::npos) {
        pattern.replace(pos, token.size(), value);
        pos += value.size();
    }
    return pattern;
}

SiteConfig SiteConfig::load(const std::filesystem::path& path) {
    nlohmann::json j = read_json_file(path);
    if (!j.is_object()) throw InputError(path.string(), "must be a JSON object");
    Reader r(j, path);
    SiteConfig c;
    Reader province = r.object("province");
    c.province_code = province.str("code", true);
    c.province_name = province.str("name", true);
    c.authority = province.str("authority", true);
    c.province_contact = province.str("contact", false);
    c.base_url = r.str("base_url", true);
    if (c.base_url.empty() || c.base_url.back() != '/') c.base_url += '/';
    if (c.base_url.rfind("http://", 0) != 0 && c.base_url.rfind("https://", 0) != 0)
        throw InputError(path.string(), "key \"base_url\" must start with http:// or https://");
    c.unit_url = r.str("unit_url", false, "{base_url}{slug}/");
    if (c.unit_url.find("{slug}") == std::string::npos)
        throw InputError(path.string(), "key \"unit_url\" must contain {slug}");
    c.language = r.str("language", false, "vi");
    c.build_date = r.date("build_date", false);

    Reader reorg = r.object("reorganisation");
    c.resolution = reorg.str("resolution", true);
    c.resolution_date = reorg.date("date", true);
    c.resolution_title = reorg.str("title", false);
    c.effective_date = reorg.date("effective", true);

    Reader portal = r.object("portal");
    c.portal_name = portal.str("name", true);
    c.portal_url = portal.str("url", true);
    c.procedure_url = portal.str("procedure_url", true);
    if (c.procedure_url.find("{code}") == std::string::npos)
        throw InputError(path.string(), "key \"portal.procedure_url\" must contain {code}");
    c.petition_url = portal.str("petition_url", false);

    Reader names = r.object("names");
    c.office_name = names.str("office", false, "Văn phòng HĐND và UBND {unit}");
    c.centre_name = names.str("service_centre", false, "Trung tâm Phục vụ hành chính công {unit}");

    Reader procedures = r.object("procedures");
    c.stale_days_full = procedures.integer("stale_days_full", 90);
    c.stale_days_catalog = procedures.integer("stale_days_catalog", 365);
    Reader bf = procedures.object("boundary_free");
    c.boundary_free.all_from = bf.date("all_from", false);
    c.boundary_free.source = bf.str("source", false);
    Reader org = r.object("organisation");
    c.departments_commune = org.strings("commune");
    c.departments_ward = org.strings("ward");
    c.organisation_source = org.str("source", false);
    c.functions_text = org.str("functions", false);

    Reader disclosure = r.object("disclosure");
    c.disclosure_form = disclosure.str("form", false);
    c.disclosure_deadline = disclosure.str("deadline", false);
    for (const auto& item : disclosure.objects("items")) {
        SiteConfig::DisclosureItem d{item.str("title", true), item.str("basis", false),
                                     item.str("section", false)};
        static const char* const kSections[] = {"",        "van-ban", "thu-tuc",       "gioi-thieu",
                                                "tin-tuc", "lien-he", "lich-cong-tac", "cong-khai"};
        bool known = false;
        for (const char* k : kSections)
            known = known || d.section == k;
        if (!known)
            throw InputError(path.string(), "disclosure item \"" + d.title +
                                                "\": unknown section \"" + d.section + "\"");
        c.disclosure.push_back(std::move(d));
    }
    c.online_fee_note = procedures.str("online_fee_note", false);
    return c;
}

std::string SiteConfig::unit_base_url(const std::string& slug) const {
    return fill_pattern(fill_pattern(unit_url, "base_url", base_url), "slug", slug);
}

std::string SiteConfig::procedure_portal_url(const std::string& code) const {
    return fill_pattern(procedure_url, "code", code);
}

}  // namespace xasite::content
