#!/usr/bin/python3
"""Render a GitHub-flavoured Markdown file as GitHub shows it, and screenshot it (stdlib only).

    /usr/bin/python3 scripts/render-markdown.py IN.md OUT.png [--html OUT.html] [--width 1012]
        [--css DIR/github-markdown-light.css] [--strict]

1. cmark-gfm with the table, strikethrough, tasklist, autolink and tagfilter extensions.
2. Raw HTML is then sanitised the way github.com does (html-pipeline's SanitizationFilter
   allowlist): <details>, <summary>, <sub>, <kbd>, tables ... stay; <script>, <style>, forms,
   event handlers, `style=` and unknown tags go; HTML comments (the sticky marker) vanish.
   --strict instead runs cmark-gfm without --unsafe, which drops every raw HTML block
   (<details> included), so it shows what a stricter renderer would.
3. Wrapped in <article class="markdown-body"> with npm github-markdown-css (inlined), as
   GitHub's own README-style page (980 px column, 45 px padding).
4. Chromium headless (Debian `chromium`), driven over --remote-debugging-pipe (CDP), measures
   the page and captures it whole (no guessed window height) to OUT.png.
"""

import argparse
import base64
import html
import html.parser
import json
import os
import re
import select
import shutil
import subprocess
import sys
import tempfile
import time

ALLOWED = set("""h1 h2 h3 h4 h5 h6 h7 h8 br b i strong em a pre code img tt div ins del sup sub p
ol ul table thead tbody tfoot blockquote dl dt dd kbd q samp var hr ruby rt rp li tr td th s strike
summary details caption figure figcaption abbr bdo cite dfn mark small span time wbr input
picture source""".split())
REMOVE_WITH_CONTENT = {"script", "style", "textarea", "title", "iframe", "noscript", "xmp"}
ATTRS = {"a": {"href", "id", "name"}, "img": {"src", "alt", "width", "height", "align"},
         "div": {"itemscope", "itemtype"}, "details": {"open"},
         "input": {"type", "checked", "disabled", "class"},
         "code": {"class"}, "pre": {"lang"}, "li": {"class"}, "ul": {"class"},
         "th": {"align"}, "td": {"align"}, "source": {"srcset", "media"}}
COMMON = {"abbr", "accept", "align", "alt", "axis", "border", "cellpadding", "cellspacing",
          "char", "charoff", "charset", "checked", "clear", "cols", "colspan", "color", "compact",
          "coords", "datetime", "dir", "disabled", "headers", "height", "hreflang", "hspace",
          "ismap", "label", "lang", "maxlength", "media", "method", "multiple", "name",
          "nohref", "noshade", "nowrap", "open", "progress", "prompt", "readonly", "rel",
          "rev", "role", "rows", "rowspan", "rules", "scope", "selected", "shape", "size",
          "span", "start", "summary", "tabindex", "title", "type", "usemap", "valign", "value",
          "width", "itemprop"}
SAFE_URL = re.compile(r"^(https?:|mailto:|#|/|\.|[^:]*$)", re.I)


class Sanitizer(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.out, self.skip = [], 0

    def handle_starttag(self, tag, attrs, close=False):
        if tag in REMOVE_WITH_CONTENT:
            self.skip += 0 if close else 1
            return
        if self.skip or tag not in ALLOWED:
            return
        keep = []
        for k, v in attrs:
            if k.startswith("on") or k == "style":
                continue
            if k in ATTRS.get(tag, set()) or k in COMMON:
                if k in ("href", "src") and v is not None and not SAFE_URL.match(v.strip()):
                    continue
                keep.append(k if v is None else '%s="%s"' % (k, html.escape(v, quote=True)))
        self.out.append("<%s%s%s>" % (tag, "".join(" " + a for a in keep), " /" if close else ""))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs, close=True)

    def handle_endtag(self, tag):
        if tag in REMOVE_WITH_CONTENT:
            self.skip = max(0, self.skip - 1)
            return
        if not self.skip and tag in ALLOWED:
            self.out.append("</%s>" % tag)

    def handle_data(self, data):
        if not self.skip:
            self.out.append(data)

    def handle_entityref(self, name):
        if not self.skip:
            self.out.append("&%s;" % name)

    def handle_charref(self, name):
        if not self.skip:
            self.out.append("&#%s;" % name)

    def handle_comment(self, data):
        pass   # GitHub drops comments: the sticky marker is invisible

    def handle_decl(self, decl):
        pass

    def handle_pi(self, data):
        pass


def to_html(md_text, strict):
    cmd = ["cmark-gfm", "-e", "table", "-e", "strikethrough", "-e", "tasklist", "-e", "autolink",
           "-e", "tagfilter"]
    if not strict:
        cmd.append("--unsafe")
    body = subprocess.run(cmd, input=md_text, capture_output=True, text=True, check=True).stdout
    if not strict:
        s = Sanitizer()
        s.feed(body)
        s.close()
        body = "".join(s.out)
    # GitHub's classes for task lists (github-markdown-css styles them)
    body = body.replace('<li><input type="checkbox"', '<li class="task-list-item">'
                        '<input class="task-list-item-checkbox" type="checkbox"')
    body = re.sub(r'<ul>(\s*<li class="task-list-item">)', r'<ul class="contains-task-list">\1', body)
    return body


def page(body, css):
    return ("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            "<style>\n%s\n</style>\n<style>\nbody{margin:0;background:#fff}\n"
            ".markdown-body{box-sizing:border-box;min-width:200px;max-width:980px;margin:0 auto;"
            "padding:45px}\n</style></head>\n<body><article class=\"markdown-body\">\n%s\n"
            "</article></body></html>\n") % (css, body)


class Cdp:
    """Chrome DevTools Protocol over --remote-debugging-pipe (fd 3 in, fd 4 out)."""

    def __init__(self, chromium, width):
        self.tmp = tempfile.mkdtemp(prefix="render-chromium-")
        to_child_r, self.to_child_w = os.pipe()
        self.from_child_r, from_child_w = os.pipe()

        def fds():
            a, b = os.dup(to_child_r), os.dup(from_child_w)
            os.dup2(a, 3)
            os.dup2(b, 4)
        self.proc = subprocess.Popen(
            [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
             "--no-first-run", "--disable-background-networking", "--disable-component-update",
             "--disable-sync", "--hide-scrollbars", "--user-data-dir=" + self.tmp,
             "--remote-debugging-pipe", "--window-size=%d,800" % width, "about:blank"],
            preexec_fn=fds, close_fds=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_child_r)
        os.close(from_child_w)
        self.buf, self.seq = b"", 0

    def send(self, method, params=None, session=None, timeout=30):
        self.seq += 1
        msg = {"id": self.seq, "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = session
        os.write(self.to_child_w, json.dumps(msg).encode() + b"\0")
        deadline = time.monotonic() + timeout
        while True:
            while b"\0" in self.buf:
                raw, self.buf = self.buf.split(b"\0", 1)
                m = json.loads(raw)
                if m.get("id") == self.seq:
                    if "error" in m:
                        raise RuntimeError("%s: %s" % (method, m["error"]))
                    return m["result"]
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self.from_child_r], [], [], left)[0]:
                raise RuntimeError("chromium did not answer %s" % method)
            chunk = os.read(self.from_child_r, 1 << 20)
            if not chunk:
                raise RuntimeError("chromium closed the pipe")
            self.buf += chunk

    def close(self):
        try:
            self.send("Browser.close", timeout=5)
        except Exception:
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        os.close(self.to_child_w)
        os.close(self.from_child_r)
        shutil.rmtree(self.tmp, ignore_errors=True)


def screenshot(html_path, png, width, chromium):
    cdp = Cdp(chromium, width)
    try:
        tid = cdp.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        sid = cdp.send("Target.attachToTarget", {"targetId": tid, "flatten": True})["sessionId"]
        cdp.send("Page.enable", session=sid)
        cdp.send("Emulation.setDeviceMetricsOverride", {"width": width, "height": 200,
                                                        "deviceScaleFactor": 1, "mobile": False},
                 session=sid)
        cdp.send("Page.navigate", {"url": "file://" + os.path.abspath(html_path)}, session=sid)
        for _ in range(100):
            r = cdp.send("Runtime.evaluate", {"expression": "document.readyState"}, session=sid)
            if r["result"].get("value") == "complete":
                break
            time.sleep(0.05)
        cdp.send("Runtime.evaluate", {"expression": "document.fonts.ready.then(() => 1)",
                                      "awaitPromise": True}, session=sid)
        h = cdp.send("Runtime.evaluate", {"expression":
                                          "Math.ceil(document.documentElement.scrollHeight)"},
                     session=sid)["result"]["value"]
        cdp.send("Emulation.setDeviceMetricsOverride", {"width": width, "height": int(h),
                                                        "deviceScaleFactor": 1, "mobile": False},
                 session=sid)
        data = cdp.send("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True},
                        session=sid)["data"]
        with open(png, "wb") as f:
            f.write(base64.b64decode(data))
        return int(h)
    finally:
        cdp.close()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("markdown")
    ap.add_argument("png")
    ap.add_argument("--html", help="also keep the HTML page here")
    ap.add_argument("--width", type=int, default=1012, help="viewport width (GitHub: 1012)")
    ap.add_argument("--css", default=os.environ.get("GITHUB_MARKDOWN_CSS"),
                    help="github-markdown-light.css (default: $GITHUB_MARKDOWN_CSS)")
    ap.add_argument("--strict", action="store_true", help="cmark-gfm without --unsafe")
    ap.add_argument("--open-details", action="store_true",
                    help="show <details> expanded (as after a click), e.g. for documentation")
    ap.add_argument("--chromium", default=next(
        (p for p in ("/usr/lib/chromium/chromium", shutil.which("chromium")) if p and os.access(p, os.X_OK)),
        "chromium"), help="the browser binary (Debian: /usr/lib/chromium/chromium, not the sh launcher)")
    a = ap.parse_args()
    if not a.css or not os.path.isfile(a.css):
        sys.exit("render-markdown: github-markdown-css not found (--css or GITHUB_MARKDOWN_CSS)")
    with open(a.markdown, encoding="utf-8") as f:
        md = f.read()
    body = to_html(md, a.strict)
    if a.open_details:
        body = body.replace("<details>", "<details open>")
    with open(a.css, encoding="utf-8") as f:
        doc = page(body, f.read())
    html_path = a.html or os.path.join(tempfile.mkdtemp(prefix="render-"), "page.html")
    with open(html_path, "w", encoding="utf-8") as f:
        f.write(doc)
    t0 = time.monotonic()
    h = screenshot(html_path, a.png, a.width, a.chromium)
    print("render-markdown: %s -> %s (%dx%d, %.1f s)" % (a.markdown, a.png, a.width, h,
                                                         time.monotonic() - t0))
    return 0


if __name__ == "__main__":
    sys.exit(main())
