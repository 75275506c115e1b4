package io.apay.common.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.apay.common.core.security.AdminRole;
import io.apay.common.core.security.Permission;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** docs/admin.md's role table is the permission table: they never drift apart. */
class PermissionDocTest {

    @Test
    void theDocumentedTableIsTheEnforcedOne() throws Exception {
        List<String> rows = Files.readAllLines(Path.of("../../docs/admin.md")).stream()
                .filter(l -> l.startsWith("| ") && !l.startsWith("| permission") && !l.startsWith("| ---")).toList();
        for (Permission p : Permission.values()) {
            String row = rows.stream().filter(r -> r.startsWith("| " + p.name() + " |")).findFirst()
                    .orElseThrow(() -> new AssertionError(p + " is missing from docs/admin.md"));
            String[] cells = row.split("\\|", -1);
            AdminRole[] roles = AdminRole.values();
            for (int i = 0; i < roles.length; i++) {
                boolean documented = cells[3 + i].trim().equals("✓");
                assertThat(documented).as(p + " for " + roles[i]).isEqualTo(Permission.allowed(Set.of(roles[i]), p));
            }
        }
    }
}
