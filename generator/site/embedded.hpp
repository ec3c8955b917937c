// The default theme (templates/ in the repository), compiled into the binary by
// cmake/EmbedFiles.cmake so xasite works from any directory with no install step.
#pragma once

#include "core/embedded.hpp"

namespace xasite::site {

using xasite::EmbeddedFile;

extern const EmbeddedFile embedded_files[];
extern const std::size_t embedded_file_count;

}  // namespace xasite::site
