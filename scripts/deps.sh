#!/usr/bin/env bash
# Installs what building (and, with "test", testing) smr-timer needs on
# Debian/Ubuntu, but only what is missing. As root it runs apt-get; otherwise
# sudo; where neither works it prints the exact command and fails.
set -euo pipefail

build_pkgs=(meson ninja-build pkg-config gcc libsdl2-dev libsdl2-ttf-dev libsdl2-mixer-dev
  libsdl2-image-dev libcjson-dev libfontconfig-dev libespeak-ng-dev espeak-ng-data gettext
  libpulse-dev
  fonts-dejavu-core python3
  libcairo2-dev libpango1.0-dev librsvg2-dev)
# The install tests check the installed tree with the tools a desktop uses:
# desktop-file-validate, appstreamcli, update-mime-database, xdg-mime (which
# asks File::MimeInfo's mimetype, or gio under GNOME), man; unshare hides the
# source tree from the relocated binary. poppler-utils: pdfinfo, pdftotext and
# pdftoppm read the handout back.
test_pkgs=(libcmocka-dev xvfb xauth desktop-file-utils appstream shared-mime-info xdg-utils
  libfile-mimeinfo-perl libglib2.0-bin man-db groff-base util-linux
  locales pulseaudio pulseaudio-utils poppler-utils)  # locales: tests/i18n; pulseaudio: tests/audio/pulse_e2e.py
# CI also builds with clang (sanitizers, libFuzzer).
ci_pkgs=(clang libclang-rt-14-dev)
valgrind_pkgs=(valgrind)

want=("${build_pkgs[@]}")
case "${1:-run}" in
  test) want+=("${test_pkgs[@]}") ;;
  ci) want+=("${test_pkgs[@]}" "${ci_pkgs[@]}") ;;
  bench) want+=("${test_pkgs[@]}") ;;
  valgrind) want+=("${test_pkgs[@]}" "${valgrind_pkgs[@]}") ;;
esac

missing=()
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
  echo "smr-timer: missing packages: ${missing[*]}; this is not a Debian/Ubuntu system, install their equivalents by hand" >&2
  exit 1
fi
cmd=(apt-get install -y --no-install-recommends "${missing[@]}")
if [ "$(id -u)" -eq 0 ]; then
  sudo=()
elif command -v sudo >/dev/null 2>&1; then
  sudo=(sudo)
else
  echo "smr-timer: missing packages; run as root: apt-get update && ${cmd[*]}" >&2
  exit 1
fi
echo "smr-timer: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" "${cmd[@]}"
