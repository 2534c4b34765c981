package org.mmkgrec.loader.source;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Applies the {@link ErrorPolicy}: under STOP the first bad record throws an {@link InputException};
 * under SKIP it is counted per file and the first few messages are kept for the summary. One
 * instance per load: it also holds the load's {@link CrossRecordRules}.
 */
public final class InputErrors {
    private static final int KEPT_MESSAGES = 20;

    private final ErrorPolicy policy;
    private final Map<String, Long> skippedByFile = new TreeMap<>();
    private final List<String> firstMessages = new ArrayList<>();
    private final CrossRecordRules rules = new CrossRecordRules(this);

    public InputErrors(ErrorPolicy policy) {
        this.policy = policy;
    }

    public static InputErrors stopping() {
        return new InputErrors(ErrorPolicy.STOP);
    }

    /** Reports a bad record; returns normally only under SKIP (the caller then drops the record). */
    public void report(Path file, long line, String field, String problem) {
        if (policy == ErrorPolicy.STOP) {
            throw new InputException(file, line, field, problem);
        }
        skippedByFile.merge(file.toString(), 1L, Long::sum);
        if (firstMessages.size() < KEPT_MESSAGES) {
            firstMessages.add(InputException.format(file, line, field, problem));
        }
    }

    public ErrorPolicy policy() { return policy; }

    /** The rules across records and files (links, content ids) of the load these errors belong to. */
    public CrossRecordRules rules() { return rules; }

    public long skipped() {
        return skippedByFile.values().stream().mapToLong(Long::longValue).sum();
    }

    public Map<String, Long> skippedByFile() { return Map.copyOf(skippedByFile); }

    public List<String> firstMessages() { return List.copyOf(firstMessages); }
}
