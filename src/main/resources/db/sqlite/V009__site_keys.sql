-- The keys of the verification site (certify publish): for each certificate and site (its salt and
-- iteration count), the record's file name and AES key that PBKDF2 derives from the certificate's
-- code. Kept so that publishing again derives nothing; they are worth no more than the code, which
-- the certificate row holds in clear beside them.
CREATE TABLE site_key (
    certificate_id  INTEGER NOT NULL REFERENCES certificate (id) ON DELETE CASCADE,
    salt            TEXT NOT NULL,      -- the site's salt, hex
    iterations      INTEGER NOT NULL,
    record_id       TEXT NOT NULL,      -- the record file's name stem, 64 hex digits
    record_key      TEXT NOT NULL,      -- its AES-256-GCM key, hex
    PRIMARY KEY (certificate_id, salt, iterations)
) STRICT, WITHOUT ROWID;
