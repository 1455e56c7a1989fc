package dev.slaw.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A search over the store's datasets or fits, {@code ?q=chinchilla loss}: every word must occur
 * (case ignored) in one of the entry's fields; {@code law:chinchilla} looks in that field only.
 */
final class Query {
    static final Set<String> DATASET_FIELDS = Set.of("name", "format", "origin");
    static final Set<String> FIT_FIELDS = Set.of("id", "dataset", "law", "target", "formula");

    /** A word and the field it is confined to (null: any field). */
    private record Term(String field, String text) {
    }

    private static final Query ALL = new Query(List.of());

    private final List<Term> terms;

    private Query(List<Term> terms) {
        this.terms = terms;
    }

    /**
     * The query {@code q} says (null or blank: everything).
     *
     * @throws Failure 400 for a query over 200 characters or a field the entries do not have
     */
    static Query of(String q, Set<String> fields) {
        if (q == null || q.isBlank()) {
            return ALL;
        }
        if (q.length() > 200) {
            throw Failure.badInput("q: a search of at most 200 characters, got " + q.length());
        }
        List<Term> terms = new ArrayList<>();
        for (String word : q.strip().split("\\s+")) {
            int colon = word.indexOf(':');
            String field = null;
            String text = word;
            if (colon > 0) {
                field = word.substring(0, colon).toLowerCase(Locale.ROOT);
                text = word.substring(colon + 1);
                if (!fields.contains(field)) {
                    throw Failure.badInput("q: \"" + word + "\" searches a field there is not (fields: "
                            + String.join(", ", fields.stream().sorted().toList()) + ")");
                }
            }
            if (!text.isEmpty()) {
                terms.add(new Term(field, text.toLowerCase(Locale.ROOT)));
            }
        }
        return new Query(terms);
    }

    /** Whether every word occurs in the entry's fields. */
    boolean matches(Map<String, String> entry) {
        for (Term t : terms) {
            boolean found = false;
            for (Map.Entry<String, String> e : entry.entrySet()) {
                if ((t.field() == null || t.field().equals(e.getKey()))
                        && e.getValue() != null && e.getValue().toLowerCase(Locale.ROOT).contains(t.text())) {
                    found = true;
                    break;
                }
            }
            if (!found) {
                return false;
            }
        }
        return true;
    }
}
