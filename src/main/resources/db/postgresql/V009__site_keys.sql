-- The keys of the verification site (db/sqlite/V009, certify publish): for each certificate and site
-- (its salt and iteration count), the record's file name and AES key that PBKDF2 derives from the
-- certificate's code. Kept so that publishing again derives nothing; they are worth no more than the
-- code, which the certificate row holds in clear beside them.
CREATE TABLE site_key (
    certificate_id  BIGINT NOT NULL REFERENCES certificate (id) ON DELETE CASCADE,
    salt            TEXT COLLATE "C" NOT NULL,
    iterations      INTEGER NOT NULL,
    record_id       TEXT COLLATE "C" NOT NULL,
    record_key      TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (certificate_id, salt, iterations)
);

-- the register's rows (V007): the keys of the certificates the user sees
ALTER TABLE site_key ENABLE ROW LEVEL SECURITY;

CREATE POLICY of_certificate ON site_key FOR ALL USING (certificate_id IN (SELECT id FROM certificate));
