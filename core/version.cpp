#include "core/version.hpp"

namespace xasite {

const char* version() {
    return XASITE_VERSION;
}

const char* version_line() {
    return "xasite " XASITE_VERSION;
}

}  // namespace xasite
