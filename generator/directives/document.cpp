// read_document(): a document file as the site publishes it (.txt, .md with front matter, .pdf).
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>

#include "core/ascii.hpp"
#include "core/error.hpp"
#include "core/files.hpp"
#include "core/front_matter.hpp"
#include "core/text.hpp"
#include "generator/directives/internal.hpp"

namespace xasite::directives {

namespace {

namespace fs = std::filesystem;

std::string scalar(const YAML::Node& n, const std::string& key, const fs::path& source) {
    if (n.IsNull()) return "";
    if (!n.IsScalar())
        throw InputError(location(source, static_cast<std::size_t>(n.Mark().line) + 2),
                         "front matter key '" + key + "' must be a single value");
    return detail::collapse_spaces(text::nfc(n.Scalar()));
}

std::vector<std::string> string_list(const YAML::Node& n, const std::string& key,
                                     const fs::path& source) {
    std::vector<std::string> out;
    if (n.IsNull()) return out;
    if (n.IsScalar()) {
        std::string s = scalar(n, key, source);
        if (!s.empty()) out.push_back(s);
        return out;
    }
    if (!n.IsSequence())
        throw InputError(location(source, static_cast<std::size_t>(n.Mark().line) + 2),
                         "front matter key '" + key + "' must be a list");
    for (const auto& item : n) {
        std::string s = scalar(item, key, source);
        if (!s.empty()) out.push_back(s);
    }
    return out;
}

PartialDate parse_date(const std::string& s, const std::string& where) {
    auto digits = [&](std::size_t b, std::size_t n) {
        if (b + n > s.size()) return -1;
        int v = 0;
        for (std::size_t k = b; k < b + n; ++k) {
            if (s[k] < '0' || s[k] > '9') return -1;
            v = v * 10 + (s[k] - '0');
        }
        return v;
    };
    PartialDate d;
    bool ok = false;
    if (s.size() == 4) {
        d.year = digits(0, 4);
        ok = d.year > 0;
    } else if (s.size() == 7 && s[4] == '-') {
        d.year = digits(0, 4);
        d.month = digits(5, 2);
        ok = d.year > 0 && d.month >= 1 && d.month <= 12;
    } else if (s.size() == 10 && s[4] == '-' && s[7] == '-') {
        d.year = digits(0, 4);
        d.month = digits(5, 2);
        d.day = digits(8, 2);
        ok = d.year > 0 && d.month >= 1 && d.month <= 12 && d.day >= 1;
    }
    PartialDate checked = d;
    if (ok && detail::validate_date(checked).empty() && checked.iso() == d.iso()) return d;
    throw InputError(where,
                     "date must be YYYY-MM-DD, YYYY-MM or YYYY (a real date); got '" + s + "'");
}

void apply_front_matter(const std::string& yaml, const fs::path& source, Document& doc) {
    YAML::Node root;
    try {
        root = YAML::Load(yaml);
    } catch (const YAML::Exception& e) {
        throw InputError(
            location(source, static_cast<std::size_t>(e.mark.line < 0 ? 0 : e.mark.line) + 2),
            "front matter is not valid YAML: " + e.msg);
    }
    if (!root.IsDefined() || root.IsNull()) return;  // "---\n---": empty front matter
    if (!root.IsMap())
        throw InputError(location(source, 2), "front matter must be a YAML mapping (key: value)");
    static const std::vector<std::string> known = {
        "type",    "number",     "symbol", "date",         "place", "issuer", "issuer_parent",
        "subject", "recipients", "signer", "distribution", "draft", "units",  "slug"};
    Metadata& m = doc.meta;
    for (const auto& kv : root) {
        std::size_t line = static_cast<std::size_t>(kv.first.Mark().line) + 2;
        std::string where = location(source, line);
        if (!kv.first.IsScalar())
            throw InputError(where, "front matter keys must be plain words (type, number, …)");
        std::string key = kv.first.Scalar();
        const YAML::Node& v = kv.second;
        if (std::find(known.begin(), known.end(), key) == known.end())
            throw InputError(
                where,
                "unknown front matter key '" + key +
                    "' (known: type, number, symbol, date, "
                    "place, issuer, issuer_parent, subject, recipients, signer, distribution, "
                    "draft, units, slug)");
        try {
            if (key == "type") {
                std::string t = scalar(v, key, source);
                const detail::TypeInfo* ti = detail::type_by_name(t);
                if (!ti)
                    throw InputError(where, "unknown document type '" + t +
                                                "' (NĐ 30/2020 Điều 7: Công văn, "
                                                "Kế hoạch, Quyết định, Thông báo, …)");
                m.type = ti->name;
                m.type_abbr = ti->abbr;
            } else if (key == "number") {
                std::string n = scalar(v, key, source);
                if (!n.empty() &&
                    !std::all_of(n.begin(), n.end(), [](char c) { return c >= '0' && c <= '9'; }))
                    throw InputError(
                        where,
                        "number must be digits (or empty for an unsigned copy); got '" + n + "'");
                m.number_raw = n;
                if (n.empty()) {
                    m.number.reset();
                } else {
                    std::size_t z = n.find_first_not_of('0');
                    m.number = z == std::string::npos ? std::string("0") : n.substr(z);
                }
            } else if (key == "symbol") {
                m.symbol = scalar(v, key, source);
            } else if (key == "date") {
                std::string d = scalar(v, key, source);
                m.date = d.empty() ? PartialDate{} : parse_date(d, where);
            } else if (key == "place") {
                m.place = scalar(v, key, source);
            } else if (key == "issuer") {
                m.issuer = scalar(v, key, source);
            } else if (key == "issuer_parent") {
                m.issuer_parent = scalar(v, key, source);
            } else if (key == "subject") {
                m.subject = scalar(v, key, source);
            } else if (key == "recipients") {
                m.recipients = string_list(v, key, source);
            } else if (key == "distribution") {
                m.distribution = string_list(v, key, source);
            } else if (key == "signer") {
                if (!v.IsMap())
                    throw InputError(where,
                                     "signer must be a mapping with name, position, authority");
                for (const auto& s : v) {
                    std::string sk = s.first.IsScalar() ? s.first.Scalar() : "";
                    std::string swhere =
                        location(source, static_cast<std::size_t>(s.first.Mark().line) + 2);
                    std::string val = scalar(s.second, "signer." + sk, source);
                    if (sk == "name") {
                        m.signer.name = val;
                    } else if (sk == "position") {
                        m.signer.position = val;
                    } else if (sk == "authority") {
                        if (!val.empty() && val.back() != '.') val += ".";
                        if (!val.empty() && val != "KT." && val != "TM." && val != "TL." &&
                            val != "TUQ." && val != "Q.")
                            throw InputError(
                                swhere,
                                "signer.authority must be KT., TM., TL., TUQ., Q. or empty; got '" +
                                    val + "'");
                        if (val != m.signer.authority) m.signer.authority_lines.clear();
                        m.signer.authority = val;
                    } else {
                        throw InputError(swhere, "unknown signer key '" + sk +
                                                     "' (known: name, position, authority)");
                    }
                }
            } else if (key == "draft") {
                m.draft = v.as<bool>();
            } else if (key == "units") {
                doc.units = string_list(v, key, source);
                for (const auto& u : doc.units)
                    if (u == "all" && doc.units.size() > 1)
                        throw InputError(
                            where, "units is either \"all\" or a list of unit codes, not both");
            } else if (key == "slug") {
                std::string raw = scalar(v, key, source);
                doc.slug = text::slug(raw);
                if (doc.slug.empty())
                    throw InputError(where, "slug '" + raw + "' has no letters or digits");
            }
        } catch (const YAML::BadConversion&) {
            throw InputError(where, "front matter key '" + key + "' has the wrong type");
        } catch (const YAML::Exception& e) {
            throw InputError(where, "front matter key '" + key + "': " + e.msg);
        }
    }
}

std::string lower_ext(const fs::path& p) {
    std::string ext = p.extension().string();
    ascii::lower_in_place(ext);
    return ext;
}

}  // namespace

Document read_document(const fs::path& path) {
    Document doc;
    doc.source = path;
    std::string ext = lower_ext(path);
    if (ext == ".txt") {
        doc.text = read_text_file(path);
        doc.meta = extract(doc.text);
    } else if (ext == ".pdf") {
        try {
            doc.text = text::nfc(pdf_text(path));
            doc.meta = extract(doc.text);
        } catch (const NoTextLayer&) {
            // A scan: published with its PDF; nothing is read from it, so nothing is guessed.
            doc.image_only = true;
            doc.meta.warnings.push_back(
                "has no text layer (a scanned image): published as an image-only document "
                "(\"văn bản dạng ảnh\") with its PDF; give its text as a .txt or .md file to make "
                "its number, date, subject and body readable and searchable");
        }
    } else if (ext == ".md") {
        std::string raw = read_file(path);
        require_utf8(raw, path);
        std::string_view v(raw);
        if (v.substr(0, 3) == "\xEF\xBB\xBF") v.remove_prefix(3);
        std::optional<FrontMatter> fm = split_front_matter(v, path);
        doc.text = text::nfc(fm ? fm->body : v);
        doc.meta = extract(doc.text);
        if (fm) apply_front_matter(std::string(fm->yaml), path, doc);
    } else {
        throw InputError(path.string(), "unknown document type '" +
                                            (ext.empty() ? std::string("(no extension)") : ext) +
                                            "': a document is a .txt, .md or .pdf file");
    }
    return doc;
}

}  // namespace xasite::directives
