"""Web pages: report pages, the bilingual page, index pages and the sitemap."""
