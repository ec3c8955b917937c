// The default archetypes of `xasite new` (archetypes/ in the repository), compiled into the binary
// by cmake/EmbedFiles.cmake.
#pragma once

#include "core/embedded.hpp"

namespace xasite::authoring {

using xasite::EmbeddedFile;

extern const EmbeddedFile embedded_files[];
extern const std::size_t embedded_file_count;

}  // namespace xasite::authoring
