// extract(): text → Metadata, in four passes over the prepared lines: header, end of body and
// closing block, body. Pure; never throws.
#include <cstdio>

#include "generator/directives/internal.hpp"

namespace xasite::directives {

std::string PartialDate::iso() const {
    if (year <= 0 || year > 9999) return "";
    char buf[16];
    if (month <= 0 || month > 12)
        std::snprintf(buf, sizeof buf, "%04d", year);
    else if (day <= 0 || day > 31)
        std::snprintf(buf, sizeof buf, "%04d-%02d", year, month);
    else
        std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
    return buf;
}

bool must_not_publish(const Metadata& m) {
    return !m.secrecy.empty();
}

Metadata extract(std::string_view text) {
    Metadata m;
    try {
        detail::Prepared p = detail::prepare(text);
        m.warnings = std::move(p.warnings);
        const std::vector<detail::Line>& lines = p.lines;

        std::string leftover;
        std::size_t body_start = detail::parse_header(lines, m, leftover);
        detail::scan_marks(lines, m);

        detail::BodyEnd end = detail::find_body_end(lines, body_start);
        std::vector<detail::Line> body;
        if (!leftover.empty()) body.push_back(detail::Line{leftover});
        std::size_t stop = end.found_end_mark ? end.line - 1 : end.line;
        for (std::size_t i = body_start; i < stop && i < lines.size(); ++i)
            body.push_back(lines[i]);
        if (end.found_end_mark && !end.tail.empty()) body.push_back(detail::Line{end.tail});

        std::vector<detail::Line> trailing;
        detail::parse_closing(lines, end.line, end.rest, m, trailing);
        detail::parse_body(std::move(body), trailing, m);
        m.procedure_codes = detail::find_procedure_codes(p.nfc);
    } catch (const std::exception& e) {
        m.warnings.push_back(std::string("extraction stopped early: ") + e.what());
    } catch (...) {
        m.warnings.push_back("extraction stopped early");
    }
    return m;
}

}  // namespace xasite::directives
