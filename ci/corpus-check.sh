#!/usr/bin/env bash
# What a corpus repository checks on every change: the GitHub action (action.yml) runs this
# script, and it runs the same anywhere else with bash.
#
#   1. datapkg check SOURCE         the texts and their catalogue against the schemas
#   2. rebuild and compare          the version the sources describe, built again in a temporary
#                                   folder, must be byte for byte the package committed in OUT;
#                                   `datapkg build` names the files that differ
#   3. datapkg validate-all OUT     every published version
#
# Nothing in SOURCE or OUT is written. Every step runs (the rebuild only when the sources are
# valid: it would refuse them); the exit code is 1 when any failed, 2 on bad usage.
set -euo pipefail

usage() {
    cat <<'EOF'
usage: corpus-check.sh --source DIR [--out DIR] [--install VERSION|FOLDER]

  --source DIR   the folder of .txt files and their catalog.yaml (required)
  --out DIR      the folder of published package versions (default: dist)
  --install X    first install datapkg into a fresh virtual environment, from a folder holding
                 the toolkit (the action's own copy), or a version X.Y.Z: the tag vX.Y.Z of the
                 git repository in $DATAPKG_REPOSITORY. Without it, the datapkg on PATH is used.
EOF
}

say() { printf '%s\n' "$*"; }

# A finding: on stderr, and as an annotation when running on GitHub.
finding() {
    printf 'corpus-check: %s\n' "$*" >&2
    if [[ ${GITHUB_ACTIONS:-} == true ]]; then
        printf '::error title=datapkg::%s\n' "$*"
    fi
}

bad_usage() {
    printf 'corpus-check: %s\n' "$*" >&2
    usage >&2
    exit 2
}

source_dir=""
out_dir="dist"
install=""
while (($#)); do
    case $1 in
        --source | --out | --install)
            (($# >= 2)) || bad_usage "$1 needs a value"
            case $1 in
                --source) source_dir=$2 ;;
                --out) out_dir=$2 ;;
                --install) install=$2 ;;
            esac
            shift 2
            ;;
        -h | --help)
            usage
            exit 0
            ;;
        *) bad_usage "unknown argument: $1" ;;
    esac
done
[[ -n $source_dir ]] || bad_usage "--source is required: the folder that holds your texts (the action's \`source\` input)"
[[ -n $out_dir ]] || bad_usage "--out is empty: give the folder of published versions, e.g. dist"

work=$(mktemp -d "${RUNNER_TEMP:-${TMPDIR:-/tmp}}/corpus-check.XXXXXX")
trap 'rm -rf "$work"' EXIT

install_datapkg() {
    local what=$1 from repository
    if [[ $what =~ ^v?[0-9]+\.[0-9]+\.[0-9]+([-+][0-9A-Za-z.+-]+)?$ ]]; then
        # The action passes the repository it was fetched from; elsewhere, say it yourself.
        repository=${DATAPKG_REPOSITORY:-}
        if [[ -z $repository && -n ${DATAPKG_ACTION_REPOSITORY:-} ]]; then
            repository="${DATAPKG_SERVER_URL:-https://github.com}/$DATAPKG_ACTION_REPOSITORY"
        fi
        [[ -n $repository ]] || bad_usage "--install $what: which repository is datapkg $what in? \
set DATAPKG_REPOSITORY to its git URL (an action used with \`uses: ./\` does not know it)"
        from="$work/datapkg-${what#v}"
        say "==> fetching datapkg ${what#v} (tag v${what#v} of $repository)"
        if ! git clone --quiet --depth 1 --branch "v${what#v}" "$repository" "$from"; then
            finding "could not fetch tag v${what#v} from $repository: is ${what#v} a released version?"
            exit 1
        fi
    elif [[ -d $what ]]; then
        from=$what
    else
        bad_usage "--install $what: neither a version X.Y.Z nor a folder"
    fi
    say "==> installing datapkg from $from"
    python3 -m venv "$work/venv"
    # The toolkit's own pins, when it has them: the same versions as its tests, and the same bytes.
    if [[ -f $from/requirements.lock ]]; then
        "$work/venv/bin/python" -m pip install --quiet --disable-pip-version-check \
            -c "$from/requirements.lock" "$from"
    else
        "$work/venv/bin/python" -m pip install --quiet --disable-pip-version-check "$from"
    fi
    PATH="$work/venv/bin:$PATH"
}

if [[ -n $install ]]; then
    install_datapkg "$install"
    say "==> $(datapkg --version)"
fi
command -v datapkg >/dev/null || {
    finding "no datapkg on PATH: install it, or pass --install"
    exit 1
}
say "==> datapkg is $(command -v datapkg)"

# Build the sources' current version into a copy of OUT's package folders: `datapkg build`
# then compares it with the committed one (and writes nothing when they are identical).
rebuild_and_compare() {
    local copy="$work/out" output status=0 folder name missing=()
    mkdir "$copy"
    if [[ -d $out_dir ]]; then
        # The package folders only, never followed through a link (links inside them stay
        # links, which build counts as differing); the archives and SHA256SUMS are left out.
        find "$out_dir" -mindepth 1 -maxdepth 1 -type d ! -name '.*' -exec cp -R {} "$copy/" \;
    fi
    output=$(datapkg build "$source_dir" --out "$copy" 2>&1) || status=$?
    # Show the committed folder's name, not the temporary copy's.
    say "${output//"$copy"/"$out_dir"}"
    if ((status != 0)); then
        finding "$source_dir does not rebuild to a version committed in $out_dir (why is above): \
a published version never changes; publish a change with datapkg release, and commit $out_dir"
        return 1
    fi
    shopt -s nullglob
    for folder in "$copy"/*/; do
        name=$(basename "$folder")
        [[ -d $out_dir/$name ]] || missing+=("$name")
    done
    if ((${#missing[@]})); then
        finding "$out_dir has no ${missing[*]}/, the version $source_dir describes: build or \
release it (datapkg build $source_dir --out $out_dir) and commit it"
        return 1
    fi
}

failed=()

say "==> datapkg check $source_dir"
if datapkg check "$source_dir"; then
    say "==> rebuild the current version and compare it with $out_dir"
    rebuild_and_compare || failed+=("rebuild")
else
    failed+=("check")
    finding "$source_dir has invalid sources (listed above); the rebuild was skipped"
fi

say "==> datapkg validate-all $out_dir"
datapkg validate-all "$out_dir" || failed+=("validate-all")

if ((${#failed[@]})); then
    finding "failed: ${failed[*]}"
    exit 1
fi
say "corpus-check: $source_dir and $out_dir passed check, rebuild and validate-all"
