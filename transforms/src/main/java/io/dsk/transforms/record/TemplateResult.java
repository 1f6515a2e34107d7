package io.dsk.transforms.record;

/**
 * The outcome of rendering a template for one record: either the text, or the reason it could not
 * be rendered. The reason names the placeholder and what was wrong, never the record's data.
 *
 * @param text the rendered text, or {@code null} if unresolved
 * @param problem why rendering failed, or {@code null} if resolved
 * @since 0.1
 */
public record TemplateResult(String text, String problem) {

    /**
     * A rendered result.
     *
     * @param text the text
     * @return the result
     */
    public static TemplateResult of(String text) {
        return new TemplateResult(text, null);
    }

    /**
     * A failed result.
     *
     * @param problem the reason, without record data
     * @return the result
     */
    public static TemplateResult unresolved(String problem) {
        return new TemplateResult(null, problem);
    }

    /**
     * Tells whether rendering succeeded.
     *
     * @return {@code true} if {@link #text()} holds the rendered text
     */
    public boolean resolved() {
        return problem == null;
    }
}
