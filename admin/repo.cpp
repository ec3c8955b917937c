#include "admin/repo.hpp"

#include <stdexcept>

#include <git2.h>

namespace xasite::admin {

namespace fs = std::filesystem;

namespace {

void check(int rc, const char* what) {
    if (rc >= 0) return;
    const git_error* e = git_error_last();
    throw std::runtime_error(std::string("git: ") + what + ": " +
                             (e && e->message ? e->message : "error " + std::to_string(rc)));
}

template <typename T, void (*Free)(T*)>
struct Deleter {
    void operator()(T* p) const { Free(p); }
};
template <typename T, void (*Free)(T*)>
using Owned = std::unique_ptr<T, Deleter<T, Free>>;

using Repository = Owned<git_repository, git_repository_free>;
using Index = Owned<git_index, git_index_free>;
using Tree = Owned<git_tree, git_tree_free>;
using Commit = Owned<git_commit, git_commit_free>;
using Signature = Owned<git_signature, git_signature_free>;
using Revwalk = Owned<git_revwalk, git_revwalk_free>;
using TreeEntry = Owned<git_tree_entry, git_tree_entry_free>;
using Blob = Owned<git_blob, git_blob_free>;

struct Library {
    Library() { git_libgit2_init(); }
    ~Library() { git_libgit2_shutdown(); }
};
void init_library() {
    static Library library;
}

std::string git_path(const fs::path& p) {
    return p.lexically_normal().generic_string();
}

std::string hex(const git_oid* oid) {
    char buf[GIT_OID_HEXSZ + 1];
    git_oid_tostr(buf, sizeof buf, oid);
    return buf;
}

// The id of the blob at `path` in a commit's tree; false when absent.
bool blob_id(git_commit* commit, const std::string& path, git_oid& out) {
    git_tree* raw_tree = nullptr;
    if (git_commit_tree(&raw_tree, commit) < 0) return false;
    Tree tree(raw_tree);
    git_tree_entry* raw = nullptr;
    if (git_tree_entry_bypath(&raw, tree.get(), path.c_str()) < 0) return false;
    TreeEntry entry(raw);
    git_oid_cpy(&out, git_tree_entry_id(entry.get()));
    return true;
}

}  // namespace

struct ContentRepo::Impl {
    Repository repo;
};

ContentRepo::ContentRepo(std::unique_ptr<Impl> impl, fs::path workdir)
    : impl_(std::move(impl)), workdir_(std::move(workdir)) {}
ContentRepo::ContentRepo(ContentRepo&&) noexcept = default;
ContentRepo& ContentRepo::operator=(ContentRepo&&) noexcept = default;
ContentRepo::~ContentRepo() = default;

ContentRepo ContentRepo::open_or_init(const fs::path& dir, bool& created) {
    init_library();
    const fs::path root = fs::canonical(dir);
    git_repository* raw = nullptr;
    created = false;
    if (git_repository_open_ext(&raw, root.c_str(), GIT_REPOSITORY_OPEN_NO_SEARCH, nullptr) < 0) {
        check(git_repository_init(&raw, root.c_str(), 0), "init");
        created = true;
    }
    auto impl = std::make_unique<Impl>();
    impl->repo.reset(raw);
    ContentRepo repo(std::move(impl), root);
    if (created) {
        git_index* raw_index = nullptr;
        check(git_repository_index(&raw_index, repo.impl_->repo.get()), "index");
        Index index(raw_index);
        check(git_index_add_all(index.get(), nullptr, GIT_INDEX_ADD_DEFAULT, nullptr, nullptr),
              "add");
        check(git_index_write(index.get()), "write index");
        repo.commit({}, "xasite-admin", "Kho nội dung ban đầu (xasite admin)");
    }
    return repo;
}

std::string ContentRepo::commit(const std::vector<fs::path>& paths, const std::string& author,
                                const std::string& message) {
    git_repository* repo = impl_->repo.get();
    git_index* raw_index = nullptr;
    check(git_repository_index(&raw_index, repo), "index");
    Index index(raw_index);
    check(git_index_read(index.get(), 0), "read index");
    for (const auto& p : paths) {
        const std::string rel = git_path(p);
        std::error_code ec;
        if (fs::exists(workdir_ / p, ec))
            check(git_index_add_bypath(index.get(), rel.c_str()), "add");
        else if (git_index_get_bypath(index.get(), rel.c_str(), 0))
            check(git_index_remove_bypath(index.get(), rel.c_str()), "remove");
    }
    check(git_index_write(index.get()), "write index");
    git_oid tree_id;
    check(git_index_write_tree(&tree_id, index.get()), "write tree");
    git_tree* raw_tree = nullptr;
    check(git_tree_lookup(&raw_tree, repo, &tree_id), "tree");
    Tree tree(raw_tree);

    Commit parent;
    git_oid head;
    if (git_reference_name_to_id(&head, repo, "HEAD") == 0) {
        git_commit* raw_parent = nullptr;
        check(git_commit_lookup(&raw_parent, repo, &head), "HEAD");
        parent.reset(raw_parent);
    }
    git_signature* raw_sig = nullptr;
    check(git_signature_now(&raw_sig, author.c_str(), (author + "@xasite-admin.invalid").c_str()),
          "signature");
    Signature sig(raw_sig);
    const git_commit* parents[1] = {parent.get()};
    git_oid id;
    check(git_commit_create(&id, repo, "HEAD", sig.get(), sig.get(), "UTF-8",
                            (message + "\n").c_str(), tree.get(), parent ? 1 : 0, parents),
          "commit");
    return hex(&id);
}

std::vector<Revision> ContentRepo::history(const fs::path& path, std::size_t limit) const {
    git_repository* repo = impl_->repo.get();
    std::vector<Revision> out;
    git_revwalk* raw_walk = nullptr;
    check(git_revwalk_new(&raw_walk, repo), "revwalk");
    Revwalk walk(raw_walk);
    git_revwalk_sorting(walk.get(), GIT_SORT_TIME);
    if (git_revwalk_push_head(walk.get()) < 0) return out;
    const std::string rel = git_path(path);
    git_oid id;
    while (out.size() < limit && git_revwalk_next(&id, walk.get()) == 0) {
        git_commit* raw = nullptr;
        if (git_commit_lookup(&raw, repo, &id) < 0) continue;
        Commit commit(raw);
        git_oid mine, theirs;
        const bool here = blob_id(commit.get(), rel, mine);
        bool changed;
        if (git_commit_parentcount(commit.get()) == 0) {
            changed = here;
        } else {
            git_commit* raw_parent = nullptr;
            check(git_commit_parent(&raw_parent, commit.get(), 0), "parent");
            Commit parent(raw_parent);
            const bool there = blob_id(parent.get(), rel, theirs);
            changed = here != there || (here && !git_oid_equal(&mine, &theirs));
        }
        if (!changed) continue;
        const git_signature* a = git_commit_author(commit.get());
        std::string message =
            git_commit_summary(commit.get()) ? git_commit_summary(commit.get()) : "";
        out.push_back({hex(&id), a && a->name ? a->name : "", a ? a->when.time : 0, message});
    }
    return out;
}

std::optional<std::string> ContentRepo::file_at(const std::string& commit_id,
                                                const fs::path& path) const {
    git_repository* repo = impl_->repo.get();
    git_oid id;
    if (commit_id.size() != GIT_OID_HEXSZ || git_oid_fromstr(&id, commit_id.c_str()) < 0)
        return std::nullopt;
    git_commit* raw = nullptr;
    if (git_commit_lookup(&raw, repo, &id) < 0) return std::nullopt;
    Commit commit(raw);
    git_oid blob;
    if (!blob_id(commit.get(), git_path(path), blob)) return std::nullopt;
    git_blob* raw_blob = nullptr;
    if (git_blob_lookup(&raw_blob, repo, &blob) < 0) return std::nullopt;
    Blob b(raw_blob);
    return std::string(static_cast<const char*>(git_blob_rawcontent(b.get())),
                       static_cast<std::size_t>(git_blob_rawsize(b.get())));
}

}  // namespace xasite::admin
