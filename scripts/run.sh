#!/usr/bin/env bash
# `make run`: launch the app, or say in one line why it cannot open a window.
bin=$1; shift
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ -z "${SDL_VIDEODRIVER:-}" ]; then
  echo "smr-timer: no display (DISPLAY and WAYLAND_DISPLAY are unset); run it in a desktop session, or headless with: xvfb-run -a make run" >&2
  exit 1
fi
exec "$bin" "$@"
