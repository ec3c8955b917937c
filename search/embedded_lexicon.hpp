// content/search/*.txt compiled into the binary (search/EmbedLexicon.cmake), so that `xasite`
// indexes and searches with the default language data from any directory.
#pragma once

#include "core/embedded.hpp"

namespace xasite::search {

// content/search/*, compiled in by xasite_embed_directory (cmake/EmbedFiles.cmake).
extern const EmbeddedFile embedded_files[];
extern const std::size_t embedded_file_count;

}  // namespace xasite::search
