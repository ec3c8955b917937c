#include "core/front_matter.hpp"

#include "core/error.hpp"

namespace xasite {

std::optional<FrontMatter> split_front_matter(std::string_view text,
                                              const std::filesystem::path& source) {
    auto line_end = [&](std::size_t pos) {
        std::size_t nl = text.find('\n', pos);
        return nl == std::string_view::npos ? text.size() : nl;
    };
    auto is_delimiter = [&](std::size_t pos) {
        std::string_view l = text.substr(pos, line_end(pos) - pos);
        if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
        while (!l.empty() && l.back() == ' ')
            l.remove_suffix(1);
        return l == "---";
    };
    if (text.empty() || !is_delimiter(0)) return std::nullopt;
    std::size_t first = line_end(0) + 1;
    for (std::size_t pos = first; pos < text.size(); pos = line_end(pos) + 1) {
        if (is_delimiter(pos)) {
            FrontMatter fm;
            fm.yaml = text.substr(first, pos - first);
            std::size_t after = line_end(pos);
            fm.body = after < text.size() ? text.substr(after + 1) : std::string_view();
            return fm;
        }
    }
    throw InputError(location(source, 1), "front matter block is not closed (no second '---' line)",
                     "phần đầu trang chưa được đóng (thiếu dòng '---' thứ hai)");
}

}  // namespace xasite
