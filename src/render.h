/* render: draws a laid-out screen (layout.h boxes) with SDL2, SDL2_ttf and SDL2_image.
 * It owns the fonts and two caches: shaped text runs and pictures rasterised at the size
 * they are drawn (SVG stays crisp at 4K), both kept as textures so a page turn costs one
 * frame. It also measures text for the layout (render_measure). Edge module: SDL lives here.
 * Start reading at render_screen. */
#ifndef RENDER_H
#define RENDER_H

#include <SDL.h>
#include <stdbool.h>

#include "kiosk.h"
#include "layout.h"
#include "theme.h"

typedef struct Render Render;

/* RenderState (what is lit besides the boxes) is the controller's: kiosk.h. */

/* Creates a renderer helper drawing on `sdl` (borrowed, must outlive it). Fonts come from
 * font_dir (Atkinson Hyperlegible, DejaVu Sans as fallback for missing letters); a missing
 * font is logged and the next one used. Returns NULL with a log line when no font at all
 * can be opened. Free with render_destroy. */
Render *render_create(SDL_Renderer *sdl, const char *font_dir);
void render_destroy(Render *r); /* NULL is a no-op */

/* LayoutMeasureFn: ctx is the Render. */
int render_measure(void *ctx, const char *text, size_t len, int px, bool bold);
/* Height in px of a capital H at font size px (for the EN 301 549 5.1.4 check). */
int render_cap_height(Render *r, int px);
/* How many times its nominal size text in Arabic script (arabic: true) is drawn, so its
 * x-height matches the Latin font's (1.0 for Latin, or without an Arabic font). ctx is
 * the Render. */
double render_script_scale(void *ctx, bool arabic);
/* Sets the match for a page at text_scale (settings_text_scale): Urdu's x-height matches
 * Latin's, but Arabic letters are never drawn larger than the largest text size draws
 * Latin ones (1.22 at normal, 1.2 at large, 1.0 at largest with the shipped fonts). Call
 * before laying out; a change drops the shaped text. ctx is the Render. */
void render_fit_scripts(void *ctx, double text_scale);

/* The smallest body font size at which a capital H spans 0.7 degrees of visual angle
 * (EN 301 549 5.1.4: H >= 0.01222 x viewing distance) on a panel panel_mm wide showing
 * screen_w pixels; 0 when the panel size or distance is not known. */
int render_min_body_px(Render *r, int screen_w, double panel_mm, double distance_mm);

/* Clears with the theme's background and draws every box of the screen. */
void render_screen(Render *r, const LayoutScreen *screen, const Theme *theme,
		   const RenderState *state);
/* Drops every cached texture (after a theme or size change nothing is reused anyway). */
void render_clear_cache(Render *r);
/* Decode pictures on a worker thread from now on, so no picture can freeze the screen: a
 * frame that asks for new pictures waits for them a few tens of ms, then draws the
 * placeholder for any still decoding, and an SDL event of type render_picture_event(r) is
 * pushed as each one is ready (redraw then). Without this (tests, tools) pictures decode
 * in-line. False (with a log line) when no thread can be made: in-line it stays. */
bool render_set_async(Render *r);
Uint32 render_picture_event(const Render *r); /* 0 when not async */
/* Where picture bytes come from: fn(ctx, path, &len) returns bytes kept in memory for path
 * (the content keeps the last good version of every picture, content_keep_pictures) or
 * NULL, and then the file is read. Called on the main thread only; the bytes are copied. */
typedef const void *(*RenderPictureFn)(void *ctx, const char *path, size_t *len);
void render_set_picture_source(Render *r, RenderPictureFn fn, void *ctx);
/* True while the worker still decodes pictures asked for (false when not async). */
bool render_pictures_pending(Render *r);
/* Number of pictures that failed to load so far (each is logged once). */
int render_picture_failures(const Render *r);

#endif
