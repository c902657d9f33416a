"""The page families, one object each (`base.Family`): the pages it claims, what one page reads, how it renders.

- `base`: the family and its reads, the memo key derived from them;
- `articles`: an article's page, its Web Annotations and reference files;
- `entries`: a term's, person's or organisation's page and its years of mentions;
- `lists`: the indexes and the timeline;
- `data`: the feeds, their sitemap and the entries' names for search.

Every family of the build is listed once, in `render.pages.FAMILIES`.
"""
