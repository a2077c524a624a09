-- A job's event body lives from the accepting post until the broker acknowledged it, usually well under a second,
-- and is cleared then. Compressing it on the way in (PostgreSQL's default for large text) cost CPU on every post to
-- save disk for those moments; it is stored out of line as it is.
ALTER TABLE jobs ALTER COLUMN event_body SET STORAGE EXTERNAL;
