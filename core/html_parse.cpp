#include "core/html_parse.hpp"

namespace xasite::html {

const GumboOptions& parse_options() {
    static const GumboOptions options = [] {
        GumboOptions o = kGumboDefaultOptions;
        o.max_errors = 0;
        return o;
    }();
    return options;
}

void GumboOutputDeleter::operator()(GumboOutput* output) const {
    if (output) gumbo_destroy_output(&parse_options(), output);
}

Document parse(std::string_view html) {
    return Document(gumbo_parse_with_options(&parse_options(), html.data(), html.size()));
}

}  // namespace xasite::html
