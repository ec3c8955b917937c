#include "generator/content/site_config.hpp"

#include "core/error.hpp"
#include "core/files.hpp"
#include "core/json_fields.hpp"

namespace xasite::content {

namespace {

// site.json's fields: every error names site.json and the dotted field ("province.code").
class Reader {
  public:
    explicit Reader(JsonFields f) : f_(std::move(f)) {}

    std::string str(const char* key, bool required, const std::string& fallback = "") {
        return required ? f_.required_string(key) : f_.string_or(key, fallback);
    }
    std::string date(const char* key, bool required) {
        return required ? f_.required_date(key) : f_.optional_date(key);
    }
    int integer(const char* key, int fallback) {
        return static_cast<int>(f_.optional_int(key, 0, 100000).value_or(fallback));
    }
    std::vector<std::string> strings(const char* key) { return f_.strings(key); }
    std::vector<Reader> objects(const char* key) {
        std::vector<Reader> out;
        for (auto& o : f_.objects(key))
            out.emplace_back(std::move(o));
        return out;
    }
    Reader object(const char* key) { return Reader(f_.object(key)); }
    [[noreturn]] void fail(const char* key, const std::string& what) const { f_.fail(key, what); }

  private:
    JsonFields f_;
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
    Reader r(JsonFields(j, path.string()));
    SiteConfig c;
    Reader province = r.object("province");
    c.province_code = province.str("code", true);
    c.province_name = province.str("name", true);
    c.authority = province.str("authority", true);
    c.province_contact = province.str("contact", false);
    c.base_url = r.str("base_url", true);
    if (c.base_url.empty() || c.base_url.back() != '/') c.base_url += '/';
    if (c.base_url.rfind("http://", 0) != 0 && c.base_url.rfind("https://", 0) != 0)
        r.fail("base_url", "must start with http:// or https://");
    c.unit_url = r.str("unit_url", false, "{base_url}{slug}/");
    if (c.unit_url.find("{slug}") == std::string::npos) r.fail("unit_url", "must contain {slug}");
    c.language = r.str("language", false, "vi");
    c.registry = r.str("registry", false, "units/daklak-units.json");
    {
        std::filesystem::path reg(c.registry);
        bool outside = reg.is_absolute();
        for (const auto& part : reg)
            outside = outside || part == "..";
        if (outside || c.registry.empty())
            r.fail("registry", "must be a path inside the content tree (\"units/<file>.json\")");
    }
    c.source = path;
    c.build_date = r.date("build_date", false);

    Reader reorg = r.object("reorganisation");
    c.resolution = reorg.str("resolution", true);
    c.resolution_date = reorg.date("date", true);
    c.resolution_title = reorg.str("title", false);
    c.effective_date = reorg.date("effective", true);
    for (auto& a : reorg.objects("acts")) {
        LegalAct act;
        act.role = a.str("role", true);
        if (act.role != "province_merge" && act.role != "district_end")
            a.fail("role",
                   "must be \"province_merge\" or \"district_end\", got \"" + act.role + "\"");
        act.number = a.str("number", true);
        act.issuer = a.str("issuer", true);
        act.date = a.date("date", true);
        act.effective = a.date("effective", false);
        act.title = a.str("title", true);
        act.statement = a.str("statement", true);
        Reader checked = a.object("checked_in");
        act.checked_document = checked.str("document", false);
        act.checked_quote = checked.str("quote", !act.checked_document.empty());
        c.reform_acts.push_back(std::move(act));
    }

    Reader portal = r.object("portal");
    c.portal_name = portal.str("name", true);
    c.portal_url = portal.str("url", true);
    c.procedure_url = portal.str("procedure_url", true);
    if (c.procedure_url.find("{code}") == std::string::npos)
        portal.fail("procedure_url", "must contain {code}");
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
    // Each item's section is checked against the commune sites' sections by the site build.
    for (auto& item : disclosure.objects("items"))
        c.disclosure.push_back(SiteConfig::DisclosureItem{
            item.str("title", true), item.str("basis", false), item.str("section", false)});
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
