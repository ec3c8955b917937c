// `xasite directive inspect [--json] FILE…`: the metadata read from each document, for staff
// checking what the site will publish. Secret documents are shown (inspect is for staff) with a
// line saying they will never be published.
#include <ostream>

#include "core/error.hpp"
#include "generator/directives/directive.hpp"

namespace xasite::directives {

namespace {

void field(std::ostream& out, const char* label, const std::string& value) {
    out << "  " << label;
    for (std::size_t n = std::string_view(label).size(); n < 14; ++n)
        out << ' ';
    out << (value.empty() ? "—" : value) << '\n';
}

void list(std::ostream& out, const char* label, const std::vector<std::string>& items) {
    if (items.empty()) {
        field(out, label, "");
        return;
    }
    bool first = true;
    for (const auto& it : items) {
        field(out, first ? label : "", "- " + it);
        first = false;
    }
}

void human(std::ostream& out, const Metadata& m, const std::string& file) {
    out << file << '\n';
    field(out, "type:",
          m.type.empty() ? "" : m.type + (m.type_abbr.empty() ? "" : " (" + m.type_abbr + ")"));
    std::string number =
        !m.number
            ? std::string("(blank: unsigned copy)")
            : *m.number + (m.number_raw != *m.number ? " (written " + m.number_raw + ")" : "");
    field(out, "number:", number);
    field(out, "symbol:", m.symbol);
    std::string date = m.date.iso();
    if (!date.empty() && m.date.day == 0)
        date += m.date.month == 0 ? " (month and day blank)" : " (day blank)";
    field(out, "date:", date);
    field(out, "place:", m.place);
    field(out, "issuer:", m.issuer);
    if (!m.issuer_parent.empty()) field(out, "parent:", m.issuer_parent);
    field(out, "subject:", m.subject);
    list(out, "recipients:", m.recipients);
    std::string signer;
    for (const auto& a : m.signer.authority_lines)
        signer += a + " / ";
    if (!m.signer.position.empty()) signer += m.signer.position + " / ";
    signer += m.signer.name.empty() ? "(no name)" : m.signer.name;
    field(out, "signer:", signer);
    list(out, "distribution:", m.distribution);
    field(out, "draft:", m.draft ? "yes (DỰ THẢO)" : "no");
    if (!m.urgency.empty()) field(out, "urgency:", m.urgency);
    if (must_not_publish(m))
        field(out, "secrecy:", m.secrecy + " — a secret document: it will never be published");
    std::size_t h = 0, p = 0, b = 0;
    for (const auto& blk : m.body)
        (blk.kind == Block::Kind::heading ? h : blk.kind == Block::Kind::bullet ? b : p)++;
    field(out, "body:",
          std::to_string(m.body.size()) + " blocks (" + std::to_string(h) + " headings, " +
              std::to_string(p) + " paragraphs, " + std::to_string(b) + " list items), " +
              std::to_string(m.footnotes.size()) + " footnotes");
    if (!m.procedure_codes.empty()) list(out, "procedures:", m.procedure_codes);
    if (!m.warnings.empty()) list(out, "warnings:", m.warnings);
}

}  // namespace

int run_inspect(const std::vector<std::filesystem::path>& files, bool json, std::ostream& out,
                std::ostream& err) {
    int status = 0;
    bool first = true;
    for (const auto& f : files) {
        try {
            Document doc = read_document(f);
            if (json) {
                out << to_json(doc.meta, f.string()).dump(2) << '\n';
            } else {
                if (!first) out << '\n';
                human(out, doc.meta, f.string());
            }
            first = false;
        } catch (const InputError& e) {
            err << e.what() << '\n';
            status = 1;
        } catch (const std::exception& e) {
            err << f.string() << ": " << e.what() << '\n';
            status = 1;
        }
    }
    return status;
}

}  // namespace xasite::directives
