/* picture: decides whether a picture file is safe to decode, BEFORE anything decodes it.
 *
 * The content folder is untrusted. A 69-byte PNG can say it is 30000 x 30000 pixels (3.5 GB
 * once decoded), and an SVG path with 100,000 points takes minutes to rasterise. So the
 * kiosk (render.c) and the checker (check.c) first read the size the file declares in its
 * header (PNG IHDR, JPEG SOF, SVG width/height/viewBox) and count what an SVG asks the
 * rasteriser to do, and refuse anything over the budgets below with one sentence saying
 * why. Refused pictures are drawn as the placeholder and reported as file:line by --check.
 *
 * The budgets are far above any picture an easy-read page needs (the shipped pictures are
 * at most 7 KB and 824 numbers). They bound the work, not the frame: the worst SVG inside
 * them (2,500 points in full-height zig-zags, stroked with round joins) still takes about
 * 1.5 s to rasterise at 400 px and 3.5 s at 1080 px with nanosvg, so the kiosk decodes
 * pictures on a worker thread (render_set_async) and no frame waits for one.
 *
 * Only PNG, JPEG and SVG are accepted, recognised by their bytes, not their names.
 * Core module: no SDL. Start reading at picture_probe. */
#ifndef PICTURE_H
#define PICTURE_H

#include <stdbool.h>
#include <stddef.h>

#define PICTURE_MAX_PIXELS (16L * 1000 * 1000) /* width x height a PNG/JPEG/SVG may declare */
#define PICTURE_MAX_SIDE 16384L                /* and each side at most this */
#define PICTURE_MAX_BYTES (8L * 1024 * 1024)   /* a PNG or JPEG file */
#define PICTURE_SVG_MAX_BYTES (256L * 1024)    /* an SVG file */
#define PICTURE_SVG_MAX_ELEMENTS 4000          /* tags in an SVG */
#define PICTURE_SVG_MAX_NUMBERS 5000           /* numbers in an SVG (coordinates, sizes) */
#define PICTURE_JPEG_MAX_SCANS 64              /* progressive JPEG scans (each one decodes again) */

typedef enum { PICTURE_UNKNOWN, PICTURE_PNG, PICTURE_JPEG, PICTURE_SVG } PictureFormat;

typedef struct {
	PictureFormat format;
	long width, height; /* declared size in pixels; SVG: 0 when it declares none */
	size_t elements;    /* SVG: tags */
	size_t numbers;     /* SVG: numbers */
	int scans;          /* JPEG: start-of-scan segments */
	char why[200];      /* when refused: why, in words for the person editing the pictures */
} PictureInfo;

/* Looks at a whole picture file's bytes without decoding them. True when it is a PNG, JPEG
 * or SVG within every budget; otherwise false with info->why set (e.g. "it is 30000 x
 * 30000 pixels, more than the 16 megapixels a picture may have"). info must not be NULL. */
bool picture_probe(const void *data, size_t len, PictureInfo *info);

/* Reads the file at path (refusing it before reading when it is larger than any budget
 * allows) and probes it. On success returns the bytes (caller frees; *len set) so the
 * caller decodes exactly what was probed; on failure returns NULL with info->why set
 * (also when the file cannot be read: errno's words). */
void *picture_read(const char *path, size_t *len, PictureInfo *info);

#endif
