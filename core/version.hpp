// The version of xasite, one definition: CMake's project(VERSION), compiled into core/version.cpp.
// `xasite --version`, the packages' software field and their event log all say it.
#pragma once

namespace xasite {

// "0.1.0"
const char* version();
// "xasite 0.1.0"
const char* version_line();

}  // namespace xasite
