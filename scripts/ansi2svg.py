#!/usr/bin/env python3
"""Turns a tmux `capture-pane -e -p` dump (text with SGR colour escapes) into an SVG picture of
the terminal: one monospace cell per column, wide (CJK) characters taking two cells."""
import html
import re
import sys
import unicodedata

CELL_W, CELL_H, FONT = 8.4, 17, 14
BASE16 = ["#1d1f21", "#cc6666", "#b5bd68", "#f0c674", "#81a2be", "#b294bb", "#8abeb7", "#c5c8c6",
          "#666666", "#ff7b7b", "#d5e08a", "#ffd88a", "#9fc3e6", "#d4b2e0", "#a6e3da", "#ffffff"]
DEFAULT_FG, DEFAULT_BG = "#d8dee9", "#101418"


def xterm256(n):
    if n < 16:
        return BASE16[n]
    if n < 232:
        n -= 16
        steps = [0, 95, 135, 175, 215, 255]
        return "#%02x%02x%02x" % (steps[n // 36], steps[(n // 6) % 6], steps[n % 6])
    level = 8 + (n - 232) * 10
    return "#%02x%02x%02x" % (level, level, level)


def width(ch):
    if unicodedata.combining(ch):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def parse(text):
    rows = []
    for line in text.split("\n"):
        style = {"fg": None, "bg": None, "bold": False, "dim": False, "ul": False, "rev": False}
        cells = []
        i = 0
        while i < len(line):
            m = re.match(r"\x1b\[([0-9;:]*)m", line[i:])
            if m:
                codes = [int(c) if c else 0 for c in re.split("[;:]", m.group(1))] or [0]
                j = 0
                while j < len(codes):
                    c = codes[j]
                    if c == 0:
                        style = {"fg": None, "bg": None, "bold": False, "dim": False, "ul": False, "rev": False}
                    elif c == 1: style["bold"] = True
                    elif c == 2: style["dim"] = True
                    elif c == 4: style["ul"] = True
                    elif c == 7: style["rev"] = True
                    elif c == 22: style["bold"] = style["dim"] = False
                    elif c == 24: style["ul"] = False
                    elif c == 27: style["rev"] = False
                    elif 30 <= c <= 37: style["fg"] = BASE16[c - 30]
                    elif 90 <= c <= 97: style["fg"] = BASE16[c - 90 + 8]
                    elif 40 <= c <= 47: style["bg"] = BASE16[c - 40]
                    elif 100 <= c <= 107: style["bg"] = BASE16[c - 100 + 8]
                    elif c == 39: style["fg"] = None
                    elif c == 49: style["bg"] = None
                    elif c in (38, 48) and j + 1 < len(codes):
                        key = "fg" if c == 38 else "bg"
                        if codes[j + 1] == 5 and j + 2 < len(codes):
                            style[key] = xterm256(codes[j + 2]); j += 2
                        elif codes[j + 1] == 2 and j + 4 < len(codes):
                            style[key] = "#%02x%02x%02x" % tuple(codes[j + 2:j + 5]); j += 4
                    j += 1
                i += len(m.group(0))
                continue
            if line[i] == "\x1b":  # other escapes: skip
                m = re.match(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b.", line[i:])
                i += len(m.group(0)) if m else 1
                continue
            ch = line[i]
            w = width(ch)
            if w > 0:
                cells.append((ch, dict(style), w))
            i += 1
        rows.append(cells)
    return rows


def render(rows, columns, lines, title):
    global DEFAULT_FG, DEFAULT_BG
    out = ['<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" font-family="DejaVu Sans Mono, monospace" font-size="%d">'
           % (columns * CELL_W + 20, lines * CELL_H + 44, FONT)]
    out.append('<rect width="100%%" height="100%%" rx="8" fill="%s"/>' % DEFAULT_BG)
    out.append('<circle cx="16" cy="14" r="5" fill="#ff5f56"/><circle cx="32" cy="14" r="5" fill="#ffbd2e"/><circle cx="48" cy="14" r="5" fill="#27c93f"/>')
    out.append('<text x="%d" y="18" fill="#8a94a6" font-size="12" text-anchor="middle">%s</text>' % ((columns * CELL_W + 20) / 2, html.escape(title)))
    for y, cells in enumerate(rows[:lines]):
        x = 0
        top = 30 + y * CELL_H
        for ch, st, w in cells:
            fg, bg = st["fg"] or DEFAULT_FG, st["bg"]
            if st["rev"]:
                fg, bg = (st["bg"] or DEFAULT_BG), (st["fg"] or DEFAULT_FG)
            px = 10 + x * CELL_W
            if bg:
                out.append('<rect x="%.1f" y="%d" width="%.1f" height="%d" fill="%s"/>' % (px, top, w * CELL_W + 0.5, CELL_H, bg))
            if ch != " ":
                attrs = ' font-weight="bold"' if st["bold"] else ""
                if st["dim"]:
                    attrs += ' opacity="0.6"'
                if st["ul"]:
                    attrs += ' text-decoration="underline"'
                out.append('<text x="%.1f" y="%d" fill="%s"%s>%s</text>' % (px, top + CELL_H - 4, fg, attrs, html.escape(ch)))
            x += w
    out.append("</svg>")
    return "\n".join(out)


def main():
    if len(sys.argv) < 3:
        sys.exit("usage: ansi2svg.py CAPTURE.ansi OUT.svg [COLUMNS LINES [TITLE [dark|light]]]")
    text = open(sys.argv[1], encoding="utf-8", errors="replace").read()
    columns = int(sys.argv[3]) if len(sys.argv) > 3 else 120
    lines = int(sys.argv[4]) if len(sys.argv) > 4 else 35
    title = sys.argv[5] if len(sys.argv) > 5 else "rossum-tui"
    if len(sys.argv) > 6 and sys.argv[6] == "light":
        # A light theme is meant for a terminal with a light background.
        global DEFAULT_FG, DEFAULT_BG
        DEFAULT_FG, DEFAULT_BG = "#1d1f21", "#fafafa"
    with open(sys.argv[2], "w", encoding="utf-8") as f:
        f.write(render(parse(text), columns, lines, title))


if __name__ == "__main__":
    main()
