/* content: STUB, being written. */
#include "content.h"

#include <stdlib.h>

Content *content_open(const char *dir)
{
	(void)dir;
	return NULL;
}
void content_close(Content *c)
{
	(void)c;
}
ContentLanguage *content_language(Content *c, const char *code)
{
	(void)c;
	(void)code;
	return NULL;
}
ContentPage *content_page(Content *c, ContentLanguage *lang, const char *name)
{
	(void)c;
	(void)lang;
	(void)name;
	return NULL;
}
void content_load_all(Content *c)
{
	(void)c;
}
void content_parse_page(ContentPage *page, const char *path, const char *markdown, size_t len,
			const char *images_dir, ContentPageExistsFn page_exists, void *ctx,
			DiagList *diags)
{
	(void)page; (void)path; (void)markdown; (void)len; (void)images_dir; (void)page_exists;
	(void)ctx; (void)diags;
}
void content_page_clear(ContentPage *page)
{
	(void)page;
}
