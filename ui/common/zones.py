"""The time zones a zone field offers first (any IANA name may be typed)."""

COMMON_ZONES = ("Asia/Tokyo", "America/New_York", "America/Chicago", "America/Los_Angeles",
                "Europe/London", "UTC")
