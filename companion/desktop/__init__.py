"""Desktop integration that needs no Qt: starting at login, the desktop entry, keeping the
screen awake (the freedesktop screensaver over D-Bus, with jeepney) and the reduce-motion
preference. What listens with QtDBus (the screen-lock watcher) lives in ui/shell."""
