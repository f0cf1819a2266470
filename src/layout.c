/* layout: STUB, being written. */
#include "layout.h"

#include <stdlib.h>

#include "util.h"

void layout_metrics(int screen_w, int screen_h, double text_scale, LayoutMetrics *out)
{
	(void)screen_w; (void)screen_h; (void)text_scale; (void)out;
}
LayoutPage *layout_page(const ContentPage *page, const LayoutParams *params)
{
	(void)page; (void)params;
	LayoutPage *lp = xcalloc(1, sizeof(*lp));
	lp->screens = xcalloc(1, sizeof(LayoutScreen));
	lp->screen_count = 1;
	return lp;
}
void layout_page_destroy(LayoutPage *lp)
{
	if (!lp)
		return;
	free(lp->screens);
	free(lp);
}
const char *layout_box_text(const LayoutBox *box)
{
	return box->text ? box->text : box->label;
}
const LayoutBox *layout_hit(const LayoutScreen *screen, int x, int y)
{
	(void)screen; (void)x; (void)y;
	return NULL;
}
int layout_break_text(const char *text, const ContentSpan *spans, size_t span_count, int px,
		      int x, int y, int max_w, int line_height, LayoutMeasureFn measure, void *ctx,
		      LayoutWord **words, size_t *word_count, bool *overflow)
{
	(void)text; (void)spans; (void)span_count; (void)px; (void)x; (void)y; (void)max_w;
	(void)line_height; (void)measure; (void)ctx; (void)overflow;
	*words = NULL;
	*word_count = 0;
	return 0;
}
