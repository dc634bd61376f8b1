"""The window and what every feature shares: the composition root's helpers, the main window,
tray, single instance, theme, base page, notices, help and welcome dialogs, workers, wording,
the settings model, the audio service and shared widgets."""
