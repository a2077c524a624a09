-- Bodies and raw messages arrive zstd-compressed; PostgreSQL's own compression of large values only spent CPU on
-- every insert finding that out. Stored out of line as they are.
ALTER TABLE email_content ALTER COLUMN bodies SET STORAGE EXTERNAL;
ALTER TABLE email_content ALTER COLUMN raw_message SET STORAGE EXTERNAL;
