package io.penguinmails.ingest.service.parse;

/** Attachment names as a mail program would save them: no directories, no control characters. */
final class Filenames {

    private static final int MAX_SUBJECT_NAME = 100;

    private Filenames() {}

    /** A declared name without any directory part; null when nothing is left. */
    static String clean(String declared, Problems problems, String where) {
        if (declared == null) {
            return null;
        }
        String name = declared.replaceAll("\\p{Cntrl}", "").strip();
        int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        if (slash >= 0) {
            // A path in a name must never steer where a consumer writes the file.
            problems.add(where + ": file name \"" + declared + "\" names a directory, kept only the last part");
            name = name.substring(slash + 1).strip();
        }
        return name.isEmpty() ? null : name;
    }

    /** The name of an attached message without one: its subject, as mail programs save it. */
    static String forMessage(String subject) {
        String base = subject == null
                ? ""
                : subject.replaceAll("[\\p{Cntrl}/\\\\:*?\"<>|]", "_").strip();
        if (base.length() > MAX_SUBJECT_NAME) {
            base = base.substring(0, MAX_SUBJECT_NAME).strip();
        }
        return (base.isEmpty() ? "message" : base) + ".eml";
    }
}
