#!/usr/bin/env bash
# Installs rossum-tui and rossum-sandbox for one person: the two programs, shell completions
# for bash, zsh and fish, and man pages. Nothing installed reads the checkout afterwards (the
# themes are compiled into the binary), so the checkout can be moved or deleted.
#
#   scripts/install.sh                  # builds release, installs under ~/.local
#   scripts/install.sh --prefix DIR     # installs under DIR (DIR/bin, DIR/share/...)
#   scripts/install.sh --uninstall [--prefix DIR]   # removes exactly what it installs
#
# ROSSUM_INSTALL_FROM=DIR installs the programs already built in DIR instead of building
# (the tests point it at a debug build); man pages are then skipped, as they need a build.
set -euo pipefail
cd "$(dirname "$0")/.."

usage() { sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; }

prefix="${HOME:?HOME is not set}/.local"
uninstall=false
while [ $# -gt 0 ]; do
  case "$1" in
    --prefix) [ $# -ge 2 ] || { echo "install.sh: --prefix needs a folder" >&2; exit 2; }; prefix="$2"; shift 2 ;;
    --prefix=*) prefix="${1#--prefix=}"; shift ;;
    --uninstall) uninstall=true; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "install.sh: unknown argument \"$1\"" >&2; usage >&2; exit 2 ;;
  esac
done
[ -n "$prefix" ] || { echo "install.sh: --prefix is empty" >&2; exit 2; }
case "$prefix" in /*) ;; *) prefix="$PWD/$prefix" ;; esac

programs=(rossum-tui rossum-sandbox)
bash_completion="$prefix/share/bash-completion/completions/rossum-tui"
zsh_completion="$prefix/share/zsh/site-functions/_rossum-tui"
fish_completion="$prefix/share/fish/vendor_completions.d/rossum-tui.fish"
man_dir="$prefix/share/man/man1"
installed=(
  "$prefix/bin/rossum-tui" "$prefix/bin/rossum-sandbox"
  "$bash_completion" "$zsh_completion" "$fish_completion"
  "$man_dir/rossum-tui.1" "$man_dir/rossum-sandbox.1"
)

if $uninstall; then
  for file in "${installed[@]}"; do
    if [ -e "$file" ]; then rm -f "$file" && echo "removed $file"; fi
  done
  echo "rossum-tui is uninstalled from $prefix. Your profiles, themes and command history stay in"
  echo "${XDG_CONFIG_HOME:-~/.config}/rossum-tui and ${XDG_STATE_HOME:-~/.local/state}/rossum-tui: remove those to forget them too."
  exit 0
fi

if [ -n "${ROSSUM_INSTALL_FROM:-}" ]; then
  bin="$ROSSUM_INSTALL_FROM"
  echo "installing the programs built in $bin"
else
  echo "building release (a few minutes the first time)..."
  swift build -c release
  bin="$(swift build -c release --show-bin-path)"
fi
for program in "${programs[@]}"; do
  [ -x "$bin/$program" ] || { echo "install.sh: $bin/$program is missing; build it first" >&2; exit 1; }
done

mkdir -p "$prefix/bin" "$(dirname "$bash_completion")" "$(dirname "$zsh_completion")" "$(dirname "$fish_completion")"
for program in "${programs[@]}"; do
  # Copied to a temporary name, then renamed: a running copy of the old binary keeps working.
  install -m 755 "$bin/$program" "$prefix/bin/.$program.new"
  mv -f "$prefix/bin/.$program.new" "$prefix/bin/$program"
  echo "installed $prefix/bin/$program"
done

# Completions come from the installed binary itself, so they always match its commands.
"$prefix/bin/rossum-tui" --generate-completion-script bash > "$bash_completion"
"$prefix/bin/rossum-tui" --generate-completion-script zsh > "$zsh_completion"
"$prefix/bin/rossum-tui" --generate-completion-script fish > "$fish_completion"
echo "installed completions: $bash_completion, $zsh_completion, $fish_completion"

# Man pages from swift-argument-parser's generate-manual plugin, which builds the package
# (release, as above) and writes one page per program under the plugin's work folder.
if [ -n "${ROSSUM_INSTALL_FROM:-}" ]; then
  echo "man pages skipped (they are made from a release build; run without ROSSUM_INSTALL_FROM)"
elif swift package plugin --list 2>/dev/null | grep -q "generate-manual"; then
  swift package generate-manual >/dev/null
  mkdir -p "$man_dir"
  for program in "${programs[@]}"; do
    page="$(find .build/plugins -path "*GenerateManual*" -name "$program.1" -newer "$bin/$program" 2>/dev/null | head -1)"
    if [ -n "$page" ]; then
      install -m 644 "$page" "$man_dir/$program.1"
      echo "installed $man_dir/$program.1"
    else
      echo "no man page was made for $program" >&2
    fi
  done
else
  echo "man pages skipped: this swift-argument-parser has no generate-manual plugin"
fi

echo
case ":$PATH:" in
  *":$prefix/bin:"*) ;;
  *) echo "add $prefix/bin to PATH, e.g. in ~/.profile: export PATH=\"$prefix/bin:\$PATH\"" ;;
esac
echo "zsh: fpath+=($prefix/share/zsh/site-functions) before compinit, if it is not there already"
echo "fish: set -p fish_complete_path $prefix/share/fish/vendor_completions.d, if $prefix/share is not in XDG_DATA_DIRS"
echo "try it: rossum-tui demo    (remove it: scripts/install.sh --uninstall --prefix $prefix)"
