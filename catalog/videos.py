"""Product video links: only YouTube and Vimeo videos are accepted, and each has a player URL.

Accepted links (http or https; `www.` and `m.` hosts too; query strings other than YouTube's `v` are ignored):
- YouTube: `youtube.com/watch?v=ID`, `youtu.be/ID`, `youtube.com/{embed,shorts,live,v}/ID`,
  `youtube-nocookie.com/embed/ID`, where ID is YouTube's 11 characters of `[A-Za-z0-9_-]`.
- Vimeo: `vimeo.com/NUMBER`, `vimeo.com/NUMBER/HASH` (an unlisted video), `vimeo.com/channels/NAME/NUMBER`,
  `vimeo.com/groups/NAME/videos/NUMBER`, `player.vimeo.com/video/NUMBER` (`?h=HASH` kept).
Player URLs: `https://www.youtube.com/embed/ID` and `https://player.vimeo.com/video/NUMBER` (`?h=HASH` for an
unlisted video, which Vimeo's player needs to play it).
"""

import re
from urllib.parse import parse_qs, urlsplit

YOUTUBE_ID = re.compile(r"[A-Za-z0-9_-]{11}")
VIMEO_NUMBER = re.compile(r"[0-9]{1,12}")
VIMEO_HASH = re.compile(r"[0-9a-f]{6,20}")
YOUTUBE_HOSTS = frozenset({"youtube.com", "youtube-nocookie.com"})
YOUTUBE_PATH_KINDS = frozenset({"embed", "shorts", "live", "v"})


def video_embed_url(url: str) -> str | None:
    """The player URL of a YouTube or Vimeo video link, or None for any other link (or none)."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    host = parts.hostname.removeprefix("www.").removeprefix("m.")
    segments = [segment for segment in parts.path.split("/") if segment]
    query = parse_qs(parts.query)
    if host in YOUTUBE_HOSTS or host == "youtu.be":
        video_id = _youtube_id(host, segments, query)
        return f"https://www.youtube.com/embed/{video_id}" if video_id else None
    if host in ("vimeo.com", "player.vimeo.com"):
        return _vimeo_player(host, segments, query)
    return None


def _youtube_id(host: str, segments: list[str], query: dict[str, list[str]]) -> str | None:
    if host == "youtu.be":
        candidate = segments[0] if len(segments) == 1 else ""
    elif segments == ["watch"]:
        candidate = query.get("v", [""])[0]
    elif len(segments) == 2 and segments[0] in YOUTUBE_PATH_KINDS:
        candidate = segments[1]
    else:
        candidate = ""
    return candidate if YOUTUBE_ID.fullmatch(candidate) else None


def _vimeo_player(host: str, segments: list[str], query: dict[str, list[str]]) -> str | None:
    unlisted_hash = query.get("h", [""])[0]
    if host == "player.vimeo.com":
        number = segments[1] if len(segments) == 2 and segments[0] == "video" else ""
    elif len(segments) == 1:
        number = segments[0]
    elif len(segments) == 2 and VIMEO_NUMBER.fullmatch(segments[0]):
        number, unlisted_hash = segments
    elif len(segments) == 3 and segments[0] == "channels":
        number = segments[2]
    elif len(segments) == 4 and segments[0] == "groups" and segments[2] == "videos":
        number = segments[3]
    else:
        number = ""
    if not VIMEO_NUMBER.fullmatch(number) or (unlisted_hash and not VIMEO_HASH.fullmatch(unlisted_hash)):
        return None
    player = f"https://player.vimeo.com/video/{number}"
    return f"{player}?h={unlisted_hash}" if unlisted_hash else player
