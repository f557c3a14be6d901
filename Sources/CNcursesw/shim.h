#ifndef CNCURSESW_SHIM_H
#define CNCURSESW_SHIM_H
// Wide-character curses: must be defined before <curses.h> so cchar_t and the *_wch calls exist.
#define NCURSES_WIDECHAR 1
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <locale.h>
#include <langinfo.h>
#include <poll.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>
#include <ncursesw/curses.h>
#include <ncursesw/term.h>

// Function-like macros and global variables of curses are not visible to Swift (or are
// mutable globals Swift 6 refuses); these accessors expose them as plain functions.
static inline WINDOW *rt_stdscr(void) { return stdscr; }
static inline WINDOW *rt_curscr(void) { return curscr; }
static inline int rt_lines(void) { return LINES; }
static inline int rt_cols(void) { return COLS; }
static inline int rt_colors(void) { return COLORS; }
static inline int rt_color_pairs(void) { return COLOR_PAIRS; }

static inline attr_t rt_attr_bold(void) { return A_BOLD; }
static inline attr_t rt_attr_dim(void) { return A_DIM; }
static inline attr_t rt_attr_underline(void) { return A_UNDERLINE; }
static inline attr_t rt_attr_reverse(void) { return A_REVERSE; }
static inline attr_t rt_attr_italic(void) { return A_ITALIC; }
static inline attr_t rt_attr_attributes(void) { return A_ATTRIBUTES; }
static inline attr_t rt_attr_color(void) { return A_COLOR; }

static inline int rt_key_f0(void) { return KEY_F0; }

static inline mmask_t rt_button1_pressed(void) { return BUTTON1_PRESSED; }
static inline mmask_t rt_button1_clicked(void) { return BUTTON1_CLICKED; }
static inline mmask_t rt_button1_released(void) { return BUTTON1_RELEASED; }
static inline mmask_t rt_button4_pressed(void) { return BUTTON4_PRESSED; }
static inline mmask_t rt_button5_pressed(void) { return BUTTON5_PRESSED; }

/// Fills one cell: up to CCHARW_MAX wide characters, attributes and an extended colour pair.
static inline int rt_setcchar(cchar_t *cell, const wchar_t *text, attr_t attributes, int pair) {
    return setcchar(cell, text, attributes, (short)(pair > 32767 ? 0 : pair), &pair);
}

/// Fills one cell holding a single spacing character, as setcchar would, without its
/// argument checks: the hot path of drawing a frame.
static inline void rt_fill_cell(cchar_t *cell, wchar_t character, attr_t attributes, int pair) {
    cell->attr = (attributes & ~A_COLOR) | (attr_t)COLOR_PAIR(pair > 255 ? 255 : pair);
    cell->chars[0] = character;
    cell->chars[1] = 0;
    cell->chars[2] = 0;
    cell->chars[3] = 0;
    cell->chars[4] = 0;
    cell->ext_color = pair;
}

/// Reads back one cell: its characters (NUL-terminated, up to CCHARW_MAX), attributes and pair.
static inline int rt_getcchar(const cchar_t *cell, wchar_t *text, attr_t *attributes, int *pair) {
    short shortPair = 0;
    int result = getcchar(cell, text, attributes, &shortPair, pair);
    return result;
}

/// The C library's column width of a character in the current locale (declared here because
/// <wchar.h> only declares it under _XOPEN_SOURCE). Used to match what the terminal will do.
extern int wcwidth(wchar_t c);
static inline int rt_wcwidth(wchar_t c) { return wcwidth(c); }

/// errno without the thread-local macro dance.
#include <errno.h>
static inline int rt_errno(void) { return errno; }

#endif
