#!/usr/bin/env python3
"""How long a saved change takes to show in the preview, as a browser sees it.

    preview.py BINARY SOURCE SAVES

Starts `BINARY serve --source SOURCE --port 0` and waits as an open page's reload script
does: a request to /_mokuteki/changes?since=VERSION, answered when the version changes.
Then, SAVES times over: rewrites SOURCE with one word changed (the society's name, as an
editor saves the whole file), and measures from just before the save until the page,
requested again as the reloading browser requests it, holds the new word. Prints the
median, the 95th percentile and the largest, in milliseconds, as
`median_ms p95_ms max_ms` on one line.
"""

import http.client
import re
import subprocess
import sys
import time

NAME = "労働者健康安全機構健康保険組合"


def get(port: int, path: str, timeout: float = 30.0) -> str:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    connection.request("GET", path, headers={"Cache-Control": "no-store"})
    body = connection.getresponse().read().decode("utf-8", "replace")
    connection.close()
    return body


def version_of(page: str) -> int:
    found = re.search(r"var version = (\d+);", page)
    if not found:
        sys.exit("preview.py: the page has no reload script")
    return int(found.group(1))


def main() -> None:
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    binary, source, saves = sys.argv[1], sys.argv[2], int(sys.argv[3])
    original = open(source, encoding="utf-8").read()
    if NAME not in original:
        sys.exit(f"preview.py: {source} does not name {NAME}")
    server = subprocess.Popen(
        [binary, "serve", "--source", source, "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        port = None
        for line in server.stdout:
            found = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
            if found:
                port = int(found.group(1))
                break
        if port is None:
            sys.exit("preview.py: serve printed no address")
        page_path = "/notice.html"
        times = []
        for save in range(saves):
            version = version_of(get(port, page_path))
            word = f"第{save}号"
            started = time.perf_counter()
            with open(source, "w", encoding="utf-8") as file:
                file.write(original.replace(NAME, NAME + word, 1))
            # The reload script's long poll, then the page as the browser reloads it.
            while int(get(port, f"/_mokuteki/changes?since={version}")) == version:
                pass
            while word not in get(port, page_path):
                time.sleep(0.001)
            times.append((time.perf_counter() - started) * 1000)
            # A pause between saves, as between a person's: each is seen on its own.
            time.sleep(0.05)
        times.sort()
        p95 = times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))]
        print(f"{times[len(times) // 2]:.1f} {p95:.1f} {times[-1]:.1f}")
    finally:
        with open(source, "w", encoding="utf-8") as file:
            file.write(original)
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
