#include "archive/view/charset.hpp"

#include <unicode/ucnv.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>

#include "archive/package/mime.hpp"
#include "archive/package/transcode.hpp"
#include "archive/view/css_rewrite.hpp"
#include "archive/view/gumbo_util.hpp"
#include "archive/view/legacy_vi.hpp"
#include "core/ascii.hpp"
#include "core/text.hpp"

namespace xasite::archive {

namespace {

using detail::Edit;

bool icu_knows(const std::string& name) {
    UErrorCode e = U_ZERO_ERROR;
    UConverter* c = ucnv_open(name.c_str(), &e);
    if (c) ucnv_close(c);
    return c != nullptr && U_SUCCESS(e);
}

// Valid multi-byte sequences and invalid bytes.
void utf8_stats(std::string_view s, std::size_t& multi, std::size_t& invalid) {
    multi = invalid = 0;
    std::size_t i = 0;
    while (i < s.size()) {
        std::size_t start = i;
        char32_t cp = text::decode_utf8(s, i);
        if (i - start > 1)
            ++multi;
        else if (cp == 0xFFFD)
            ++invalid;
    }
}

// Windows-1258 when its Vietnamese-only letters (ă Ă đ Đ ơ Ơ ư Ư) or a combining tone mark after
// a vowel occur; else Windows-1252.
std::string guess_single_byte(std::string_view s) {
    std::size_t vi = 0;
    auto vowel = [](unsigned char c) {
        c = static_cast<unsigned char>(ascii::lower(static_cast<char>(c)));
        return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y' || c == 0xe2 ||
               c == 0xe3 || c == 0xea || c == 0xf4 || c == 0xf5 || c == 0xfd || c == 0xc2 ||
               c == 0xc3 || c == 0xca || c == 0xd4 || c == 0xd5 || c == 0xdd;
    };
    for (std::size_t i = 0; i < s.size(); ++i) {
        auto c = static_cast<unsigned char>(s[i]);
        if (c == 0xf0 || c == 0xd0 || c == 0xf5 || c == 0xd5 || c == 0xfd || c == 0xdd ||
            c == 0xe3 || c == 0xc3)
            ++vi;
        else if ((c == 0xcc || c == 0xec || c == 0xd2 || c == 0xde || c == 0xf2) && i > 0 &&
                 vowel(static_cast<unsigned char>(s[i - 1])))
            ++vi;
    }
    return vi > 0 ? "windows-1258" : "windows-1252";
}

// ---- font-keyed decoding (TCVN3 / VNI) ----

// Bytes 0x80-0xFF are carried through the HTML parser as U+F780-U+F7FF.
constexpr char32_t kPuaBase = 0xF700;

std::string bytes_to_pua(std::string_view bytes) {
    std::string out;
    out.reserve(bytes.size() + bytes.size() / 4);
    for (char c : bytes) {
        auto b = static_cast<unsigned char>(c);
        if (b < 0x80)
            out.push_back(c);
        else
            text::append_utf8(out, kPuaBase + b);
    }
    return out;
}

// Back to bytes: PUA code points become their byte; other characters stay UTF-8.
std::string pua_to_bytes(std::string_view s) {
    std::string out;
    std::size_t i = 0;
    while (i < s.size()) {
        std::size_t start = i;
        char32_t cp = text::decode_utf8(s, i);
        if (cp >= kPuaBase + 0x80 && cp <= kPuaBase + 0xFF)
            out.push_back(static_cast<char>(cp - kPuaBase));
        else
            out.append(s.substr(start, i - start));
    }
    return out;
}

bool has_pua(std::string_view s) {
    // U+F780..U+F7FF encode as EF 9E 80..EF 9F BF.
    for (std::size_t i = 0; i + 2 < s.size(); ++i)
        if (static_cast<unsigned char>(s[i]) == 0xEF &&
            (static_cast<unsigned char>(s[i + 1]) == 0x9E ||
             static_cast<unsigned char>(s[i + 1]) == 0x9F))
            return true;
    return false;
}

std::string convert_bytes(std::string_view bytes, LegacyFont f) {
    switch (f) {
        case LegacyFont::tcvn3:
            return tcvn3_to_utf8(bytes, false);
        case LegacyFont::tcvn3_capitals:
            return tcvn3_to_utf8(bytes, true);
        case LegacyFont::vni:
            return vni_to_utf8(bytes);
        case LegacyFont::none:
            break;
    }
    return windows1252_to_utf8(bytes);
}

// Converts raw source text (PUA-carried bytes, ASCII, character references) in a font; character
// references are kept as written.
std::string convert_source_text(std::string_view src, LegacyFont f) {
    std::string out, run;
    auto flush = [&] {
        if (!run.empty()) out += convert_bytes(pua_to_bytes(run), f);
        run.clear();
    };
    std::size_t i = 0;
    while (i < src.size()) {
        if (src[i] == '&') {
            std::size_t j = i + 1;
            while (j < src.size() && j - i < 40 &&
                   (std::isalnum(static_cast<unsigned char>(src[j])) || src[j] == '#'))
                ++j;
            if (j < src.size() && src[j] == ';' && j > i + 1) {
                flush();
                out.append(src.substr(i, j + 1 - i));
                i = j + 1;
                continue;
            }
        }
        run.push_back(src[i]);
        ++i;
    }
    flush();
    return out;
}

struct FontRules {
    std::map<std::string, LegacyFont> by_tag, by_class;
};

// The legacy font (or an explicit non-legacy one: none) a declaration block sets.
std::optional<LegacyFont> declared_font(std::string_view decls) {
    std::optional<LegacyFont> result;
    for_each_declaration(decls, [&](std::string_view prop, std::string_view value) {
        std::string p = ascii::lower(prop);
        if (p == "font-family")
            result = legacy_font(value);
        else if (p == "font")
            result = legacy_font_in_shorthand(value);
    });
    return result;
}

void add_rules(std::string_view css, FontRules& rules) {
    for_each_rule(css, [&](std::string_view selectors, std::string_view decls) {
        auto font = declared_font(decls);
        if (!font) return;
        std::size_t start = 0;
        while (start <= selectors.size()) {
            auto comma = selectors.find(',', start);
            std::string_view sel = selectors.substr(
                start, comma == std::string_view::npos ? std::string_view::npos : comma - start);
            // The last compound selector decides.
            auto cut = sel.find_last_of(" >+~\t\n\r");
            std::string_view last = cut == std::string_view::npos ? sel : sel.substr(cut + 1);
            while (!last.empty() && std::isspace(static_cast<unsigned char>(last.back())))
                last.remove_suffix(1);
            std::size_t i = 0;
            std::string tag;
            while (i < last.size() &&
                   (std::isalnum(static_cast<unsigned char>(last[i])) || last[i] == '-'))
                tag.push_back(ascii::lower(last[i++]));
            bool any_class = false;
            while (i < last.size()) {
                if (last[i] == '.') {
                    std::size_t j = ++i;
                    while (j < last.size() && (std::isalnum(static_cast<unsigned char>(last[j])) ||
                                               last[j] == '-' || last[j] == '_'))
                        ++j;
                    rules.by_class[std::string(last.substr(i, j - i))] = *font;
                    any_class = true;
                    i = j;
                } else {
                    ++i;
                }
            }
            if (!any_class && !tag.empty()) rules.by_tag[tag] = *font;
            if (comma == std::string_view::npos) break;
            start = comma + 1;
        }
    });
}

LegacyFont dominant_font(std::string_view bytes) {
    std::size_t tcvn = 0, vni = 0;
    count_legacy_fonts(bytes, tcvn, vni);
    return vni > tcvn ? LegacyFont::vni : LegacyFont::tcvn3;
}

std::string decode_font_keyed(std::string_view bytes, LegacyFont dominant) {
    std::string doc = bytes_to_pua(bytes);
    auto tree = html::parse(doc);
    const char* base = doc.data();
    std::size_t size = doc.size();

    FontRules rules;
    // Stylesheets in the page.
    {
        std::vector<const GumboNode*> stack{tree->root};
        while (!stack.empty()) {
            const GumboNode* n = stack.back();
            stack.pop_back();
            if (n->type != GUMBO_NODE_ELEMENT) continue;
            const GumboElement& e = n->v.element;
            if (e.tag == GUMBO_TAG_STYLE) {
                for (unsigned i = 0; i < e.children.length; ++i) {
                    auto* c = static_cast<const GumboNode*>(e.children.data[i]);
                    if (c->type == GUMBO_NODE_TEXT || c->type == GUMBO_NODE_CDATA)
                        add_rules(c->v.text.original_text.data
                                      ? std::string_view(c->v.text.original_text.data,
                                                         c->v.text.original_text.length)
                                      : std::string_view(),
                                  rules);
                }
            }
            for (unsigned i = 0; i < e.children.length; ++i)
                stack.push_back(static_cast<const GumboNode*>(e.children.data[i]));
        }
    }

    std::vector<Edit> edits;
    struct Item {
        const GumboNode* node;
        std::optional<LegacyFont> font;  // nullopt: nothing set (unscoped)
    };
    std::vector<Item> stack{{tree->root, std::nullopt}};
    std::vector<std::size_t> seen;  // start offsets of processed elements (clones share them)
    while (!stack.empty()) {
        Item it = stack.back();
        stack.pop_back();
        const GumboNode* n = it.node;
        if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_WHITESPACE ||
            n->type == GUMBO_NODE_CDATA) {
            std::size_t b, e;
            if (!detail::text_range(n->v.text, base, size, b, e)) continue;
            std::string_view src(doc.data() + b, e - b);
            LegacyFont f = it.font ? *it.font : dominant;
            if (f == LegacyFont::none || (!has_pua(src) && f != LegacyFont::tcvn3_capitals))
                continue;
            if (n->parent && n->parent->type == GUMBO_NODE_ELEMENT &&
                (n->parent->v.element.tag == GUMBO_TAG_SCRIPT ||
                 n->parent->v.element.tag == GUMBO_TAG_STYLE))
                continue;
            edits.push_back({b, e, convert_source_text(src, f), 0});
            continue;
        }
        if (n->type != GUMBO_NODE_ELEMENT && n->type != GUMBO_NODE_TEMPLATE &&
            n->type != GUMBO_NODE_DOCUMENT)
            continue;
        std::optional<LegacyFont> font = it.font;
        if (n->type != GUMBO_NODE_DOCUMENT) {
            const GumboElement& el = n->v.element;
            std::string tag = ascii::lower(gumbo_normalized_tagname(el.tag));
            if (auto r = rules.by_tag.find(tag); r != rules.by_tag.end()) font = r->second;
            if (const GumboAttribute* cls = html::attribute(el, "class")) {
                std::string_view v = cls->value;
                std::size_t i = 0;
                while (i < v.size()) {
                    while (i < v.size() && std::isspace(static_cast<unsigned char>(v[i])))
                        ++i;
                    std::size_t j = i;
                    while (j < v.size() && !std::isspace(static_cast<unsigned char>(v[j])))
                        ++j;
                    if (j > i)
                        if (auto r = rules.by_class.find(std::string(v.substr(i, j - i)));
                            r != rules.by_class.end())
                            font = r->second;
                    i = j;
                }
            }
            if (el.tag == GUMBO_TAG_FONT)
                if (const GumboAttribute* face = html::attribute(el, "face"))
                    font = legacy_font(face->value);
            if (const GumboAttribute* style = html::attribute(el, "style"))
                if (auto f = declared_font(style->value)) font = *f;
            // Attribute text shown to readers, in the element's font.
            std::size_t tb, te;
            bool real = detail::start_tag_range(el, base, size, tb, te);
            if (real && std::find(seen.begin(), seen.end(), tb) == seen.end()) {
                seen.push_back(tb);
                LegacyFont f = font ? *font : dominant;
                for (const char* name : {"alt", "title", "value", "placeholder", "summary"}) {
                    const GumboAttribute* a = html::attribute(el, name);
                    std::size_t vb, ve;
                    if (!a || !detail::value_range(*a, base, size, tb, te, vb, ve)) continue;
                    std::string_view raw(doc.data() + vb, ve - vb);
                    if (!has_pua(raw) && f != LegacyFont::tcvn3_capitals) continue;
                    if (f == LegacyFont::none) continue;
                    bool quoted = raw.size() >= 2 && (raw.front() == '"' || raw.front() == '\'') &&
                                  raw.back() == raw.front();
                    std::string_view inner = quoted ? raw.substr(1, raw.size() - 2) : raw;
                    std::string conv = convert_source_text(inner, f);
                    edits.push_back({quoted ? vb + 1 : vb, quoted ? ve - 1 : ve, conv, 0});
                }
            }
            if (el.tag == GUMBO_TAG_SCRIPT || el.tag == GUMBO_TAG_STYLE) continue;
        }
        const GumboVector& kids =
            n->type == GUMBO_NODE_DOCUMENT ? n->v.document.children : n->v.element.children;
        for (unsigned i = kids.length; i-- > 0;)
            stack.push_back({static_cast<const GumboNode*>(kids.data[i]), font});
    }
    std::string out = detail::apply_edits(doc, edits);
    // Whatever is left (markup, comments, scripts: still carried as PUA code points) is read as
    // Windows-1252; the converted runs are UTF-8 already.
    std::string result;
    result.reserve(out.size());
    std::size_t i = 0;
    while (i < out.size()) {
        std::size_t start = i;
        char32_t cp = text::decode_utf8(out, i);
        if (cp >= kPuaBase + 0x80 && cp <= kPuaBase + 0xFF)
            text::append_utf8(result,
                              windows1252_code_point(static_cast<unsigned char>(cp - kPuaBase)));
        else
            result.append(out, start, i - start);
    }
    return result;
}

std::string strip_bom(std::string_view s, std::string& encoding) {
    auto starts = [&](std::string_view p) { return s.substr(0, p.size()) == p; };
    if (starts("\xEF\xBB\xBF")) {
        encoding = "utf-8";
        return std::string(s.substr(3));
    }
    if (starts("\xFF\xFE")) {
        encoding = "utf-16le";
        return std::string(s.substr(2));
    }
    if (starts("\xFE\xFF")) {
        encoding = "utf-16be";
        return std::string(s.substr(2));
    }
    return std::string();
}

}  // namespace

std::string normalise_charset_label(std::string_view label) {
    std::string l = ascii::lower(label);
    while (!l.empty() && (std::isspace(static_cast<unsigned char>(l.front())) || l.front() == '"' ||
                          l.front() == '\''))
        l.erase(l.begin());
    while (!l.empty() && (std::isspace(static_cast<unsigned char>(l.back())) || l.back() == '"' ||
                          l.back() == '\''))
        l.pop_back();
    if (l.empty()) return "";
    if (l == "utf-8" || l == "utf8" || l == "unicode-1-1-utf-8" || l == "x-unicode20utf8")
        return "utf-8";
    if (l == "windows-1258" || l == "cp1258" || l == "x-cp1258" || l == "win-1258" ||
        l == "cp-1258")
        return "windows-1258";
    if (l == "windows-1252" || l == "cp1252" || l == "x-cp1252" || l == "iso-8859-1" ||
        l == "iso8859-1" || l == "iso_8859-1" || l == "latin1" || l == "l1" || l == "us-ascii" ||
        l == "ascii" || l == "ansi_x3.4-1968" || l == "iso-ir-100" || l == "cp819" || l == "ibm819")
        return "windows-1252";
    if (l == "utf-16" || l == "utf-16le" || l == "unicode") return "utf-16le";
    if (l == "utf-16be") return "utf-16be";
    if (l == "tcvn" || l == "tcvn3" || l == "tcvn-3" || l == "tcvn5712" || l == "tcvn-5712" ||
        l == "tcvn5712-1" || l == "x-viet-tcvn5712" || l == "vn3" || l == "abc")
        return "tcvn3";
    if (l == "vni" || l == "x-viet-vni" || l == "vni-windows") return "vni";
    if (icu_knows(l)) return l;
    return "";
}

std::string prescan_meta_charset(std::string_view html) {
    std::string_view s = html.substr(0, 16384);
    std::size_t i = 0;
    auto ws = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; };
    while (i < s.size()) {
        if (s.substr(i, 4) == "<!--") {
            auto end = s.find("-->", i + 4);
            if (end == std::string_view::npos) return "";
            i = end + 3;
            continue;
        }
        if (s[i] != '<') {
            ++i;
            continue;
        }
        bool is_meta = i + 5 < s.size() && ascii::lower(s.substr(i + 1, 4)) == "meta" &&
                       (ws(s[i + 5]) || s[i + 5] == '/');
        std::size_t j = i + 1;
        if (!is_meta) {
            // Skip any other tag (quoted attribute values may hold '>').
            char quote = 0;
            while (j < s.size() && (quote || s[j] != '>')) {
                if (quote && s[j] == quote)
                    quote = 0;
                else if (!quote && (s[j] == '"' || s[j] == '\'') && j > 0 && s[j - 1] == '=')
                    quote = s[j];
                ++j;
            }
            i = j + 1;
            continue;
        }
        j = i + 5;
        std::string http_equiv, content, charset;
        while (j < s.size() && s[j] != '>') {
            while (j < s.size() && (ws(s[j]) || s[j] == '/'))
                ++j;
            if (j >= s.size() || s[j] == '>') break;
            std::size_t ns = j;
            while (j < s.size() && !ws(s[j]) && s[j] != '=' && s[j] != '>' && s[j] != '/')
                ++j;
            std::string name = ascii::lower(s.substr(ns, j - ns));
            while (j < s.size() && ws(s[j]))
                ++j;
            std::string value;
            if (j < s.size() && s[j] == '=') {
                ++j;
                while (j < s.size() && ws(s[j]))
                    ++j;
                if (j < s.size() && (s[j] == '"' || s[j] == '\'')) {
                    char q = s[j++];
                    std::size_t vs = j;
                    while (j < s.size() && s[j] != q)
                        ++j;
                    value = std::string(s.substr(vs, j - vs));
                    if (j < s.size()) ++j;
                } else {
                    std::size_t vs = j;
                    while (j < s.size() && !ws(s[j]) && s[j] != '>')
                        ++j;
                    value = std::string(s.substr(vs, j - vs));
                }
            }
            if (name == "http-equiv")
                http_equiv = ascii::lower(value);
            else if (name == "content")
                content = value;
            else if (name == "charset")
                charset = value;
        }
        if (!charset.empty()) return charset;
        if (http_equiv == "content-type") {
            std::string c = charset_param(content);
            if (!c.empty()) return c;
        }
        i = j + 1;
    }
    return "";
}

std::string to_utf8(std::string_view bytes, std::string_view encoding) {
    if (encoding == "utf-8") return repair_utf8(bytes);
    if (encoding == "windows-1252") return windows1252_to_utf8(bytes);
    if (encoding == "tcvn3") return tcvn3_to_utf8(bytes, false);
    if (encoding == "vni") return vni_to_utf8(bytes);
    return repair_utf8(icu_to_utf8(bytes, std::string(encoding).c_str()));
}

namespace {

// A byte-order mark decides the encoding (WHATWG: before any label).
bool decode_with_bom(std::string_view input, DecodedText& r) {
    std::string encoding;
    std::string stripped = strip_bom(input, encoding);
    if (encoding.empty()) return false;
    r.encoding = encoding;
    r.source = "bom";
    r.text = text::nfc(to_utf8(stripped, encoding));
    return true;
}

}  // namespace

DecodedText decode_html(std::string_view input, std::string_view http_charset) {
    DecodedText r;
    if (decode_with_bom(input, r)) return r;
    std::string_view bytes = input;
    std::string http = normalise_charset_label(http_charset);
    if (!http_charset.empty() && http.empty())
        r.notes.push_back("unknown charset \"" + std::string(http_charset) +
                          "\" in the HTTP header");
    std::string meta_raw = prescan_meta_charset(bytes);
    std::string meta = normalise_charset_label(meta_raw);
    if (!meta_raw.empty() && meta.empty())
        r.notes.push_back("unknown charset \"" + meta_raw + "\" in <meta>");
    std::string declared = !http.empty() ? http : meta;
    std::string source = !http.empty() ? "http" : "meta";
    if (declared == "utf-16le" || declared == "utf-16be") declared = "utf-8";  // no BOM: not UTF-16
    bool valid = text::is_valid_utf8(bytes);
    if (declared == "utf-8" && !valid) {
        std::size_t multi, invalid;
        utf8_stats(bytes, multi, invalid);
        if (multi > 0 && multi >= invalid) {
            r.notes.push_back("declared UTF-8 with " + std::to_string(invalid) +
                              " invalid bytes (replaced by U+FFFD)");
        } else {
            r.notes.push_back("declared UTF-8 but it is not; detected instead");
            declared.clear();
        }
    }
    LegacyFont which = LegacyFont::none;
    bool legacy = mentions_legacy_font(bytes, which);
    bool font_keyed = declared == "tcvn3" || declared == "vni" ||
                      (legacy && !valid && (declared.empty() || declared == "windows-1252"));
    if (font_keyed) {
        LegacyFont dom = declared == "vni"     ? LegacyFont::vni
                         : declared == "tcvn3" ? LegacyFont::tcvn3
                                               : dominant_font(bytes);
        r.encoding = dom == LegacyFont::vni ? "vni" : "tcvn3";
        r.source = "font";
        r.text = text::nfc(decode_font_keyed(bytes, dom));
        return r;
    }
    if (!declared.empty()) {
        r.encoding = declared;
        r.source = source;
    } else if (valid) {
        r.encoding = "utf-8";
        r.source = "detected";
    } else {
        r.encoding = guess_single_byte(bytes);
        r.source = "detected";
    }
    try {
        r.text = text::nfc(to_utf8(bytes, r.encoding));
    } catch (const std::exception& e) {
        r.notes.push_back(std::string(e.what()) + "; read as Windows-1252");
        r.encoding = "windows-1252";
        r.text = text::nfc(windows1252_to_utf8(bytes));
    }
    return r;
}

DecodedText decode_text(std::string_view input, std::string_view http_charset) {
    DecodedText r;
    if (decode_with_bom(input, r)) return r;
    std::string declared = normalise_charset_label(http_charset);
    r.source = "http";
    if (declared.empty() && input.substr(0, 10) == "@charset \"") {
        auto end = input.find('"', 10);
        if (end != std::string_view::npos && end < 64) {
            declared = normalise_charset_label(input.substr(10, end - 10));
            r.source = "css";
        }
    }
    bool valid = text::is_valid_utf8(input);
    if (declared == "utf-8" && !valid) declared.clear();
    if (declared.empty() || declared == "utf-16le" || declared == "utf-16be") {
        declared = valid ? "utf-8" : guess_single_byte(input);
        r.source = "detected";
    }
    r.encoding = declared;
    try {
        r.text = text::nfc(to_utf8(input, declared));
    } catch (const std::exception&) {
        r.encoding = "windows-1252";
        r.text = text::nfc(windows1252_to_utf8(input));
    }
    return r;
}

}  // namespace xasite::archive
