// A file compiled into the binary by cmake/EmbedFiles.cmake (the default theme, the default search
// lexicon), so xasite works from any directory with no install step.
#pragma once

#include <cstddef>

namespace xasite {

struct EmbeddedFile {
    const char* path;  // relative to the embedded directory, '/'-separated
    const char* data;  // the bytes, followed by a NUL
    std::size_t size;
};

}  // namespace xasite
