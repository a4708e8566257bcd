"""Models of the media_library app."""
