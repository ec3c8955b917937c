# bash completion for xasite(1). Installed as
# /usr/share/bash-completion/completions/xasite (loaded on demand by bash-completion); or
# `source packaging/completion/xasite.bash`.
# A static table: keep it in step with `xasite <command> --help` (tests/packaging checks it).

# The options of each command path ("build", "admin user add", …).
_xasite_options() {
    case "$1" in
        "") echo "--help --version" ;;
        build) echo "--help --content --out --jobs -j --unit --no-index --quiet -q --lang --clean --nginx-upstream --nginx-listen --nginx-root" ;;
        units) echo "--help" ;;
        "units lookup") echo "--help --json --content" ;;
        import) echo "--help" ;;
        "import dvc") echo "--help --out --prune" ;;
        check) echo "--help --site --jobs -j" ;;
        directive) echo "--help" ;;
        "directive inspect") echo "--help --json" ;;
        search) echo "--help --site --index --unit --type --field --level --limit --offset --context --event --json" ;;
        serve) echo "--help --site --host --port --quiet -q --threads --max-connections --timeout --header-memory --index --packages --watch --content --unit" ;;
        new) echo "--help --unit --content" ;;
        preview) echo "--help --content --out --unit --host --port --jobs -j --index --quiet -q" ;;
        archive) echo "--help" ;;
        "archive ingest") echo "--help --unit --captured --content --base-url --demonstration --max-record-expansion --max-package-expansion" ;;
        "archive verify") echo "--help" ;;
        "archive export") echo "--help --format --output -o" ;;
        admin) echo "--help --content --site --users --host --port --unit --no-index --public-url --secure-cookie --quiet -q" ;;
        "admin user") echo "--help" ;;
        "admin user add") echo "--help --users --unit --role --content --site" ;;
        "admin user list" | "admin user remove" | "admin user passwd") echo "--help --users" ;;
    esac
}

# The subcommands below a command path.
_xasite_subcommands() {
    case "$1" in
        "") echo "build units import check directive search serve new preview archive admin" ;;
        units) echo "lookup" ;;
        import) echo "dvc" ;;
        directive) echo "inspect" ;;
        archive) echo "ingest verify export" ;;
        admin) echo "user" ;;
        "admin user") echo "add list remove passwd" ;;
    esac
}

# Whether option $2 of command path $1 is followed by a value (which is then not a subcommand).
_xasite_takes_value() {
    case "$1 $2" in
        "preview --index") return 1 ;; # a flag there; search --index DIR takes a folder
    esac
    case "$2" in
        --content | --out | --jobs | -j | --unit | --lang | --site | --index | --type | --field | \
            --level | --limit | --offset | --context | --event | --host | --port | --packages | \
            --users | --public-url | --role | --captured | --base-url | --demonstration | \
            --max-record-expansion | --max-package-expansion | --format | --output | -o | \
            --nginx-upstream | --nginx-listen | --nginx-root | --threads | --max-connections | \
            --timeout | --header-memory) return 0 ;;
    esac
    return 1
}

_xasite() {
    local cur prev path="" word i
    COMPREPLY=()
    cur="${COMP_WORDS[COMP_CWORD]}"
    prev="${COMP_WORDS[COMP_CWORD - 1]}"

    # Walk the words before the cursor: subcommands extend the path, option values are skipped.
    for ((i = 1; i < COMP_CWORD; i++)); do
        word="${COMP_WORDS[i]}"
        if _xasite_takes_value "$path" "$word"; then
            ((i++))
            continue
        fi
        case " $(_xasite_subcommands "$path") " in
            *" $word "*) path="${path:+$path }$word" ;;
        esac
    done

    # The value of an option.
    _xasite_takes_value "$path" "$prev" && case "$prev" in
        --content | --out | --site | --index | --packages)
            compopt -o filenames 2>/dev/null || true
            COMPREPLY=($(compgen -d -- "$cur"))
            return 0
            ;;
        --users | --output | -o)
            compopt -o filenames 2>/dev/null || true
            COMPREPLY=($(compgen -f -- "$cur"))
            return 0
            ;;
        --lang)
            COMPREPLY=($(compgen -W "en vi" -- "$cur"))
            return 0
            ;;
        --role)
            COMPREPLY=($(compgen -W "editor approver" -- "$cur"))
            return 0
            ;;
        --type)
            COMPREPLY=($(compgen -W "procedure directive page archive" -- "$cur"))
            return 0
            ;;
        --level)
            COMPREPLY=($(compgen -W "commune province ministry vertical other" -- "$cur"))
            return 0
            ;;
        --format)
            COMPREPLY=($(compgen -W "wacz" -- "$cur"))
            return 0
            ;;
        --jobs | -j | --unit | --host | --port | --limit | --offset | --context | --event | \
            --field | --public-url | --captured | --base-url | --demonstration | \
            --max-record-expansion | --max-package-expansion)
            return 0 # free text: nothing to offer
            ;;
    esac

    if [[ "$cur" == -* ]]; then
        COMPREPLY=($(compgen -W "$(_xasite_options "$path")" -- "$cur"))
        return 0
    fi
    local subs
    subs="$(_xasite_subcommands "$path")"
    if [[ -n "$subs" ]]; then
        COMPREPLY=($(compgen -W "$subs" -- "$cur"))
        return 0
    fi
    # Positional arguments.
    case "$path" in
        new)
            COMPREPLY=($(compgen -W "tin-tuc lich-cong-tac trang van-ban" -- "$cur"))
            ;;
        "import dvc" | "directive inspect" | "archive ingest")
            compopt -o filenames 2>/dev/null || true
            COMPREPLY=($(compgen -f -- "$cur"))
            ;;
        "archive verify" | "archive export")
            compopt -o filenames 2>/dev/null || true
            COMPREPLY=($(compgen -d -- "$cur"))
            ;;
    esac
    return 0
}

complete -F _xasite xasite
