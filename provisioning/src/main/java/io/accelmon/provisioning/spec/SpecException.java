package io.accelmon.provisioning.spec;

import java.util.List;

/** A cluster spec that cannot be used; carries one {@code FILE:LINE:COL: path: problem} message per problem. */
public final class SpecException extends Exception {

    private final List<String> problems;

    public SpecException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
