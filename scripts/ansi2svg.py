#!/usr/bin/env python3
"""Turns tmux `capture-pane -e -p` dumps (text with SGR colour escapes) into SVG pictures of the
terminal: one monospace cell per column, wide (CJK) characters taking exactly two cells.

    ansi2svg.py CAPTURE.ansi OUT.svg [COLUMNS LINES [TITLE [dark|light]]]
    ansi2svg.py --animate FRAMES OUT.svg [COLUMNS LINES [TITLE [dark|light]]]

FRAMES lists one frame a line, "SECONDS CAPTURE.ansi" (a path relative to the list): each
capture is shown for its seconds, in turn, and the whole plays in a loop. Consecutive identical
frames are shown as one; a line of the screen is drawn once however many frames show it."""
import html
import os
import re
import sys
import unicodedata

# A cell is as wide as DejaVu Sans Mono's advance (1233/2048 em), so a run of text lands on the
# cells even where a renderer (librsvg) takes only a text element's first x. Every character
# also gets its own x, for the renderers that use them (browsers); a wide character is a text
# element of its own. The CJK fonts are there for the wide characters the Latin ones lack.
FONT = 14
CELL_W, CELL_H = 1233 / 2048 * FONT, 17
FONT_STACK = ("'DejaVu Sans Mono', Menlo, Consolas, IPAGothic, 'Noto Sans Mono CJK JP', "
              "'Noto Sans CJK JP', 'Hiragino Sans', 'Yu Gothic', 'MS Gothic', monospace")
BASE16 = ["#1d1f21", "#cc6666", "#b5bd68", "#f0c674", "#81a2be", "#b294bb", "#8abeb7", "#c5c8c6",
          "#666666", "#ff7b7b", "#d5e08a", "#ffd88a", "#9fc3e6", "#d4b2e0", "#a6e3da", "#ffffff"]
THEMES = {"dark": ("#d8dee9", "#101418"), "light": ("#1d1f21", "#fafafa")}
PLAIN = {"fg": None, "bg": None, "bold": False, "dim": False, "ul": False, "rev": False}


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


def apply_sgr(style, codes):
    j = 0
    while j < len(codes):
        c = codes[j]
        if c == 0: style = dict(PLAIN)
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
    return style


def parse(text):
    """Rows of cells (column, character, style, width); the style is a hashable tuple."""
    rows = []
    for line in text.split("\n"):
        style = dict(PLAIN)
        cells = []
        col = 0
        i = 0
        while i < len(line):
            m = re.match(r"\x1b\[([0-9;:]*)m", line[i:])
            if m:
                codes = [int(c) if c else 0 for c in re.split("[;:]", m.group(1))] or [0]
                style = apply_sgr(style, codes)
                i += len(m.group(0))
                continue
            if line[i] == "\x1b":  # other escapes: skip
                m = re.match(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b.", line[i:])
                i += len(m.group(0)) if m else 1
                continue
            ch = line[i]
            w = width(ch)
            if w > 0:
                cells.append((col, ch, tuple(sorted(style.items())), w))
                col += w
            i += 1
        rows.append(cells)
    return rows


def colours(style, theme):
    st = dict(style)
    fg, bg = st["fg"], st["bg"]
    if st["rev"]:
        fg, bg = (bg or THEMES[theme][1]), (fg or THEMES[theme][0])
    return st, fg, bg


def num(v):
    return ("%.2f" % v).rstrip("0").rstrip(".")


def render_row(cells, theme, top):
    """The SVG elements of one line of the screen, its cells' top at `top`."""
    out = []
    # Backgrounds: one rectangle per run of cells of one colour (no seams between cells).
    run = None  # [start column, end column, colour]
    for col, ch, style, w in cells + [(None, None, None, 0)]:
        bg = colours(style, theme)[2] if style else None
        if run and (bg != run[2] or col != run[1]):
            out.append('<rect x="%s" y="%s" width="%s" height="%d" fill="%s"/>'
                       % (num(10 + run[0] * CELL_W), num(top), num((run[1] - run[0]) * CELL_W), CELL_H, run[2]))
            run = None
        if bg:
            if run:
                run[1] = col + w
            else:
                run = [col, col + w, bg]
    # Text: one element per run of one style, broken at gaps of two or more blank cells and
    # around wide characters; each character gets its own x, a wide one centred in its cells.
    runs = []
    for col, ch, style, w in cells:
        if ch == " ":
            continue
        last = runs[-1] if runs else None
        if last and last["style"] == style and col - last["end"] <= 1 and w == 1 and \
                last["chars"][-1][2] == 1 and \
                all(c[1] == " " and c[2] == style for c in cells if last["end"] <= c[0] < col):
            if col > last["end"]:
                last["chars"].append((last["end"], " ", 1))
            last["chars"].append((col, ch, w))
            last["end"] = col + w
        else:
            runs.append({"style": style, "chars": [(col, ch, w)], "end": col + w})
    y = num(top + CELL_H - 4)
    for r in runs:
        st, fg, _ = colours(r["style"], theme)
        attrs = ""
        if fg and fg != THEMES[theme][0]:
            attrs += ' fill="%s"' % fg
        if st["bold"]:
            attrs += ' font-weight="bold"'
        if st["dim"]:
            attrs += ' opacity="0.6"'
        if st["ul"]:
            attrs += ' text-decoration="underline"'
        xs = " ".join(num(10 + col * CELL_W + (w * CELL_W - FONT) / 2 if w == 2 else 10 + col * CELL_W)
                      for col, _, w in r["chars"])
        text = html.escape("".join(ch for _, ch, _ in r["chars"]), quote=False)
        out.append('<text x="%s" y="%s"%s>%s</text>' % (xs, y, attrs, text))
    return "".join(out)


def frame_head(columns, lines, title, theme):
    fg, bg = THEMES[theme]
    w, h = columns * CELL_W + 20, lines * CELL_H + 44
    return [
        '<svg xmlns="http://www.w3.org/2000/svg" width="%s" height="%d" viewBox="0 0 %s %d" '
        'font-family="%s" font-size="%d" xml:space="preserve">' % (num(w), h, num(w), h, FONT_STACK, FONT),
        '<rect width="100%%" height="100%%" rx="8" fill="%s"/>' % bg,
        '<circle cx="16" cy="14" r="5" fill="#ff5f56"/><circle cx="32" cy="14" r="5" fill="#ffbd2e"/>'
        '<circle cx="48" cy="14" r="5" fill="#27c93f"/>',
        '<text x="%s" y="18" fill="#8a94a6" font-size="12" text-anchor="middle">%s</text>'
        % (num(w / 2), html.escape(title, quote=False)),
        '<g fill="%s" shape-rendering="crispEdges">' % fg,
    ]


def render(rows, columns, lines, title, theme):
    out = frame_head(columns, lines, title, theme)
    for y, cells in enumerate(rows[:lines]):
        row = render_row(cells, theme, 30 + y * CELL_H)
        if row:
            out.append(row)
    out.append("</g></svg>")
    return "\n".join(out)


def render_animated(frames, columns, lines, title, theme):
    """frames: [(seconds, rows)]. Every distinct line is defined once; the frames are stacked in
    a strip of <use>s, and one discrete SMIL translation shows each in turn for its seconds."""
    merged = []
    for seconds, rows in frames:
        rows = [tuple(r) for r in rows[:lines]]
        if merged and merged[-1][1] == rows:
            merged[-1][0] += seconds
        else:
            merged.append([seconds, rows])
    defs, ids, strip = [], {}, []
    frame_h = lines * CELL_H
    for n, (_, rows) in enumerate(merged):
        for y, cells in enumerate(rows):
            if not cells:
                continue
            body = render_row(list(cells), theme, 0)
            if not body:
                continue
            if body not in ids:
                ids[body] = "l%d" % len(ids)
                defs.append('<g id="%s">%s</g>' % (ids[body], body))
            strip.append('<use href="#%s" y="%d"/>' % (ids[body], n * frame_h + y * CELL_H))
    total = sum(s for s, _ in merged)
    times, t = [], 0.0
    for seconds, _ in merged:
        times.append(t / total)
        t += seconds
    out = frame_head(columns, lines, title, theme)
    out.append("<defs>%s</defs>" % "\n".join(defs))
    out.append('<svg x="0" y="30" width="%s" height="%d" overflow="hidden"><g>' % (num(columns * CELL_W + 20), frame_h))
    out.append('<animateTransform attributeName="transform" type="translate" calcMode="discrete" '
               'dur="%ss" repeatCount="indefinite" values="%s" keyTimes="%s"/>'
               % (num(total), ";".join("0 %d" % (-n * frame_h) for n in range(len(merged))),
                  ";".join("%.4f" % k for k in times)))
    out.append("\n".join(strip))
    out.append("</g></svg></g></svg>")
    return "\n".join(out), len(merged), total


def read(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        return f.read()


def main():
    args = sys.argv[1:]
    animate = bool(args) and args[0] == "--animate"
    if animate:
        args = args[1:]
    if len(args) < 2:
        sys.exit(__doc__)
    columns = int(args[2]) if len(args) > 2 else 120
    lines = int(args[3]) if len(args) > 3 else 35
    title = args[4] if len(args) > 4 else "rossum-tui"
    # A light theme is meant for a terminal with a light background.
    theme = "light" if len(args) > 5 and args[5] == "light" else "dark"
    if animate:
        base = os.path.dirname(os.path.abspath(args[0]))
        frames = []
        for line in read(args[0]).splitlines():
            if line.strip():
                seconds, path = line.split(None, 1)
                frames.append((float(seconds), parse(read(os.path.join(base, path.strip())))))
        svg, count, total = render_animated(frames, columns, lines, title, theme)
        print("%s: %d frames, %.1f s" % (args[1], count, total))
    else:
        svg = render(parse(read(args[0])), columns, lines, title, theme)
    with open(args[1], "w", encoding="utf-8") as f:
        f.write(svg)


if __name__ == "__main__":
    main()
