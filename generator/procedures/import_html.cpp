// Hand-made HTML procedure pages (phamhungVpdklk/TTHC-2228: a person's summaries of land and
// secured-transaction procedures, Tailwind markup), parsed with gumbo.
//
// The pages have no fixed markup, so the parser works on headings: each heading owns the
// content that follows it up to the next heading of the same or higher rank (when a heading sits
// alone in a wrapper <div> next to an icon, the content after the wrapper). Headings are
// recognised by their folded text:
//   h1                              → name;  "(Mã TTHC: 1.012818)" → code
//   "Thời gian giải quyết"          → the time text of every channel
//   "Nơi nộp hồ sơ"                 → receiving_address (and the channels when no fee table)
//   "Yêu cầu & Điều kiện …"         → requirements (one per paragraph)
//   "Quy trình …"                   → steps (each <h4> is a step title, its text follows)
//   "Hồ sơ cần chuẩn bị"            → dossier (<h3> sub-headings start cases, <li> are items)
//   "Chi tiết chi phí / phí và lệ phí" → fee text per channel: headings "Nộp Trực Tiếp / Bưu
//                                      Chính", "Nộp Trực Tuyến" start channel blocks; enclosing
//                                      headings ("Đối tượng: Tổ chức", "I. Phí thẩm định") are
//                                      kept as context lines; notes outside the blocks are added
//                                      to every channel
//   "Phí & Lệ phí" (summary card)   → fee text of every channel when there is no fee section
//   "Đối tượng thực hiện"           → subjects;  "Cơ quan giải quyết" → agencies
//   "Căn cứ pháp lý"                → legal_basis;  footer "Quyết định số …" → decision
#include <gumbo.h>

#include <algorithm>
#include <filesystem>
#include <memory>
#include <set>
#include <utility>

#include "core/error.hpp"
#include "core/html_parse.hpp"
#include "core/text.hpp"
#include "generator/procedures/import_formats.hpp"

namespace xasite::procedures::importers {

namespace {

// ---- gumbo plumbing -------------------------------------------------------------------------

using html::child_at;
using html::children_of;
using html::is_element;
using html::tag_of;
using HtmlDocument = html::Document;

using NodeList = std::vector<const GumboNode*>;
using NodeSet = std::set<const GumboNode*>;

int heading_rank(const GumboNode* n) {
    switch (tag_of(n)) {
        case GUMBO_TAG_H1:
            return 1;
        case GUMBO_TAG_H2:
            return 2;
        case GUMBO_TAG_H3:
            return 3;
        case GUMBO_TAG_H4:
            return 4;
        case GUMBO_TAG_H5:
            return 5;
        case GUMBO_TAG_H6:
            return 6;
        default:
            return 0;
    }
}

// Content that never holds procedure text.
bool is_ignored(const GumboNode* n) {
    if (n->type == GUMBO_NODE_COMMENT) return true;
    switch (tag_of(n)) {
        case GUMBO_TAG_SCRIPT:
        case GUMBO_TAG_STYLE:
        case GUMBO_TAG_SVG:
        case GUMBO_TAG_NOSCRIPT:
        case GUMBO_TAG_TEMPLATE:
        case GUMBO_TAG_HEAD:
            return true;
        default:
            return false;
    }
}

bool is_block(GumboTag tag) {
    switch (tag) {
        case GUMBO_TAG_P:
        case GUMBO_TAG_DIV:
        case GUMBO_TAG_LI:
        case GUMBO_TAG_UL:
        case GUMBO_TAG_OL:
        case GUMBO_TAG_DL:
        case GUMBO_TAG_DT:
        case GUMBO_TAG_DD:
        case GUMBO_TAG_H1:
        case GUMBO_TAG_H2:
        case GUMBO_TAG_H3:
        case GUMBO_TAG_H4:
        case GUMBO_TAG_H5:
        case GUMBO_TAG_H6:
        case GUMBO_TAG_SECTION:
        case GUMBO_TAG_ARTICLE:
        case GUMBO_TAG_HEADER:
        case GUMBO_TAG_FOOTER:
        case GUMBO_TAG_MAIN:
        case GUMBO_TAG_NAV:
        case GUMBO_TAG_ASIDE:
        case GUMBO_TAG_TABLE:
        case GUMBO_TAG_TR:
        case GUMBO_TAG_TD:
        case GUMBO_TAG_TH:
        case GUMBO_TAG_BLOCKQUOTE:
        case GUMBO_TAG_PRE:
        case GUMBO_TAG_BR:
        case GUMBO_TAG_HR:
        case GUMBO_TAG_DETAILS:
        case GUMBO_TAG_SUMMARY:
        case GUMBO_TAG_BODY:
            return true;
        default:
            return false;
    }
}

// Visits the nodes and their descendants in document order (iteratively: input nesting depth
// does not grow the C++ stack). visit(node) returns false to skip the node's children.
template <typename Visit>
void walk(const NodeList& roots, Visit&& visit) {
    std::vector<const GumboNode*> stack(roots.rbegin(), roots.rend());
    while (!stack.empty()) {
        const GumboNode* n = stack.back();
        stack.pop_back();
        if (is_ignored(n)) continue;
        if (!visit(n)) continue;
        if (const GumboVector* kids = children_of(n))
            for (std::size_t i = kids->length; i-- > 0;)
                stack.push_back(child_at(*kids, i));
    }
}

// Text of the nodes as lines: block elements break lines, whitespace runs collapse, empty lines
// are dropped. Nodes in `excluded` (and their descendants) are left out.
std::vector<std::string> lines_of(const NodeList& roots, const NodeSet* excluded = nullptr) {
    std::vector<std::string> lines;
    std::string current;
    auto flush = [&] {
        std::string line = clean_collapsed(current);
        if (!line.empty()) lines.push_back(std::move(line));
        current.clear();
    };
    // (node, leaving) pairs so that a block element can end its line after its children.
    std::vector<std::pair<const GumboNode*, bool>> stack;
    for (auto it = roots.rbegin(); it != roots.rend(); ++it)
        stack.emplace_back(*it, false);
    while (!stack.empty()) {
        auto [n, leaving] = stack.back();
        stack.pop_back();
        if (leaving) {
            flush();
            continue;
        }
        if (is_ignored(n) || (excluded && excluded->count(n))) continue;
        if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_WHITESPACE ||
            n->type == GUMBO_NODE_CDATA) {
            current += n->v.text.text;
            continue;
        }
        if (is_element(n) && is_block(tag_of(n))) {
            flush();
            stack.emplace_back(n, true);
        }
        if (const GumboVector* kids = children_of(n))
            for (std::size_t i = kids->length; i-- > 0;)
                stack.emplace_back(child_at(*kids, i), false);
    }
    flush();
    return lines;
}

std::string inline_text(const GumboNode* n) {
    std::string joined;
    for (const auto& line : lines_of({n})) {
        if (!joined.empty()) joined += ' ';
        joined += line;
    }
    return joined;
}

std::string join(const std::vector<std::string>& lines, const char* separator) {
    std::string out;
    for (const auto& l : lines) {
        if (!out.empty()) out += separator;
        out += l;
    }
    return out;
}

// True when the node has text or an element after it among its siblings.
bool has_content_after(const GumboNode* n) {
    const GumboVector* siblings = children_of(n->parent);
    if (!siblings) return false;
    for (std::size_t i = n->index_within_parent + 1; i < siblings->length; ++i) {
        const GumboNode* s = child_at(*siblings, i);
        if (is_ignored(s) || s->type == GUMBO_NODE_WHITESPACE) continue;
        return true;
    }
    return false;
}

bool is_region_boundary(const GumboNode* n) {
    switch (tag_of(n)) {
        case GUMBO_TAG_SECTION:
        case GUMBO_TAG_MAIN:
        case GUMBO_TAG_BODY:
        case GUMBO_TAG_HTML:
        case GUMBO_TAG_ARTICLE:
        case GUMBO_TAG_HEADER:
        case GUMBO_TAG_FOOTER:
            return true;
        default:
            return !is_element(n);
    }
}

// The nodes a heading owns (see the file comment).
NodeList heading_scope(const GumboNode* heading) {
    int rank = heading_rank(heading);
    const GumboNode* anchor = heading;
    for (int climb = 0; climb < 4 && !has_content_after(anchor); ++climb) {
        if (!anchor->parent || is_region_boundary(anchor->parent)) break;
        anchor = anchor->parent;
    }
    NodeList scope;
    const GumboVector* siblings = children_of(anchor->parent);
    if (!siblings) return scope;
    for (std::size_t i = anchor->index_within_parent + 1; i < siblings->length; ++i) {
        const GumboNode* s = child_at(*siblings, i);
        int r = heading_rank(s);
        if (r > 0 && rank > 0 && r <= rank) break;
        scope.push_back(s);
    }
    return scope;
}

NodeList headings_in(const NodeList& roots, int min_rank = 1, int max_rank = 6) {
    NodeList out;
    walk(roots, [&](const GumboNode* n) {
        int r = heading_rank(n);
        if (r >= min_rank && r <= max_rank) out.push_back(n);
        return true;
    });
    return out;
}

NodeList elements_in(const NodeList& roots, GumboTag tag) {
    NodeList out;
    walk(roots, [&](const GumboNode* n) {
        if (tag_of(n) == tag) {
            out.push_back(n);
            return false;
        }
        return true;
    });
    return out;
}

// Folded heading text without leading emoji or punctuation.
std::string heading_key(const GumboNode* heading) {
    std::string f = text::fold(inline_text(heading));
    std::size_t start = 0;
    while (start < f.size() &&
           !((f[start] >= 'a' && f[start] <= 'z') || (f[start] >= '0' && f[start] <= '9')))
        ++start;
    return f.substr(start);
}

bool contains(const std::string& haystack, std::string_view needle) {
    return haystack.find(needle) != std::string::npos;
}

// "Nộp Trực Tiếp / Bưu Chính", "Nộp Trực Tuyến (Khuyến khích)" → channel headings.
bool is_channel_heading(const GumboNode* n) {
    if (heading_rank(n) == 0) return false;
    std::string key = heading_key(n);
    return key.rfind("nop ", 0) == 0 && !channels_named_in(key).empty();
}

// The text in the last "(…)" of a heading: "Nộp Trực Tuyến (Khuyến khích)" → "Khuyến khích".
std::string parenthetical(const std::string& s) {
    auto close = s.rfind(')');
    auto open = s.rfind('(', close);
    if (close == std::string::npos || open == std::string::npos || close != s.size() - 1) return {};
    return clean(s.substr(open + 1, close - open - 1));
}

// ---- sections -------------------------------------------------------------------------------

struct FeeBlock {
    std::vector<Channel> channels;
    std::vector<std::string> lines;  // context lines then body lines
    std::string qualifier;           // "(Khuyến khích)" of the heading
};

struct FeeSection {
    std::vector<FeeBlock> blocks;
    std::vector<std::string> general;  // text outside the channel blocks
};

FeeSection read_fee_section(const GumboNode* section_heading) {
    FeeSection fees;
    NodeList scope = heading_scope(section_heading);
    std::string outer_context = parenthetical(inline_text(section_heading));
    if (scope.empty()) return fees;
    const GumboNode* scope_parent = scope.front()->parent;
    const std::size_t first_scope_index = scope.front()->index_within_parent;
    NodeSet excluded;
    NodeList channel_headings;
    for (const GumboNode* h : headings_in(scope))
        if (is_channel_heading(h)) channel_headings.push_back(h);
    for (const GumboNode* h : channel_headings) {
        FeeBlock block;
        std::string heading_text = inline_text(h);
        block.channels = channels_named_in(heading_text);
        block.qualifier = parenthetical(heading_text);
        // Context: the nearest non-channel heading before the block at each enclosing level.
        // At the scope's own level only scope nodes count (not the section heading itself).
        std::vector<std::string> context;
        for (const GumboNode* level = h; level && level->parent && level != scope_parent;
             level = level->parent) {
            const GumboVector* siblings = children_of(level->parent);
            if (!siblings) break;
            std::size_t first = level->parent == scope_parent ? first_scope_index : 0;
            for (std::size_t i = level->index_within_parent; i-- > first;) {
                const GumboNode* s = child_at(*siblings, i);
                if (heading_rank(s) > 0 && !is_channel_heading(s)) {
                    context.push_back(inline_text(s));
                    excluded.insert(s);
                    break;
                }
            }
        }
        if (!outer_context.empty()) context.push_back(outer_context);
        std::reverse(context.begin(), context.end());
        NodeList body = heading_scope(h);
        excluded.insert(h);
        excluded.insert(body.begin(), body.end());
        block.lines = context;
        for (auto& line : lines_of(body))
            block.lines.push_back(std::move(line));
        fees.blocks.push_back(std::move(block));
    }
    fees.general = lines_of(scope, &excluded);
    return fees;
}

// "Đơn đăng ký … (01 bản chính)" → originals 1; "(Mẫu số 18)" → a form named "Mẫu số 18".
void read_item_details(DossierItem& item) {
    std::string inside = parenthetical(item.name);
    if (inside.empty()) return;
    std::string folded = text::fold(inside);
    if (folded.rfind("mau so", 0) == 0) {
        item.forms.push_back(Form{inside, ""});
        return;
    }
    // "01 bản chính", "01 bản sao", "01 bản chính và 01 bản sao"
    std::optional<int> originals, copies;
    std::size_t pos = 0;
    while (pos < folded.size()) {
        std::size_t end = folded.find(" va ", pos);
        std::string part =
            folded.substr(pos, end == std::string::npos ? std::string::npos : end - pos);
        pos = end == std::string::npos ? folded.size() : end + 4;
        std::size_t digits = 0;
        while (digits < part.size() && part[digits] >= '0' && part[digits] <= '9')
            ++digits;
        if (digits == 0 || digits > 3) return;
        int n = std::stoi(part.substr(0, digits));
        std::string what = std::string(text::trim(std::string_view(part).substr(digits)));
        if (what == "ban chinh")
            originals = n;
        else if (what == "ban sao")
            copies = n;
        else
            return;
    }
    item.originals = originals;
    item.copies = copies;
}

std::vector<DossierCase> read_dossier(const NodeList& scope) {
    std::vector<DossierCase> cases;
    DossierCase current;
    auto push_current = [&] {
        if (!current.items.empty() || !current.note.empty()) cases.push_back(std::move(current));
        current = DossierCase{};
    };
    walk(scope, [&](const GumboNode* n) {
        if (heading_rank(n) > 0) {
            push_current();
            current.name = inline_text(n);
            return false;
        }
        if (tag_of(n) == GUMBO_TAG_LI) {
            DossierItem item;
            item.name = inline_text(n);
            if (!item.name.empty()) {
                read_item_details(item);
                current.items.push_back(std::move(item));
            }
            return false;
        }
        if (tag_of(n) == GUMBO_TAG_P) {
            std::string note = inline_text(n);
            if (!note.empty()) current.note += (current.note.empty() ? "" : "\n") + note;
            return false;
        }
        return true;
    });
    push_current();
    return cases;
}

std::vector<Step> read_steps(const NodeList& scope) {
    std::vector<Step> steps;
    NodeList titles = headings_in(scope, 3, 6);
    if (!titles.empty()) {
        for (const GumboNode* h : titles)
            steps.push_back(Step{inline_text(h), join(lines_of(heading_scope(h)), "\n"), {}});
        return steps;
    }
    for (const GumboNode* li : elements_in(scope, GUMBO_TAG_LI))
        if (auto t = inline_text(li); !t.empty()) steps.push_back(Step{"", t, {}});
    return steps;
}

// "Cơ quan có thẩm quyền: Không có thông tin." → competent_agency "".
void read_agencies(const NodeList& scope, Procedure& p) {
    for (const auto& line : lines_of(scope)) {
        auto colon = line.find(':');
        if (colon == std::string::npos) continue;
        std::string label = text::fold(line.substr(0, colon));
        std::string value = clean(line.substr(colon + 1));
        if (!value.empty() && value.back() == '.') value.pop_back();
        if (contains(label, "tham quyen"))
            p.competent_agency = value;
        else if (contains(label, "uy quyen"))
            p.authorised_agency = value;
        else if (contains(label, "phoi hop"))
            p.coordinating_agency = value;
        else if (contains(label, "thuc hien"))
            p.executing_agency = value;
    }
}

std::vector<Channel> channels_from_places(const std::vector<std::string>& places) {
    std::vector<Channel> out;
    for (const auto& place : places) {
        std::string f = text::fold(place);
        Channel c = Channel::in_person;
        if (contains(f, "buu chinh"))
            c = Channel::post;
        else if (contains(f, "dich vu cong") || contains(f, "truc tuyen"))
            c = Channel::online;
        if (std::find(out.begin(), out.end(), c) == out.end()) out.push_back(c);
    }
    std::sort(out.begin(), out.end());
    return out;
}

// "Lĩnh vực Đất đai" / "Lĩnh vực: Đất đai" in any line → "Đất đai".
std::string field_stated_in(const std::vector<std::string>& lines) {
    for (const auto& line : lines) {
        if (line.size() > 120 || text::fold(line).rfind("linh vuc", 0) != 0) continue;
        // Skip "Lĩnh vực" (7 letters, some of them multi-byte) by walking code points.
        std::size_t i = 0;
        int letters = 0;
        while (i < line.size() && letters < 7) {
            char32_t cp = text::decode_utf8(line, i);
            if (cp != U' ') ++letters;
        }
        std::string rest = clean(std::string_view(line).substr(i));
        if (!rest.empty() && rest.front() == ':') rest = clean(rest.substr(1));
        if (!rest.empty()) return rest;
    }
    return {};
}

}  // namespace

std::string parse_html_index_field(std::string_view html) {
    HtmlDocument doc = html::parse(html);
    return field_stated_in(lines_of({doc->root}));
}

std::optional<Procedure> parse_html_page(std::string_view html, const Origin& origin,
                                         Warnings& warnings) {
    HtmlDocument doc = html::parse(html);
    const NodeList root{doc->root};
    Procedure p;

    NodeList h1 = headings_in(root, 1, 1);
    if (!h1.empty()) p.name = inline_text(h1.front());
    if (p.name.empty()) {
        warnings.push_back(origin.display + ": no <h1> procedure title; page skipped");
        return std::nullopt;
    }
    std::vector<std::string> all_lines = lines_of(root);
    for (const auto& line : all_lines) {
        auto at = line.find("Mã TTHC");
        if (at == std::string::npos) continue;
        std::size_t i = at + std::string_view("Mã TTHC").size();
        while (i < line.size() && (line[i] == ':' || line[i] == ' '))
            ++i;
        std::size_t start = i;
        while (i < line.size() && ((line[i] >= '0' && line[i] <= '9') || line[i] == '.' ||
                                   (line[i] >= 'A' && line[i] <= 'Z')))
            ++i;
        p.code = line.substr(start, i - start);
        while (!p.code.empty() && p.code.back() == '.')
            p.code.pop_back();
        break;
    }
    if (p.code.empty()) {
        warnings.push_back(origin.display + ": no \"Mã TTHC: …\" code; page skipped");
        return std::nullopt;
    }
    // File names carry a suffix such as ".H19" after the code.
    std::string note = origin.note;
    std::string file_name = std::filesystem::path(origin.file).filename().string();
    std::string stem =
        file_name.size() > 5 && file_name.compare(file_name.size() - 5, 5, ".html") == 0
            ? file_name.substr(0, file_name.size() - 5)
            : file_name;
    if (auto dot_h = stem.rfind(".H"); dot_h != std::string::npos && dot_h + 2 < stem.size() &&
                                       std::all_of(stem.begin() + dot_h + 2, stem.end(),
                                                   [](char c) { return c >= '0' && c <= '9'; })) {
        note += (note.empty() ? "" : "; ") +
                ("file name suffix " + stem.substr(dot_h) + " is not part of the code");
        stem.erase(dot_h);
    }
    if (stem != p.code)
        warnings.push_back(origin.display + ": page code \"" + p.code +
                           "\" differs from the file name; the page's code is used");
    p.field = field_stated_in(all_lines);

    std::string time_text, fee_card;
    std::vector<std::string> places;
    const GumboNode* fee_heading = nullptr;
    for (const GumboNode* h : headings_in(root, 2, 3)) {
        std::string key = heading_key(h);
        if (contains(key, "thoi gian giai quyet")) {
            time_text = join(lines_of(heading_scope(h)), "\n");
        } else if (contains(key, "noi nop ho so")) {
            places = lines_of(heading_scope(h));
        } else if (key.rfind("chi tiet", 0) == 0 && (contains(key, "phi"))) {
            if (!fee_heading) fee_heading = h;
        } else if (contains(key, "phi & le phi") || contains(key, "phi va le phi")) {
            fee_card = join(lines_of(heading_scope(h)), "\n");
        } else if (contains(key, "yeu cau") && contains(key, "dieu kien")) {
            // A line ending in ':' heads the lines after it ("Điều kiện được cung cấp:" + items).
            bool grouping = false;
            for (auto& line : lines_of(heading_scope(h))) {
                bool heads = line.back() == ':';
                if (grouping && !heads) {
                    p.requirements.back() += "\n" + line;
                    continue;
                }
                grouping = heads;
                p.requirements.push_back(std::move(line));
            }
        } else if (key.rfind("quy trinh", 0) == 0) {
            p.steps = structure_steps(read_steps(heading_scope(h)));
        } else if (contains(key, "ho so can chuan bi")) {
            p.dossier = read_dossier(heading_scope(h));
            structure_dossier(p.dossier);
        } else if (contains(key, "doi tuong thuc hien")) {
            // One subject per list item, else the paragraph split on commas.
            NodeList scope = heading_scope(h);
            NodeList items = elements_in(scope, GUMBO_TAG_LI);
            if (items.empty()) {
                p.subjects = split_subjects(join(lines_of(scope), ", "));
            } else {
                for (const GumboNode* li : items)
                    for (auto& subject : split_subjects(inline_text(li)))
                        if (std::find(p.subjects.begin(), p.subjects.end(), subject) ==
                            p.subjects.end())
                            p.subjects.push_back(std::move(subject));
            }
        } else if (contains(key, "co quan giai quyet")) {
            read_agencies(heading_scope(h), p);
        } else if (contains(key, "can cu phap ly")) {
            NodeList scope = heading_scope(h);
            NodeList items = elements_in(scope, GUMBO_TAG_LI);
            std::vector<std::string> entries;
            if (items.empty())
                entries = lines_of(scope);
            else
                for (const GumboNode* li : items)
                    entries.push_back(inline_text(li));
            for (auto& entry : entries) {
                if (entry.empty()) continue;
                p.legal_basis.push_back(LegalDoc{find_document_number(entry), entry, "", ""});
            }
        }
    }
    p.receiving_address = join(places, "\n");

    // Channels, with the time text and the fee text of each.
    Duration duration;
    if (time_text.find('\n') == std::string::npos) duration = parse_duration(time_text);
    auto channel = [&](Channel c) -> ChannelInfo& {
        for (auto& info : p.channels)
            if (info.channel == c) return info;
        ChannelInfo info;
        info.channel = c;
        info.time_text = time_text;
        info.time_value = duration.value;
        info.time_unit = duration.unit;
        p.channels.push_back(std::move(info));
        return p.channels.back();
    };
    FeeSection fees;
    if (fee_heading) fees = read_fee_section(fee_heading);
    if (!fees.blocks.empty()) {
        for (const auto& block : fees.blocks) {
            for (Channel c : block.channels) {
                ChannelInfo& info = channel(c);
                std::string text = join(block.lines, "\n");
                if (!text.empty()) info.fee_text += (info.fee_text.empty() ? "" : "\n\n") + text;
                if (!block.qualifier.empty() && !contains(info.description, block.qualifier))
                    info.description += (info.description.empty() ? "" : "; ") + block.qualifier;
            }
        }
        if (!fees.general.empty())
            for (auto& info : p.channels)
                info.fee_text += (info.fee_text.empty() ? "" : "\n\n") + join(fees.general, "\n");
    } else {
        std::string fee_text = fee_heading ? join(fees.general, "\n") : fee_card;
        for (Channel c : channels_from_places(places))
            channel(c).fee_text = fee_text;
        if (p.channels.empty() && (!time_text.empty() || !fee_text.empty()))
            warnings.push_back(
                origin.display +
                ": no channel found (no fee table, no \"Nơi nộp hồ sơ\"); processing "
                "time and fees not recorded");
    }
    sort_channels(p.channels);
    p.online_level = online_level_of(p.channels);

    // The footer names the decision the summary was made from.
    for (const GumboNode* footer : elements_in(root, GUMBO_TAG_FOOTER)) {
        for (const auto& line : lines_of({footer})) {
            auto at = line.find("Quyết định số");
            if (at == std::string::npos) continue;
            std::string number = find_document_number(line.substr(at));
            if (!number.empty()) p.decision = Decision{"Quyết định số " + number, "", ""};
            break;
        }
    }

    p.detail = (!p.steps.empty() && !p.dossier.empty()) ? Detail::full : Detail::catalog;
    p.sources.push_back(Source{kKindHtmlSummary, origin.file, note});
    return p;
}

}  // namespace xasite::procedures::importers
