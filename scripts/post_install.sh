#!/bin/sh
# Run by `meson install` into a live prefix (meson skips it for --destdir
# staging, where a package's own triggers do this): refresh the caches that
# desktops read, so the menu entry, the routine file type and the icon show up
# at once. Each tool only if installed; a missing one costs nothing but a
# later refresh. Usage (from data/meson.build): post_install.sh DATADIR
datadir=${MESON_INSTALL_DESTDIR_PREFIX:?run by meson install}/$1
if command -v update-mime-database >/dev/null 2>&1; then
  update-mime-database "$datadir/mime" || echo "smr-timer: update-mime-database $datadir/mime failed" >&2
fi
if command -v update-desktop-database >/dev/null 2>&1; then
  update-desktop-database -q "$datadir/applications" || echo "smr-timer: update-desktop-database failed" >&2
fi
if command -v gtk-update-icon-cache >/dev/null 2>&1 && [ -f "$datadir/icons/hicolor/index.theme" ]; then
  gtk-update-icon-cache -q -t -f "$datadir/icons/hicolor" || echo "smr-timer: gtk-update-icon-cache failed" >&2
fi
exit 0
