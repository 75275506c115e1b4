package io.apay.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JVM options a benchmark starts the services with: bin/apay's {@code JAVA_OPTS_DEFAULT}, what the services run
 * with as shipped, unless {@code -Dapay.e2e.jvm-opts} is given. The tests' own default in {@link Mesh} is smaller and
 * stays as it is: a benchmark measures what we ship.
 */
final class BenchJvm {

    private static final Pattern DEFAULT = Pattern.compile("(?m)^JAVA_OPTS_DEFAULT=\"([^\"]+)\"");

    /** Call before anything starts the mesh (a benchmark's static initializer): {@link Mesh} reads it once. */
    static void useShippedOptionsUnlessGiven() {
        if (System.getProperty("apay.e2e.jvm-opts") == null) {
            System.setProperty("apay.e2e.jvm-opts", shipped());
        }
    }

    static String shipped() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("bin/apay"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("bin/apay not found above " + Path.of("").toAbsolutePath());
        }
        try {
            Matcher m = DEFAULT.matcher(Files.readString(dir.resolve("bin/apay")));
            if (!m.find()) {
                throw new IllegalStateException("no JAVA_OPTS_DEFAULT=\"...\" line in bin/apay");
            }
            return m.group(1).trim();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read bin/apay", e);
        }
    }

    private BenchJvm() {
    }
}
