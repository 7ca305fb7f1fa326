"""The Sites feature: the sites tab, the site dialog and picker, visitor lists and clearances."""
