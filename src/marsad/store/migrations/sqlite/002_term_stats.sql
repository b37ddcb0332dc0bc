-- Search ranking reads the average article length on every query: a covering index makes
-- that an index scan instead of a scan of the article rows (bodies and JSON included).
CREATE INDEX articles_current_terms ON articles (current, n_terms);
