package dev.mailblocks.check;

/** An SPF error that ends an evaluation with its result ({@code permerror}, {@code temperror}, {@code not checked}). */
final class SpfError extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient Spf.Result result;

    SpfError(String result, String detail) {
        super(detail, null, false, false);
        this.result = new Spf.Result(result, detail);
    }

    Spf.Result result() {
        return result;
    }
}
