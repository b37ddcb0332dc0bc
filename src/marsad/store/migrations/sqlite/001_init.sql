-- Marsad knowledge base, schema 1 (SQLite). Same tables and columns as postgres/001_init.sql.
CREATE TABLE articles (
    pk          INTEGER PRIMARY KEY,
    id          TEXT NOT NULL,            -- the article id (input id, else hash of the text)
    key         TEXT NOT NULL,            -- identity across versions: url, else id
    version     INTEGER NOT NULL,
    current     INTEGER NOT NULL,         -- 1 for the latest version of its key
    hash        TEXT NOT NULL,            -- sha256 of the canonical contract JSON
    url         TEXT,
    title       TEXT,
    outlet      TEXT,
    author      TEXT,
    published   TEXT,
    day         TEXT,                     -- published, date part (YYYY-MM-DD, or YYYY-MM / YYYY)
    body        TEXT NOT NULL,
    doc         TEXT NOT NULL,            -- the marsad.article/1 object as JSON
    terms       TEXT NOT NULL,            -- analyzed search terms (title + body), space-separated
    n_terms     INTEGER NOT NULL,
    sig_terms   BLOB,                     -- MinHash of the term set (story candidates)
    sig_shingles BLOB,                    -- MinHash of word 3-shingles (near-duplicates)
    ingested_at TEXT NOT NULL,
    UNIQUE (key, version)
);
CREATE INDEX articles_current_day ON articles (current, day);
CREATE INDEX articles_id ON articles (id);
CREATE INDEX articles_key ON articles (key);

CREATE VIRTUAL TABLE article_fts USING fts5 (terms, content='', tokenize='unicode61 remove_diacritics 0');

CREATE TABLE inputs (
    fingerprint TEXT PRIMARY KEY,         -- sha256 of an input as given (text, id, url, published)
    article_pk  INTEGER NOT NULL
);

CREATE TABLE entities (
    article_pk  INTEGER NOT NULL,
    eid         TEXT NOT NULL,
    key         TEXT NOT NULL,            -- kb id, else TYPE:normalized name
    type        TEXT,
    name        TEXT,
    name_norm   TEXT,
    name_en     TEXT,
    kb          TEXT,
    mentions    INTEGER NOT NULL
);
CREATE INDEX entities_key ON entities (key);
CREATE INDEX entities_article ON entities (article_pk);

CREATE TABLE entity_names (
    article_pk  INTEGER NOT NULL,
    key         TEXT NOT NULL,
    name        TEXT NOT NULL,
    name_norm   TEXT NOT NULL
);
CREATE INDEX entity_names_norm ON entity_names (name_norm);

CREATE TABLE roles (
    article_pk  INTEGER NOT NULL,
    key         TEXT NOT NULL,
    role        TEXT NOT NULL,
    pos_start   INTEGER NOT NULL,
    pos_end     INTEGER NOT NULL
);
CREATE INDEX roles_key ON roles (key);

CREATE TABLE quantities (
    article_pk  INTEGER NOT NULL,
    n           INTEGER NOT NULL,
    category    TEXT NOT NULL,
    value       BIGINT,
    magnitude   BIGINT,
    qualifier   TEXT,
    text        TEXT NOT NULL,
    unit        TEXT,
    about_key   TEXT,
    about_name  TEXT,
    as_of       TEXT,
    source      TEXT,
    pos_start   INTEGER NOT NULL,
    pos_end     INTEGER NOT NULL
);
CREATE INDEX quantities_category ON quantities (category);
CREATE INDEX quantities_article ON quantities (article_pk);

CREATE TABLE quotes (
    article_pk  INTEGER NOT NULL,
    n           INTEGER NOT NULL,
    speaker     TEXT NOT NULL,
    speaker_key TEXT,
    cue         TEXT NOT NULL,
    content     TEXT NOT NULL,
    direct      INTEGER NOT NULL,
    pos_start   INTEGER NOT NULL
);
CREATE INDEX quotes_speaker ON quotes (speaker_key);
CREATE INDEX quotes_article ON quotes (article_pk);

CREATE TABLE events (
    article_pk  INTEGER NOT NULL,
    n           INTEGER NOT NULL,
    type        TEXT NOT NULL,
    mode        TEXT,
    status      TEXT,
    day         TEXT,
    location_key TEXT,
    location_name TEXT,
    trigger_text TEXT NOT NULL,
    sentence    TEXT,
    pos_start   INTEGER NOT NULL
);
CREATE INDEX events_type ON events (type);
CREATE INDEX events_article ON events (article_pk);

CREATE TABLE event_parties (
    article_pk  INTEGER NOT NULL,
    n           INTEGER NOT NULL,
    role        TEXT NOT NULL,            -- actor | target
    key         TEXT NOT NULL,
    name        TEXT
);
CREATE INDEX event_parties_key ON event_parties (key);
CREATE INDEX event_parties_article ON event_parties (article_pk);
