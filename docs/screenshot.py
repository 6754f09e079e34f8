"""Refresh the README's picture of the explorer: ``make screenshot`` (or ``python docs/screenshot.py PNG``).

Builds the seed corpus, opens its page in Debian's Chromium (playwright, from the test extras)
and saves the first view with the details of the best connected entity. Only this command
writes docs/explorer.png; the tests write to temporary folders.
"""
from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

import kg

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"


def main(target: str) -> None:
    from playwright.sync_api import sync_playwright

    graph = kg.build_graph([ROOT / "seeds"])
    hub = max(sorted(graph), key=graph.degree)
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        page_file = kg.write_html(graph, Path(tmp) / "graph.html")
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": 1400, "height": 850})
        page.goto(page_file.as_uri())
        # Polled from here: the page's CSP forbids the eval that wait_for_function uses.
        for _ in range(600):
            if page.evaluate("window.kgExplorer && kgExplorer.ready"):
                break
            time.sleep(0.05)
        else:
            raise SystemExit("the explorer never finished its layout")
        page.evaluate("id => kgExplorer.showNode(id)", hub)
        page.evaluate("id => network.selectNodes([id])", hub)
        box = page.locator("#mynetwork").bounding_box()  # a corner of the canvas: no tooltip in the picture
        page.mouse.move(box["x"] + box["width"] - 3, box["y"] + box["height"] - 3)
        page.wait_for_timeout(300)
        page.screenshot(path=target)
        browser.close()
    print(f"wrote {target}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else str(ROOT / "docs" / "explorer.png"))
