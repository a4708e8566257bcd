"""Log formats. `LOG_FORMAT=json` writes one JSON object per line, for log collectors:

    {"time": "2026-12-01T10:00:00.123Z", "level": "WARNING", "logger": "shopplatform.api.outages",
     "message": "...", "request_id": "3b13ae62-...", "exception": "Traceback ..."}

`request_id` comes from RequestIdLogFilter ("-" outside a request or task); `exception` only when there is one.
"""

import json
import logging
from datetime import UTC, datetime


class JsonLogFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        line = {
            "time": datetime.fromtimestamp(record.created, UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z",
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", "-"),
        }
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False, default=str)
