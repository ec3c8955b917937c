// to_json(): the `xasite directive inspect --json` shape (DESIGN §3) plus the extra keys documented
// in docs/DIRECTIVES.md. Values that were not found are null, lists are always present.
#include "generator/directives/directive.hpp"

namespace xasite::directives {

namespace {

nlohmann::json str_or_null(const std::string& s) {
    return s.empty() ? nlohmann::json(nullptr) : nlohmann::json(s);
}

}  // namespace

nlohmann::json to_json(const Metadata& m, const std::string& file) {
    using nlohmann::json;
    std::string date = m.date.iso();
    json footnotes = json::array();
    for (const auto& f : m.footnotes)
        footnotes.push_back({{"label", f.label}, {"text", f.text}});
    std::size_t headings = 0, paragraphs = 0, bullets = 0;
    for (const auto& b : m.body) {
        if (b.kind == Block::Kind::heading)
            ++headings;
        else if (b.kind == Block::Kind::bullet)
            ++bullets;
        else
            ++paragraphs;
    }
    return json{
        {"file", file},
        {"type", str_or_null(m.type)},
        {"number", m.number ? json(*m.number) : json(nullptr)},
        {"symbol", str_or_null(m.symbol)},
        {"date", str_or_null(date)},
        {"place", str_or_null(m.place)},
        {"issuer", str_or_null(m.issuer)},
        {"subject", str_or_null(m.subject)},
        {"recipients", m.recipients},
        {"signer",
         {{"name", str_or_null(m.signer.name)},
          {"position", str_or_null(m.signer.position)},
          {"authority", str_or_null(m.signer.authority)},
          {"authority_lines", m.signer.authority_lines}}},
        {"distribution", m.distribution},
        {"draft", m.draft},
        // extra keys
        {"type_abbr", str_or_null(m.type_abbr)},
        {"number_raw", str_or_null(m.number_raw)},
        {"issuer_parent", str_or_null(m.issuer_parent)},
        {"secrecy", str_or_null(m.secrecy)},
        {"urgency", str_or_null(m.urgency)},
        {"publishable", !must_not_publish(m)},
        {"body",
         {{"blocks", m.body.size()},
          {"headings", headings},
          {"paragraphs", paragraphs},
          {"bullets", bullets}}},
        {"footnotes", footnotes},
        {"procedure_codes", m.procedure_codes},
        {"warnings", m.warnings},
    };
}

}  // namespace xasite::directives
