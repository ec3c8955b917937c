// What a build read and wrote, kept inside the site it describes (so it moves with the site when a
// cold build swaps a new tree in): ".xasite-build.json" (the tool, the date, the options and every
// input file of the content tree with its size, time and SHA-256) and ".xasite-outputs" (every
// output file with its size and a 64-bit hash of its bytes). The next build into the same output
// compares the content tree with it and rewrites only what changed (issue 12, incremental builds).
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace xasite::site {

inline constexpr const char* kManifestFile = ".xasite-build.json";
inline constexpr const char* kOutputsFile = ".xasite-outputs";
// Present while a build changes a site in place; a build that finds it knows the previous one was
// interrupted and checks every output against the disk instead of trusting the manifest.
inline constexpr const char* kIncompleteFile = ".xasite-incomplete";

struct InputStamp {
    std::uint64_t size = 0;
    std::int64_t mtime_ns = 0;
    std::uint64_t inode = 0;
    std::string sha256;  // lower-case hex
    bool operator==(const InputStamp&) const = default;
};
// Path relative to the content directory, with '/'.
using InputStamps = std::map<std::string, InputStamp>;

struct OutputStamp {
    std::uint64_t hash = 0;  // output_hash() of the bytes
    std::uint64_t size = 0;
    bool operator==(const OutputStamp&) const = default;
};
// Path relative to the output root, with '/'.
using OutputStamps = std::unordered_map<std::string, OutputStamp>;

struct BuildManifest {
    std::string tool;                // the executable that built the site (tool_identity())
    std::string date_env;            // SOURCE_DATE_EPOCH as it was set ("" when unset)
    std::string build_date;          // the date the pages were built for
    std::vector<std::string> units;  // --unit, sorted and unique; empty = every unit
    bool search_index = true;
    bool drafts = false;  // pages marked draft built too (a preview)
    std::string nginx;    // the nginx.conf options (root, upstream, listen file)
    InputStamps inputs;
};

// The manifest of the site at `site_dir`; nullopt when there is none or it cannot be read (a site
// of an older xasite, a damaged file): the next build is then a cold one.
std::optional<BuildManifest> read_manifest(const std::filesystem::path& site_dir);
std::string manifest_json(const BuildManifest& manifest);

// ".xasite-outputs": one line per file, "<hash hex>\t<size>\t<path>", sorted by path.
OutputStamps read_outputs(const std::filesystem::path& site_dir);
std::string outputs_text(const OutputStamps& outputs);

// A 64-bit hash of output bytes (change detection, not integrity: together with the size).
std::uint64_t output_hash(std::string_view bytes);

// Every regular file under `content_dir` (links to files followed; linked folders, whose targets
// are inside the tree, and version-control folders such as .git are not). A file whose size, time
// and inode equal its stamp in `previous` keeps that stamp; others are hashed.
InputStamps scan_inputs(const std::filesystem::path& content_dir, const InputStamps& previous);

// The running executable: path, size and modification time.
std::string tool_identity();

// What changed between the manifest of the site and this build, and what must be rendered again.
struct ChangePlan {
    enum class Scope {
        nothing,     // no input changed: nothing is rendered or written
        units,       // only files inside some communes' folders: those communes and the province
        everything,  // anything else: every site is rendered, only changed files are written
    };
    Scope scope = Scope::everything;
    std::set<std::string> units;       // the communes to render again (scope == units)
    std::vector<std::string> changed;  // input paths added, changed or removed
    std::string reason;                // why the scope is `everything` (for the summary)
};

// `previous` is the manifest in the site; `now` this build's (inputs scanned, build date not yet
// known: the caller compares the date after loading the content). Files in a commune's folder
// ("units/<code>/…") change only that commune's site — except its unit.json, whose contacts every
// commune's procedure pages list.
ChangePlan plan_changes(const BuildManifest& previous, const BuildManifest& now);

}  // namespace xasite::site
